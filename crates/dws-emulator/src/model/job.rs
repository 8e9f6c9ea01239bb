//! Jobs: what an operation that answers a `job_id` did, to be read back with
//! `list_job_details`.

use dws_contract::status::JobStatus;
use dws_contract::time::format_iso8601;
use dws_contract::types::JobDetail;
use serde::{Deserialize, Serialize};

/// A stored job.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Job {
    /// Its id: 32 hexadecimal digits, as the service's.
    pub id: String,
    /// Owning project.
    pub project_id: String,
    /// What it does (`stopCluster`, …).
    pub name: String,
    /// The cluster it works on.
    pub cluster_id: Option<String>,
    /// When it began.
    pub begin_ms: i64,
    /// When it ended.
    pub end_ms: Option<i64>,
    /// `RUNNING`, then `SUCCESS` or `FAIL`.
    pub status: JobStatus,
    /// A failure's code.
    pub failed_code: Option<String>,
    /// A failure's words.
    pub failed_detail: Option<String>,
}

impl Job {
    /// A job under way from `now`.
    pub fn running(project_id: &str, name: &str, cluster_id: &str, now: i64) -> Job {
        Job {
            id: uuid::Uuid::new_v4().simple().to_string(),
            project_id: project_id.to_owned(),
            name: name.to_owned(),
            cluster_id: Some(cluster_id.to_owned()),
            begin_ms: now,
            end_ms: None,
            status: JobStatus::Running,
            failed_code: None,
            failed_detail: None,
        }
    }

    /// A job that was done as soon as it was asked for.
    pub fn done(project_id: &str, name: &str, cluster_id: &str, now: i64) -> Job {
        let mut j = Job::running(project_id, name, cluster_id, now);
        j.succeed(now);
        j
    }

    /// It succeeded at `at`.
    pub fn succeed(&mut self, at: i64) {
        self.status = JobStatus::Success;
        self.end_ms = Some(at);
    }

    /// It failed at `at`, with a code and words.
    pub fn fail(&mut self, at: i64, code: &str, detail: &str) {
        self.status = JobStatus::Fail;
        self.end_ms = Some(at);
        self.failed_code = Some(code.to_owned());
        self.failed_detail = Some(detail.to_owned());
    }

    /// The wire form; `progress` is the task's while it runs.
    pub fn detail(&self, progress: Option<String>) -> JobDetail {
        // The service writes job times with no zone.
        let time = |ms: i64| format_iso8601(ms).trim_end_matches('Z').to_owned();
        let progress = match self.status {
            JobStatus::Success => Some("100%".to_owned()),
            _ => progress.or_else(|| Some("0%".to_owned())),
        };
        JobDetail {
            job_id: self.id.clone(),
            job_name: Some(self.name.clone()),
            begin_time: Some(time(self.begin_ms)),
            end_time: self.end_ms.map(time),
            status: self.status.clone(),
            failed_code: self.failed_code.clone(),
            failed_detail: self.failed_detail.clone(),
            progress,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_job_runs_then_ends() {
        let mut j = Job::running("p", "stopCluster", "c", 1_796_403_600_000);
        assert_eq!(j.id.len(), 32);
        let d = j.detail(Some("40%".into()));
        assert_eq!((d.status, d.progress.as_deref(), d.end_time), (JobStatus::Running, Some("40%"), None));
        assert_eq!(d.begin_time.as_deref(), Some("2026-12-04T17:00:00"));
        j.fail(1_796_403_660_000, "DWS.0008", "The server did not start.");
        let d = j.detail(None);
        assert_eq!((d.status, d.failed_code.as_deref()), (JobStatus::Fail, Some("DWS.0008")));
        assert_eq!(d.end_time.as_deref(), Some("2026-12-04T17:01:00"));
        assert_eq!(Job::done("p", "modifyClusterName", "c", 0).detail(None).progress.as_deref(), Some("100%"));
    }
}
