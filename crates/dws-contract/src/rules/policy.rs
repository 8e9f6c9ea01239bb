//! Snapshot policies (DWS-DAY-TWO.md §2): retention, names, schedules, and where backups go.
//!
//! Huawei's user guide ("Configuring Automated Snapshots"): snapshots are kept 1–31 days; a
//! cluster has at most 10 cluster-level policies; a policy's name has 4–92 characters, starts
//! with a letter, and is unique whatever its case; no automated backup runs within 4 hours of the
//! previous one, so a schedule that runs more often than that is refused.

use super::error::{Field, RuleError, Violation};
use crate::schedule::{Schedule, ScheduleError};
use crate::status::{BackupDevice, BackupLevel, BackupType};
use crate::types::{BackupStrategyRequest, SnapshotPolicyRequest};

/// Days an automated snapshot may be kept.
pub const KEEP_DAY: std::ops::RangeInclusive<i64> = 1..=31;
/// How long a new cluster keeps its automated snapshots.
pub const DEFAULT_KEEP_DAY: u32 = 7;
/// How long a policy's name may be, in characters.
pub const POLICY_NAME_LENGTH: std::ops::RangeInclusive<usize> = 4..=92;
/// Most cluster-level policies on one cluster.
pub const MAX_CLUSTER_POLICIES: usize = 10;
/// Most schema-level policies on one cluster.
pub const MAX_SCHEMA_POLICIES: usize = 50;
/// The fewest hours between two automated snapshots.
pub const MIN_HOURS_APART: u32 = 4;
/// `time_zone_offset`'s range.
pub const TIME_ZONE_OFFSET: std::ops::RangeInclusive<i64> = 0..=23;
/// The values of `backup_type`.
pub const BACKUP_TYPES: &[&str] = &["full", "increment"];
/// The values of `backup_level`.
pub const BACKUP_LEVELS: &[&str] = &["cluster", "schema", "table"];
/// The values of `device_name`.
pub const BACKUP_DEVICES: &[&str] = &["OBS", "NBU", "NFS"];

/// The policies every new cluster has, as the service names and schedules them: an increment
/// every 8 hours Monday to Saturday, a full backup on Sunday at 02:00 (UTC).
pub const DEFAULT_POLICIES: [(&str, BackupType, &str); 2] = [
    ("default-full-strategy", BackupType::Full, "0 0 2 ? * 1"),
    ("default-increment-strategy", BackupType::Increment, "0 7 2/8 ? * 2,3,4,5,6,7"),
];

/// `keep_day`: 1–31.
pub fn keep_day(days: i64) -> Result<(), RuleError> {
    if KEEP_DAY.contains(&days) {
        Ok(())
    } else {
        Err(RuleError::new(Field::KeepDay, Violation::OutOfRange { min: *KEEP_DAY.start(), max: *KEEP_DAY.end() }))
    }
}

/// `policy_name`: a letter first; letters, digits, `-`, `_`; 4–92 characters.
pub fn policy_name(name: &str) -> Result<(), RuleError> {
    let err = |v| Err(RuleError::new(Field::PolicyName, v));
    if name.is_empty() {
        return err(Violation::Required);
    }
    if let Some(c) = name.chars().find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_')) {
        return err(Violation::InvalidCharacter(c));
    }
    if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return err(Violation::MustStartWithLetter);
    }
    if !POLICY_NAME_LENGTH.contains(&name.chars().count()) {
        return err(Violation::Length { min: *POLICY_NAME_LENGTH.start(), max: *POLICY_NAME_LENGTH.end() });
    }
    Ok(())
}

/// Policy names are unique in a cluster, whatever their case.
pub fn policy_name_unique<'a>(name: &str, existing: impl IntoIterator<Item = &'a str>) -> Result<(), RuleError> {
    if existing.into_iter().any(|n| n.eq_ignore_ascii_case(name)) {
        Err(RuleError::new(Field::PolicyName, Violation::Taken))
    } else {
        Ok(())
    }
}

/// `backup_strategy`: a Quartz cron expression whose runs are at least [`MIN_HOURS_APART`]
/// apart, judged over the four weeks after `now_ms`.
pub fn backup_strategy(expr: &str, now_ms: i64) -> Result<Schedule, RuleError> {
    let err = |v| RuleError::new(Field::BackupStrategy, v);
    if expr.trim().is_empty() {
        return Err(err(Violation::Required));
    }
    let schedule = Schedule::parse(expr).map_err(|e| {
        err(match e {
            ScheduleError::Fields(found) => Violation::ScheduleFields { found },
            ScheduleError::BothDays => Violation::ScheduleDays,
            ScheduleError::Invalid(why) => Violation::ScheduleSyntax(why),
            ScheduleError::Never => Violation::ScheduleNever,
        })
    })?;
    match schedule.shortest_gap_ms(now_ms) {
        Some(gap) if gap < i64::from(MIN_HOURS_APART) * 3_600_000 => {
            Err(err(Violation::ScheduleTooFrequent { min_hours: MIN_HOURS_APART }))
        }
        _ => Ok(schedule),
    }
}

/// `backup_type`: `full` or `increment`.
pub fn backup_type(value: &str) -> Result<BackupType, RuleError> {
    match BackupType::from(value) {
        BackupType::Other(_) => Err(RuleError::new(Field::BackupType, Violation::NotOneOf(BACKUP_TYPES))),
        t => Ok(t),
    }
}

/// `backup_level`: `cluster`. Schema- and table-level policies need cluster versions newer than
/// the emulator's clusters run (9.1.0.100, 8.3.0.110 or 8.2.1.230).
pub fn backup_level(value: &str) -> Result<BackupLevel, RuleError> {
    match BackupLevel::from(value) {
        BackupLevel::Cluster => Ok(BackupLevel::Cluster),
        BackupLevel::Other(_) => Err(RuleError::new(Field::BackupLevel, Violation::NotOneOf(BACKUP_LEVELS))),
        _ => Err(RuleError::new(Field::BackupLevel, Violation::NotInThisVersion)),
    }
}

/// `device_name`, with what NBU and NFS need: `server_ips` for both.
pub fn backup_device(r: &SnapshotPolicyRequest) -> Result<(), RuleError> {
    let Some(name) = &r.device_name else { return Ok(()) };
    let device = BackupDevice::from(name.as_str());
    if !device.is_known() {
        return Err(RuleError::new(Field::BackupDevice, Violation::NotOneOf(BACKUP_DEVICES)));
    }
    let needs_servers = matches!(device, BackupDevice::Nbu | BackupDevice::Nfs);
    if needs_servers && r.server_ips.as_ref().is_none_or(|ips| ips.iter().all(|ip| ip.trim().is_empty())) {
        let with = if device == BackupDevice::Nbu { "NBU" } else { "NFS" };
        return Err(RuleError::new(Field::ServerIps, Violation::RequiredWith(with)));
    }
    Ok(())
}

/// `time_zone_offset`: 0–23.
pub fn time_zone_offset(hours: i64) -> Result<(), RuleError> {
    if TIME_ZONE_OFFSET.contains(&hours) {
        Ok(())
    } else {
        let (min, max) = (*TIME_ZONE_OFFSET.start(), *TIME_ZONE_OFFSET.end());
        Err(RuleError::new(Field::TimeZoneOffset, Violation::OutOfRange { min, max }))
    }
}

fn push(errors: &mut Vec<RuleError>, r: Result<(), RuleError>) {
    if let Err(e) = r {
        errors.push(e);
    }
}

/// One strategy of a write, on its own: what it gives must be valid, and one that adds a policy
/// (no `policy_id`) must give a name, a schedule and a type.
pub fn backup_strategy_request(s: &BackupStrategyRequest, now_ms: i64) -> Vec<RuleError> {
    let mut e = Vec::new();
    let adding = s.policy_id.as_deref().is_none_or(str::is_empty);
    let required = |field| RuleError::new(field, Violation::Required);
    match &s.policy_name {
        Some(n) => push(&mut e, policy_name(n)),
        None if adding => e.push(required(Field::PolicyName)),
        None => {}
    }
    match &s.backup_strategy {
        Some(cron) => push(&mut e, backup_strategy(cron, now_ms).map(|_| ())),
        None if adding => e.push(required(Field::BackupStrategy)),
        None => {}
    }
    match &s.backup_type {
        Some(t) => push(&mut e, backup_type(t).map(|_| ())),
        None if adding => e.push(required(Field::BackupType)),
        None => {}
    }
    if let Some(level) = &s.backup_level {
        push(&mut e, backup_level(level).map(|_| ()));
    }
    if let Some(tz) = s.time_zone_offset {
        push(&mut e, time_zone_offset(tz));
    }
    e
}

/// A whole write, on its own (the names it must not reuse and the policies it changes are the
/// caller's to check against the cluster).
pub fn snapshot_policy_request(r: &SnapshotPolicyRequest, now_ms: i64) -> Vec<RuleError> {
    let mut e = Vec::new();
    if let Some(days) = r.keep_day {
        push(&mut e, keep_day(days));
    }
    push(&mut e, backup_device(r));
    for s in r.backup_strategies.iter().flatten() {
        e.extend(backup_strategy_request(s, now_ms));
    }
    let names: Vec<&str> = r.backup_strategies.iter().flatten().filter_map(|s| s.policy_name.as_deref()).collect();
    for (i, n) in names.iter().enumerate() {
        if names[..i].iter().any(|m| m.eq_ignore_ascii_case(n)) {
            e.push(RuleError::new(Field::PolicyName, Violation::Taken));
            break;
        }
    }
    e
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::ErrorCode;

    const NOW: i64 = 1_796_403_600_000;

    #[test]
    fn retention_is_one_to_thirty_one_days() {
        assert!(keep_day(1).is_ok() && keep_day(31).is_ok());
        for bad in [0, 32, -1] {
            let e = keep_day(bad).unwrap_err();
            assert_eq!(e.code(), ErrorCode::Dws5080);
        }
        assert_eq!(keep_day(0).unwrap_err().message(crate::Lang::En), "Retention (days) must be between 1 and 31.");
    }

    #[test]
    fn names_and_their_uniqueness() {
        assert!(policy_name("nightly").is_ok());
        assert!(policy_name(&format!("p{}", "x".repeat(91))).is_ok());
        assert_eq!(policy_name("abc").unwrap_err().violation, Violation::Length { min: 4, max: 92 });
        assert_eq!(policy_name(&"p".repeat(93)).unwrap_err().violation, Violation::Length { min: 4, max: 92 });
        assert_eq!(policy_name("1abc").unwrap_err().violation, Violation::MustStartWithLetter);
        assert_eq!(policy_name("ab cd").unwrap_err().violation, Violation::InvalidCharacter(' '));
        let e = policy_name_unique("NIGHTLY", ["nightly"]).unwrap_err();
        assert_eq!((e.violation.clone(), e.code()), (Violation::Taken, ErrorCode::Dws5039));
        assert!(policy_name_unique("weekly", ["nightly"]).is_ok());
    }

    #[test]
    fn schedules_are_quartz_and_at_least_four_hours_apart() {
        for (name, _, cron) in DEFAULT_POLICIES {
            assert!(backup_strategy(cron, NOW).is_ok(), "{name}");
        }
        assert!(backup_strategy("0 0 */4 * * ?", NOW).is_ok());
        let e = backup_strategy("0 0 */3 * * ?", NOW).unwrap_err();
        assert_eq!((e.violation.clone(), e.code()), (Violation::ScheduleTooFrequent { min_hours: 4 }, ErrorCode::Dws5079));
        assert_eq!(backup_strategy("0 0 2 * *", NOW).unwrap_err().violation, Violation::ScheduleFields { found: 5 });
        assert_eq!(backup_strategy("0 0 2 1 * 1", NOW).unwrap_err().violation, Violation::ScheduleDays);
        let e = backup_strategy("0 0 24 * * ?", NOW).unwrap_err();
        assert!(matches!(e.violation, Violation::ScheduleSyntax(_)));
        assert_eq!(e.code(), ErrorCode::Dws5018);
        assert_eq!(backup_strategy("", NOW).unwrap_err().violation, Violation::Required);
        assert_eq!(backup_strategy("0 0 0 30 2 ?", NOW).unwrap_err().violation, Violation::ScheduleNever);
    }

    #[test]
    fn types_levels_devices_and_offsets() {
        assert_eq!(backup_type("full"), Ok(BackupType::Full));
        assert_eq!(backup_type("FULL").unwrap_err().violation, Violation::NotOneOf(BACKUP_TYPES));
        assert_eq!(backup_level("cluster"), Ok(BackupLevel::Cluster));
        assert_eq!(backup_level("schema").unwrap_err().code(), ErrorCode::Dws5206);
        assert_eq!(backup_level("db").unwrap_err().code(), ErrorCode::Dws5065);
        let nbu = SnapshotPolicyRequest { device_name: Some("NBU".into()), ..Default::default() };
        assert_eq!(backup_device(&nbu).unwrap_err().violation, Violation::RequiredWith("NBU"));
        let nfs = SnapshotPolicyRequest { device_name: Some("NFS".into()), server_ips: Some(vec!["127.0.0.1".into()]), ..Default::default() };
        assert!(backup_device(&nfs).is_ok());
        let tape = SnapshotPolicyRequest { device_name: Some("TAPE".into()), ..Default::default() };
        assert_eq!(backup_device(&tape).unwrap_err().code(), ErrorCode::Dws5065);
        assert!(time_zone_offset(0).is_ok() && time_zone_offset(23).is_ok());
        assert_eq!(time_zone_offset(24).unwrap_err().code(), ErrorCode::Dws5038);
    }

    #[test]
    fn a_new_policy_needs_a_name_a_schedule_and_a_type_a_change_needs_none() {
        let add = BackupStrategyRequest::default();
        let fields: Vec<Field> = backup_strategy_request(&add, NOW).into_iter().map(|e| e.field).collect();
        assert_eq!(fields, [Field::PolicyName, Field::BackupStrategy, Field::BackupType]);
        let change = BackupStrategyRequest { policy_id: Some("p".into()), ..Default::default() };
        assert!(backup_strategy_request(&change, NOW).is_empty());
        let twice = SnapshotPolicyRequest {
            backup_strategies: Some(vec![
                BackupStrategyRequest { policy_name: Some("daily-a".into()), backup_strategy: Some("0 0 1 * * ?".into()), backup_type: Some("full".into()), ..Default::default() },
                BackupStrategyRequest { policy_name: Some("DAILY-A".into()), backup_strategy: Some("0 0 9 * * ?".into()), backup_type: Some("full".into()), ..Default::default() },
            ]),
            ..Default::default()
        };
        assert_eq!(snapshot_policy_request(&twice, NOW)[0].violation, Violation::Taken);
    }
}
