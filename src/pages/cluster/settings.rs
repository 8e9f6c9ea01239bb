//! The Backups tab's settings: whether automated snapshots are taken, and for how many days they
//! are kept. Saving sends only what changed (the service's write is an upsert).

use dws_contract::Operation;
use dws_contract::rules::{self, Field};
use dws_contract::types::SnapshotPolicyRequest;
use leptos::prelude::*;

use crate::api::use_request;
use crate::components::actions::{json, write};
use crate::components::error_view::ErrorView;
use crate::components::field::{TextField, field_hint};
use crate::i18n::{Text, tr, use_lang};

/// The write of the settings that differ from the service's: `None` when nothing does.
pub fn settings_change(auto: bool, keep: i64, had_auto: bool, had_keep: u32) -> Option<SnapshotPolicyRequest> {
    let r = SnapshotPolicyRequest {
        auto_backup: (auto != had_auto).then_some(auto),
        keep_day: (keep != i64::from(had_keep)).then_some(keep),
        ..Default::default()
    };
    (r != SnapshotPolicyRequest::default()).then_some(r)
}

/// The settings form, filled with the service's values `auto` and `keep`.
#[component]
pub fn BackupSettings(
    cluster_id: Signal<String>,
    auto: bool,
    keep: u32,
    refusal: Signal<Option<String>>,
    saved: Callback<()>,
) -> impl IntoView {
    let lang = use_lang();
    let call = use_request();
    let (pending, failure) = (call.pending, call.failure);
    let on = RwSignal::new(auto);
    let days = RwSignal::new(keep.to_string());
    let note = RwSignal::new(None::<Text>);
    let parsed = move || days.with(|d| d.trim().parse::<i64>().ok());
    let server = Signal::derive(move || {
        failure.with(|f| f.as_ref().and_then(|e| e.on_field(&[Field::KeepDay], lang.get())).map(|(_, m)| m))
    });
    let days_error = Signal::derive(move || {
        server.get().or_else(|| match parsed() {
            Some(n) => rules::keep_day(n).err().map(|e| e.message(lang.get())),
            None => Some(Text::WholeNumber.get(lang.get()).to_owned()),
        })
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        note.set(None);
        if refusal.with_untracked(Option::is_some) {
            return;
        }
        let Some(n) = parsed().filter(|_| days_error.get_untracked().is_none()) else {
            crate::browser::focus("keep-day");
            return;
        };
        let Some(body) = settings_change(on.get_untracked(), n, auto, keep) else {
            note.set(Some(Text::NothingChanged));
            return;
        };
        write(call, Operation::CreateSnapshotPolicy, cluster_id.get_untracked(), None, json(&body), Box::new(move || saved.run(())), None);
    };
    let blocked = move || refusal.with(Option::is_some) || pending.get();
    view! {
        <section class="card" aria-labelledby="backup-settings-h">
        <h2 id="backup-settings-h">{tr(Text::AutomatedSnapshots)}</h2>
        <form class="form settings-form" on:submit=submit novalidate data-testid="backup-settings" aria-labelledby="backup-settings-h">
            <div class="field">
                <label class="switch" for="auto-backup">
                    <input type="checkbox" role="switch" id="auto-backup" data-testid="auto-backup"
                        aria-describedby="auto-backup-hint"
                        prop:checked=move || on.get() on:change=move |ev| on.set(event_target_checked(&ev))/>
                    {tr(Text::AutoBackup)}
                </label>
                <p class="field-hint" id="auto-backup-hint">{tr(Text::AutoBackupHint)}</p>
            </div>
            <TextField id="keep-day" label=tr(Text::KeepDay) value=days error=days_error input_type="number" hint=field_hint(Text::KeepDayHint)/>
            <ErrorView error=failure/>
            <p class="muted" role="status" data-testid="settings-note">{move || note.get().map(|t| t.get(lang.get()))}</p>
            <div class="form-buttons">
                <button type="submit" class="button primary" data-testid="save-settings"
                    aria-disabled=move || blocked().to_string() aria-busy=move || pending.get().to_string()
                    aria-describedby=move || refusal.with(Option::is_some).then_some("settings-why")>
                    {tr(Text::SaveSettings)}
                </button>
                {move || refusal.get().map(|why| view! { <span class="guard-reason" id="settings-why">{why}</span> })}
            </div>
        </form>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_what_changed_is_sent() {
        assert_eq!(settings_change(true, 7, true, 7), None);
        let r = settings_change(false, 7, true, 7).unwrap();
        assert_eq!(serde_json::to_value(&r).unwrap(), serde_json::json!({"auto_backup": false}));
        let r = settings_change(true, 14, true, 7).unwrap();
        assert_eq!(serde_json::to_value(&r).unwrap(), serde_json::json!({"keep_day": 14}));
    }
}
