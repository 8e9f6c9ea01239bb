//! Adding or changing a snapshot policy: its name, kind and schedule (picked in the user's time
//! zone or typed as a cron expression), with the runs it will make; and deleting one.

use dws_contract::Operation;
use dws_contract::rules::{self, Field};
use dws_contract::status::BackupType;
use dws_contract::types::{BackupStrategyDetail, BackupStrategyRequest, SnapshotPolicyRequest};
use leptos::prelude::*;

use super::schedule::{EVERY_HOURS, Hm, Repeat};
use super::window::{day_name, zone_name};
use crate::api::{service_now_ms, use_request};
use crate::components::actions::{DialogButtons, json, write};
use crate::components::error_view::ErrorView;
use crate::components::field::{TextField, field_hint};
use crate::format::{local_time, utc_offset_minutes};
use crate::i18n::{Text, tr, use_lang};

/// How the schedule is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Hours,
    Daily,
    Weekly,
    Cron,
}

const MODES: [(Mode, &str, Text); 4] = [
    (Mode::Hours, "hours", Text::RepeatHours),
    (Mode::Daily, "daily", Text::RepeatDaily),
    (Mode::Weekly, "weekly", Text::RepeatWeekly),
    (Mode::Cron, "cron", Text::RepeatCron),
];

/// The write that adds a policy (`existing` none) or changes one: for a change, only what
/// differs from it; `None` when nothing does.
pub fn policy_change(existing: Option<&BackupStrategyDetail>, name: &str, cron: &str, kind: &BackupType) -> Option<BackupStrategyRequest> {
    let Some(e) = existing else {
        return Some(BackupStrategyRequest {
            policy_name: Some(name.to_owned()),
            backup_strategy: Some(cron.to_owned()),
            backup_type: Some(kind.as_str().to_owned()),
            ..Default::default()
        });
    };
    let r = BackupStrategyRequest {
        policy_id: Some(e.policy_id.clone()),
        policy_name: (name != e.policy_name).then(|| name.to_owned()),
        backup_strategy: (cron.split_whitespace().ne(e.backup_strategy.split_whitespace())).then(|| cron.to_owned()),
        backup_type: (*kind != e.backup_type).then(|| kind.as_str().to_owned()),
        ..Default::default()
    };
    (r.policy_name.is_some() || r.backup_strategy.is_some() || r.backup_type.is_some()).then_some(r)
}

/// The form of a new policy, or of `existing`; `others` are the names the cluster's other
/// policies have.
#[component]
pub fn PolicyForm(
    cluster_id: String,
    existing: Option<BackupStrategyDetail>,
    others: Vec<String>,
    open: RwSignal<bool>,
    saved: Callback<()>,
) -> impl IntoView {
    let lang = use_lang();
    let call = use_request();
    let (pending, failure) = (call.pending, call.failure);
    let offset = utc_offset_minutes();
    let now = service_now_ms();
    let picked = existing.as_ref().map(|e| Repeat::from_cron(&e.backup_strategy, offset));
    let name = RwSignal::new(existing.as_ref().map(|e| e.policy_name.clone()).unwrap_or_default());
    let kind = RwSignal::new(existing.as_ref().map(|e| e.backup_type.clone()).unwrap_or(BackupType::Full));
    let cron = RwSignal::new(existing.as_ref().map(|e| e.backup_strategy.clone()).unwrap_or_default());
    let (mode, every, first, at, days) = {
        let (mut m, mut ev, mut fi, mut a, mut d) = (Mode::Hours, 6, "02:00".to_owned(), "02:00".to_owned(), Vec::new());
        match picked.clone() {
            Some(Some(Repeat::Hours { every, first })) => (ev, fi) = (every, first.text()),
            Some(Some(Repeat::Daily { at })) => (m, a) = (Mode::Daily, at.text()),
            Some(Some(Repeat::Weekly { days, at })) => (m, a, d) = (Mode::Weekly, at.text(), days),
            Some(None) => m = Mode::Cron,
            None => {}
        }
        (RwSignal::new(m), RwSignal::new(ev), RwSignal::new(fi), RwSignal::new(a), RwSignal::new(d))
    };
    let not_in_picker = matches!(picked, Some(None));
    let submitted = RwSignal::new(false);
    let time_error = |value: RwSignal<String>| {
        Signal::derive(move || value.with(|v| Hm::parse(v).is_none()).then(|| Text::TimeFormat.get(lang.get()).to_owned()))
    };
    let (first_error, at_error) = (time_error(first), time_error(at));
    let days_error = Signal::derive(move || {
        (submitted.get() && days.with(Vec::is_empty)).then(|| Text::PickADay.get(lang.get()).to_owned())
    });
    // The expression sent, or why there is none yet.
    let written = Memo::new(move |_| -> Result<String, ()> {
        let repeat = match mode.get() {
            Mode::Cron => return Ok(cron.get().trim().to_owned()),
            Mode::Hours => Repeat::Hours { every: every.get(), first: first.with(|f| Hm::parse(f)).ok_or(())? },
            Mode::Daily => Repeat::Daily { at: at.with(|a| Hm::parse(a)).ok_or(())? },
            Mode::Weekly if days.with(Vec::is_empty) => return Err(()),
            Mode::Weekly => Repeat::Weekly { days: days.get(), at: at.with(|a| Hm::parse(a)).ok_or(())? },
        };
        Ok(repeat.to_cron(offset))
    });
    let fields = [Field::PolicyName, Field::BackupStrategy];
    let server = move |field: Field| {
        failure.with(|f| f.as_ref().and_then(|e| e.on_field(&fields, lang.get())).filter(|(f, _)| *f == field).map(|(_, m)| m))
    };
    // The rules' verdict on it, and when it would run (the preview): computed once per change.
    let checked = Memo::new(move |_| written.get().map(|c| rules::backup_strategy(&c, now).map(|s| s.runs_after(now, 7))));
    let cron_error = Signal::derive(move || {
        server(Field::BackupStrategy).or_else(|| match checked.get() {
            Ok(Err(e)) if mode.get() == Mode::Cron && (submitted.get() || !cron.with(String::is_empty)) => Some(e.message(lang.get())),
            _ => None,
        })
    });
    // A picked schedule the rules refuse (none today, but the rules are the service's) shows
    // under the preview.
    let picked_error = move || match (mode.get(), checked.get()) {
        (Mode::Cron, _) => None,
        (_, Ok(Err(e))) => Some(e.message(lang.get())),
        _ => None,
    };
    let others_for_rule = others.clone();
    let name_error = Signal::derive(move || {
        server(Field::PolicyName).or_else(|| {
            let n = name.get();
            (submitted.get() || !n.is_empty())
                .then(|| rules::policy_name(&n).and_then(|()| rules::policy_name_unique(&n, others_for_rule.iter().map(String::as_str))).err())
                .flatten()
                .map(|e| e.message(lang.get()))
        })
    });
    let preview = move || match checked.get() {
        Ok(Ok(runs)) => runs,
        _ => Vec::new(),
    };
    let note = RwSignal::new(None::<Text>);
    let existing_for_submit = existing.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submitted.set(true);
        note.set(None);
        if name_error.get_untracked().is_some() {
            crate::browser::focus("policy-name");
            return;
        }
        let Ok(Ok(_)) = checked.get_untracked() else {
            crate::browser::focus(match mode.get_untracked() {
                Mode::Cron => "policy-cron",
                Mode::Hours => "policy-first",
                Mode::Daily | Mode::Weekly if at_error.get_untracked().is_some() => "policy-at",
                Mode::Weekly => "policy-day-0",
                Mode::Daily => "policy-at",
            });
            return;
        };
        let expr = written.get_untracked().unwrap_or_default();
        let Some(change) = policy_change(existing_for_submit.as_ref(), &name.get_untracked(), &expr, &kind.get_untracked()) else {
            note.set(Some(Text::NothingChanged));
            return;
        };
        let body = SnapshotPolicyRequest { backup_strategies: Some(vec![change]), ..Default::default() };
        let done = Box::new(move || {
            open.set(false);
            saved.run(());
        });
        let failed = Box::new(|e: &crate::api::ApiError| {
            let fields = [(Field::PolicyName, "policy-name"), (Field::BackupStrategy, "policy-cron")];
            crate::components::field::point_at_failure(e, &fields, "#policy-dialog [data-testid=error-panel]")
        });
        write(call, Operation::CreateSnapshotPolicy, cluster_id.clone(), None, json(&body), done, Some(failed));
    };
    let shown = move |m: Mode| move || mode.get() != m;
    view! {
        <form class="form policy-form" on:submit=submit novalidate data-testid="policy-form">
            <TextField id="policy-name" label=tr(Text::PolicyName) value=name error=name_error hint=field_hint(Text::PolicyNameHint)/>
            <fieldset class="radio-group" data-testid="policy-kind">
                <legend>{tr(Text::BackupKind)}</legend>
                {[(BackupType::Full, Text::BackupFull), (BackupType::Increment, Text::BackupIncrement)].into_iter().map(|(k, label)| {
                    let id = format!("policy-kind-{}", k.as_str());
                    let for_id = id.clone();
                    let (k1, k2) = (k.clone(), k.clone());
                    view! {
                        <label class="radio" for=for_id>
                            <input type="radio" id=id name="policy-kind" prop:checked=move || kind.with(|v| *v == k1)
                                on:change=move |_| kind.set(k2.clone())/>
                            {tr(label)}
                        </label>
                    }
                }).collect_view()}
            </fieldset>
            <fieldset class="radio-group" data-testid="policy-repeat">
                <legend>{tr(Text::Repeat)} " (" {zone_name(offset)} ")"</legend>
                {MODES.into_iter().map(|(m, key, label)| {
                    let id = format!("repeat-{key}");
                    let for_id = id.clone();
                    view! {
                        <label class="radio" for=for_id>
                            <input type="radio" id=id name="policy-repeat" prop:checked=move || mode.get() == m on:change=move |_| mode.set(m)/>
                            {tr(label)}
                        </label>
                    }
                }).collect_view()}
            </fieldset>
            {not_in_picker.then(|| view! { <p class="muted" data-testid="cron-not-in-picker">{tr(Text::CronNotInPicker)}</p> })}
            <div class="form-row" hidden=shown(Mode::Hours)>
            <div class="field">
                <label for="policy-every">{tr(Text::HoursApart)}</label>
                <select id="policy-every" data-testid="policy-every" on:change=move |ev| {
                    if let Ok(n) = event_target_value(&ev).parse() { every.set(n) }
                }>
                    {EVERY_HOURS.into_iter().map(|n| view! { <option value=n.to_string() selected=move || every.get() == n>{n}</option> }).collect_view()}
                </select>
            </div>
            <TextField id="policy-first" label=tr(Text::FirstRunAt) value=first error=first_error/>
            </div>
            <fieldset class="checkbox-group" data-testid="policy-days" hidden=shown(Mode::Weekly)
                aria-describedby="policy-days-error">
                <legend>{tr(Text::OnDays)}</legend>
                {(0..7u8).map(|d| {
                    let id = format!("policy-day-{d}");
                    let for_id = id.clone();
                    view! {
                        <label class="radio" for=for_id>
                            <input type="checkbox" id=id prop:checked=move || days.with(|v| v.contains(&d))
                                on:change=move |ev| days.update(|v| {
                                    v.retain(|x| *x != d);
                                    if event_target_checked(&ev) { v.push(d); crate::data::sort::sort(v); }
                                })/>
                            {move || day_name(d, lang.get())}
                        </label>
                    }
                }).collect_view()}
                <p class="field-error" id="policy-days-error" aria-live="polite">{move || days_error.get()}</p>
            </fieldset>
            <div hidden=move || !matches!(mode.get(), Mode::Daily | Mode::Weekly)>
                <TextField id="policy-at" label=tr(Text::RunAt) value=at error=at_error/>
            </div>
            <div hidden=shown(Mode::Cron)>
                <TextField id="policy-cron" label=tr(Text::CronField) value=cron error=cron_error hint=field_hint(Text::CronHint)/>
            </div>
            <p data-testid="policy-written">
                {tr(Text::SentAs)} " " <code data-testid="policy-cron-out">{move || written.get().ok()}</code>
            </p>
            <p class="field-error" aria-live="polite" data-testid="policy-schedule-error">{picked_error}</p>
            <div class="preview" data-testid="policy-preview">
                <h3 id="policy-preview-h">{tr(Text::NextSevenRuns)} " (" {zone_name(offset)} ")"</h3>
                <ol aria-labelledby="policy-preview-h">
                    {move || preview().into_iter().map(|ms| view! { <li data-testid="policy-run">{local_time(ms, lang.get())}</li> }).collect_view()}
                </ol>
            </div>
            <ErrorView error=failure/>
            <p class="muted" role="status" data-testid="policy-note">{move || note.get().map(|t| t.get(lang.get()))}</p>
            <DialogButtons open=open pending=pending confirm=Text::Save/>
        </form>
    }
}

/// Deleting `policy`.
#[component]
pub fn PolicyDelete(cluster_id: String, policy: BackupStrategyDetail, open: RwSignal<bool>, saved: Callback<()>) -> impl IntoView {
    let call = use_request();
    let (pending, failure) = (call.pending, call.failure);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        // The service answers with no body.
        let done = Box::new(move || {
            open.set(false);
            saved.run(());
        });
        write(call, Operation::DeleteSnapshotPolicy, cluster_id.clone(), Some(policy.policy_id.clone()), None, done, None);
    };
    view! {
        <form class="form" on:submit=submit novalidate>
            <p class="warning-text">{tr(Text::DeletePolicyExplained)}</p>
            <ErrorView error=failure/>
            <DialogButtons open=open pending=pending confirm=Text::Delete danger=true/>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn existing() -> BackupStrategyDetail {
        serde_json::from_value(serde_json::json!({
            "policy_id": "p1", "policy_name": "nightly", "backup_strategy": "0 0 2 * * ?", "backup_type": "full"
        }))
        .unwrap()
    }

    #[test]
    fn a_new_policy_sends_everything_a_change_only_what_changed() {
        let add = policy_change(None, "every-6h", "0 0 0/6 * * ?", &BackupType::Increment).unwrap();
        assert_eq!(
            serde_json::to_value(&add).unwrap(),
            serde_json::json!({"policy_name": "every-6h", "backup_strategy": "0 0 0/6 * * ?", "backup_type": "increment"})
        );
        let e = existing();
        assert_eq!(policy_change(Some(&e), "nightly", "0  0 2 * * ?", &BackupType::Full), None, "spacing is no change");
        let renamed = policy_change(Some(&e), "nightly-full", "0 0 2 * * ?", &BackupType::Full).unwrap();
        assert_eq!(serde_json::to_value(&renamed).unwrap(), serde_json::json!({"policy_id": "p1", "policy_name": "nightly-full"}));
        let moved = policy_change(Some(&e), "nightly", "0 0 3 * * ?", &BackupType::Increment).unwrap();
        assert_eq!(
            serde_json::to_value(&moved).unwrap(),
            serde_json::json!({"policy_id": "p1", "backup_strategy": "0 0 3 * * ?", "backup_type": "increment"})
        );
    }
}
