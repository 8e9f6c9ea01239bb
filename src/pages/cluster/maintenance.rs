//! Changing the maintenance window: a day and a start in the user's time zone, shown in UTC too,
//! sent in UTC (the day moves when the start crosses midnight between the two).

use dws_contract::Operation;
use dws_contract::rules;
use dws_contract::types::MaintainWindow;
use leptos::prelude::*;

use super::window::{day_name, from_utc, start_choices, to_utc, window_text, zone_name};
use crate::api::use_request;
use crate::components::actions::{DialogButtons, json, write};
use crate::components::error_view::ErrorView;
use crate::format::utc_offset_minutes;
use crate::i18n::{Text, tr, use_lang};

/// The window form of `cluster_id`, starting from its `current` window.
#[component]
pub fn WindowForm(cluster_id: String, current: Option<MaintainWindow>, open: RwSignal<bool>, saved: Callback<()>) -> impl IntoView {
    let lang = use_lang();
    let call = use_request();
    let (pending, failure) = (call.pending, call.failure);
    let offset = utc_offset_minutes();
    let choices = start_choices(offset);
    let (day0, hour0) = current.as_ref().and_then(|w| from_utc(w, offset)).unwrap_or((0, choices[0].0));
    let day = RwSignal::new(day0);
    let hour = RwSignal::new(hour0);
    let request = move || to_utc(day.get(), hour.get(), offset);
    let preview = move || {
        let r = request();
        let w = MaintainWindow { day: Some(r.day.as_str().into()), start_time: Some(r.start_time), end_time: Some(r.end_time) };
        window_text(&w, offset, lang.get())
    };
    let error = move || {
        let r = request();
        rules::maintenance_window(&r.day, &r.start_time, &r.end_time).err().map(|e| e.message(lang.get()))
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = request();
        if rules::maintenance_window(&body.day, &body.start_time, &body.end_time).is_err() {
            return;
        }
        let done = Box::new(move || {
            open.set(false);
            saved.run(());
        });
        write(call, Operation::UpdateMaintenanceWindow, cluster_id.clone(), None, json(&body), done, None);
    };
    view! {
        <form class="form" on:submit=submit novalidate data-testid="window-form">
            <p>{tr(Text::MaintenanceLead)}</p>
            <div class="field">
                <label for="window-day">{tr(Text::MaintenanceDay)} " (" {zone_name(offset)} ")"</label>
                <select id="window-day" data-testid="window-day" on:change=move |ev| {
                    if let Ok(d) = event_target_value(&ev).parse() { day.set(d) }
                }>
                    {(0..7u8).map(|d| view! {
                        <option value=d.to_string() selected=move || day.get() == d>{move || day_name(d, lang.get())}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="window-start">{tr(Text::MaintenanceStart)} " (" {zone_name(offset)} ")"</label>
                <select id="window-start" data-testid="window-start" on:change=move |ev| {
                    if let Ok(h) = event_target_value(&ev).parse() { hour.set(h) }
                }>
                    {choices.into_iter().map(|(h, local)| view! {
                        <option value=h.to_string() selected=move || hour.get() == h>{local}</option>
                    }).collect_view()}
                </select>
            </div>
            <p aria-live="polite" data-testid="window-preview"><strong>{tr(Text::MaintainWindow)}</strong> ": " {preview}</p>
            <p class="field-error" aria-live="polite">{error}</p>
            <ErrorView error=failure/>
            <DialogButtons open=open pending=pending confirm=Text::Save/>
        </form>
    }
}
