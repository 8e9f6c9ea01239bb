//! Events: what happened to a project's clusters and snapshots, kept in the order it happened.

use dws_contract::Lang;
use dws_contract::events::{EventDetail, EventKind, NAME_SPACE, SUBJECT};
use dws_contract::types::EventResponse;
use serde::{Deserialize, Serialize};

/// A stored event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// Its id.
    pub id: String,
    /// Owning project.
    pub project_id: String,
    /// Its specification's name (an [`EventKind`]'s).
    pub name: String,
    /// The resource it is about.
    pub source_id: String,
    /// That resource's name.
    pub source_name: String,
    /// The cluster it concerns (the resource itself, or a snapshot's cluster).
    pub cluster_id: Option<String>,
    /// What the service adds to the words (an old name, the tags, a policy).
    pub detail: Option<EventDetail>,
    /// The IAM user who asked for it; none for the service's own work.
    pub user: Option<String>,
    /// When, ms since the epoch.
    pub occur_ms: i64,
    /// Its wire form as JSON, in English and in Chinese, made once when it is stored: a page of
    /// a thousand events is then copied, not built and encoded again at every request.
    #[serde(skip)]
    pub rendered: Option<std::sync::Arc<[String; 2]>>,
}

impl Event {
    /// An event of `kind` about `source` at `at`.
    pub fn new(project_id: &str, kind: EventKind, source_id: &str, source_name: &str, at: i64) -> Event {
        Event {
            id: uuid::Uuid::new_v4().to_string(),
            project_id: project_id.to_owned(),
            name: kind.name().to_owned(),
            source_id: source_id.to_owned(),
            source_name: source_name.to_owned(),
            cluster_id: None,
            detail: None,
            user: None,
            occur_ms: at,
            rendered: None,
        }
    }

    /// Makes its JSON in both languages, kept for listing.
    pub fn render(&mut self) {
        let json = |lang| self.wire(lang).and_then(|w| serde_json::to_string(&w).ok()).unwrap_or_default();
        self.rendered = Some(std::sync::Arc::new([json(Lang::En), json(Lang::Zh)]));
    }

    /// Its JSON in a language (rendered now if it was not yet).
    pub fn json(&self, lang: Lang) -> std::borrow::Cow<'_, str> {
        let i = usize::from(lang == Lang::Zh);
        match &self.rendered {
            Some(r) => std::borrow::Cow::Borrowed(r[i].as_str()),
            None => std::borrow::Cow::Owned(self.wire(lang).and_then(|w| serde_json::to_string(&w).ok()).unwrap_or_default()),
        }
    }

    /// Its kind (stored names are always known ones).
    pub fn kind(&self) -> Option<EventKind> {
        EventKind::from_name(&self.name)
    }

    /// The wire form, in the caller's language.
    pub fn wire(&self, lang: Lang) -> Option<EventResponse> {
        let kind = self.kind()?;
        Some(EventResponse {
            event_id: self.id.clone(),
            name: self.name.clone(),
            display_name: Some(kind.display_name(lang).to_owned()),
            category: kind.category(),
            severity: kind.severity(),
            source_type: kind.source_type(),
            source_id: Some(self.source_id.clone()),
            source_name: Some(self.source_name.clone()),
            occur_time: self.occur_ms,
            description: Some(kind.template(lang).to_owned()),
            context: Some(kind.context(&self.source_name, self.detail.as_ref(), lang)),
            subject: Some(SUBJECT.to_owned()),
            name_space: Some(NAME_SPACE.to_owned()),
            project_id: Some(self.project_id.clone()),
            // Recorded and handled by the service at once.
            status: Some(2),
            user_name: self.user.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_event_reads_as_the_service_writes_one() {
        let mut e = Event::new("p", EventKind::DeleteClusterSuccess, "c1", "dws-1", 1_664_331_248_330);
        e.user = Some("admin".into());
        let w = e.wire(Lang::En).unwrap();
        assert_eq!(w.name, "deleteClusterSuccess");
        assert_eq!(w.description.as_deref(), Some("The cluster %s is deleted."));
        assert_eq!(w.context.as_deref(), Some("The cluster dws-1 is deleted."));
        assert_eq!(w.subject.as_deref(), Some("DWS event notification"));
        assert_eq!(w.user_name.as_deref(), Some("admin"));
        assert_eq!(e.wire(Lang::Zh).unwrap().context.as_deref(), Some("集群dws-1删除成功。"));
        let fresh = e.json(Lang::En).into_owned();
        e.render();
        assert_eq!(e.json(Lang::En), fresh);
        assert_eq!(serde_json::from_str::<serde_json::Value>(&e.json(Lang::Zh)).unwrap()["context"], "集群dws-1删除成功。");
    }
}
