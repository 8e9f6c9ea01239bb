//! A cluster's Backups tab: whether automated snapshots are taken and how long they are kept,
//! and the snapshot policies that take them, with their schedules in the user's time zone.

use dws_contract::Operation;
use dws_contract::rules::{self, MAX_CLUSTER_POLICIES};
use dws_contract::schedule::Schedule;
use dws_contract::status::BackupType;
use dws_contract::types::{BackupStrategyDetail, ClusterInfo, SnapshotPolicies};
use leptos::prelude::*;
use leptos_router::components::A;

use super::guard::{GuardedButton, configure_refusal};
use super::policy_form::{PolicyDelete, PolicyForm};
use super::schedule::Repeat;
use super::settings::BackupSettings;
use super::window::zone_name;
use crate::api::{Answer, service_now_ms};
use crate::components::dialog::Dialog;
use crate::components::error_view::ErrorView;
use crate::components::freshness::Freshness;
use crate::format::{local_time, utc_offset_minutes};
use crate::i18n::{Text, tr, use_lang};
use crate::live::{use_cadence, use_live};
use crate::nav::href;
use crate::session::use_api;

/// A policy's kind in words.
pub fn kind_text(t: &BackupType) -> Text {
    match t {
        BackupType::Increment => Text::BackupIncrement,
        _ => Text::BackupFull,
    }
}

/// A schedule in words in the user's zone; one the picker cannot show is read from its cron
/// expression (UTC), shown under it. croner's own words would cost the download more than the
/// picker's and say it in English only.
fn schedule_words(expr: &str, offset: i64, lang: dws_contract::Lang) -> String {
    match Repeat::from_cron(expr, offset) {
        Some(r) => r.words(lang),
        None => Text::CronWords.get(lang).to_owned(),
    }
}

/// When a policy runs next: the service's figure, else the schedule's own.
fn next_run(p: &BackupStrategyDetail) -> Option<i64> {
    p.next_fire_time
        .as_deref()
        .and_then(|t| t.trim().parse::<i64>().ok())
        .or_else(|| Schedule::parse(&p.backup_strategy).ok()?.next_after(service_now_ms()))
}

/// The Backups tab of `cluster_id`.
#[component]
pub fn BackupsPanel(#[prop(into)] cluster_id: Signal<String>, cluster: Memo<Option<ClusterInfo>>) -> impl IntoView {
    let lang = use_lang();
    let api = use_api();
    let policies = use_live(
        use_cadence(),
        move || {
            let api = api.get_untracked()?;
            let id = cluster_id.get();
            Some(async move {
                let a: Answer<SnapshotPolicies> =
                    api.call(Operation::ListSnapshotPolicy, &api.project().cluster(&id), None::<&()>).await?;
                Ok(a.body)
            })
        },
        |_| false,
    );
    let refusal = Signal::derive(move || cluster.with(|c| configure_refusal(c.as_ref(), lang.get())));
    let offset = utc_offset_minutes();
    let list = Memo::new(move |_| policies.data.with(|p| p.as_ref().map(|p| p.backup_strategies.clone()).unwrap_or_default()));
    let limit = Memo::new(move |_| {
        policies.data.with(|p| p.as_ref().and_then(|p| p.backup_strategy_cluster_type_limit_num)).map_or(MAX_CLUSTER_POLICIES, |n| n as usize)
    });
    let add_refusal = Signal::derive(move || {
        refusal.get().or_else(|| (list.with(Vec::len) >= limit.get()).then(|| Text::PolicyLimit.get(lang.get()).to_owned()))
    });
    // What was saved, said once in the tab's status region.
    let said = RwSignal::new(None::<Text>);
    let saved = Callback::new(move |()| {
        said.set(Some(Text::Saved));
        policies.refresh();
    });
    let editing = RwSignal::new(None::<BackupStrategyDetail>);
    let form_open = RwSignal::new(false);
    let deleting = RwSignal::new(None::<BackupStrategyDetail>);
    let delete_open = RwSignal::new(false);
    let form_title = Signal::derive(move || {
        let t = if editing.with(Option::is_some) { Text::ModifyPolicy } else { Text::AddPolicy };
        t.get(lang.get()).to_owned()
    });
    let delete_title = Signal::derive(move || {
        format!("{}: {}", Text::DeletePolicy.get(lang.get()), deleting.with(|d| d.as_ref().map(|d| d.policy_name.clone()).unwrap_or_default()))
    });
    let error = Signal::derive(move || policies.error.get());
    let settings = Memo::new(move |_| policies.data.with(|p| p.as_ref().map(|p| (p.auto_backup, p.keep_day))));
    let auto_off = move || settings.with(|s| matches!(s, Some((Some(false), _))));

    view! {
        <div class="backups" data-testid="backups">
            <div class="card-head">
                <p class="muted" data-testid="backups-zone">
                    {move || format!("{} {}; {}", Text::TimesInZone.get(lang.get()), zone_name(offset), Text::TimesKeptInUtc.get(lang.get()))}
                </p>
                <Freshness live=policies/>
            </div>
            <p class="visually-hidden" role="status" data-testid="backups-said">{move || said.get().map(|t| t.get(lang.get()))}</p>
            <ErrorView error=error/>
            <Show when=auto_off>
                <div class="banner banner-info" data-testid="auto-backup-off"><p>{tr(Text::AutoBackupOff)}</p></div>
            </Show>
            <div class="detail-grid">
            {move || settings.get().map(|(auto, keep)| view! {
                <BackupSettings cluster_id=cluster_id auto=auto.unwrap_or(true) keep=keep.unwrap_or(rules::DEFAULT_KEEP_DAY)
                    refusal=refusal saved=saved/>
            })}
            <section class="card wide" aria-labelledby="policies-h">
                <div class="card-head">
                    <h2 id="policies-h">{tr(Text::SnapshotPolicies)}</h2>
                    <A href=move || href(&format!("/snapshots?cluster={}", cluster_id.get())) {..} data-testid="backups-snapshots">
                        {tr(Text::AutomatedSnapshotsOfCluster)}
                    </A>
                    <GuardedButton label=Text::AddPolicy testid="add-policy" refusal=add_refusal
                        on_click=Callback::new(move |()| { editing.set(None); form_open.set(true); })/>
                </div>
                <Show when=move || policies.data.with(Option::is_some) && list.with(Vec::is_empty)>
                    <p class="muted" data-testid="no-policies">{tr(Text::NoPolicies)}</p>
                </Show>
                <Show when=move || !list.with(Vec::is_empty)>
                    <div class="table-wrap">
                        <table class="data-table" data-testid="policy-table">
                            <thead><tr>
                                <th scope="col">{tr(Text::PolicyName)}</th>
                                <th scope="col">{tr(Text::BackupKind)}</th>
                                <th scope="col">{tr(Text::Schedule)}</th>
                                <th scope="col">{tr(Text::NextRun)}</th>
                                <th scope="col">{tr(Text::Actions)}</th>
                            </tr></thead>
                            <tbody>
                                // Rebuilt as a whole: a cluster has ten policies at most.
                                {move || list.get().into_iter().map(|p| view! {
                                    <PolicyRow policy=p offset=offset refusal=refusal
                                        on_modify=Callback::new(move |p| { editing.set(Some(p)); form_open.set(true); })
                                        on_delete=Callback::new(move |p| { deleting.set(Some(p)); delete_open.set(true); })/>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                </Show>
            </section>
            </div>
            <Show when=move || policies.data.with(Option::is_none) && policies.error.with(Option::is_none)>
                <div class="empty-state" aria-busy="true"><p>{tr(Text::Loading)}</p></div>
            </Show>
            <Dialog open=form_open title=form_title id="policy-dialog">
                {move || {
                    let others: Vec<String> = list.with(|l| {
                        let mine = editing.with_untracked(|e| e.as_ref().map(|e| e.policy_id.clone()));
                        l.iter().filter(|p| Some(&p.policy_id) != mine.as_ref()).map(|p| p.policy_name.clone()).collect()
                    });
                    view! { <PolicyForm cluster_id=cluster_id.get_untracked() existing=editing.get_untracked() others=others open=form_open saved=saved/> }
                }}
            </Dialog>
            <Dialog open=delete_open title=delete_title id="policy-delete-dialog">
                {move || deleting.get_untracked().map(|p| view! {
                    <PolicyDelete cluster_id=cluster_id.get_untracked() policy=p open=delete_open saved=saved/>
                })}
            </Dialog>
        </div>
    }
}

/// One policy of the table.
#[component]
fn PolicyRow(
    policy: BackupStrategyDetail,
    offset: i64,
    refusal: Signal<Option<String>>,
    on_modify: Callback<BackupStrategyDetail>,
    on_delete: Callback<BackupStrategyDetail>,
) -> impl IntoView {
    let lang = use_lang();
    let p = policy;
    let name = p.policy_name.clone();
    let (for_modify, for_delete) = (p.clone(), p.clone());
    let named = |t: Text| {
        let name = name.clone();
        Signal::derive(move || format!("{}: {name}", t.get(lang.get())))
    };
    let (modify_label, delete_label) = (named(Text::Modify), named(Text::Delete));
    let expr = p.backup_strategy.clone();
    let next = next_run(&p);
    let kind = kind_text(&p.backup_type);
    view! {
        <tr data-testid="policy-row" data-name=name.clone()>
            <th scope="row">{name.clone()}</th>
            <td>{tr(kind)}</td>
            <td class="cell-schedule">
                <span data-testid="policy-schedule">{let e = expr.clone(); move || schedule_words(&e, offset, lang.get())}</span>
                <br/><code class="muted" data-testid="policy-cron">{expr.clone()}</code>
            </td>
            <td data-testid="policy-next">{move || next.map(|ms| local_time(ms, lang.get()))}</td>
            <td class="cell-actions">
                <GuardedButton label=Text::Modify testid="modify-policy" refusal=refusal small=true aria_label=modify_label
                    on_click=Callback::new(move |()| on_modify.run(for_modify.clone()))/>
                " "
                <GuardedButton label=Text::Delete testid="delete-policy" refusal=refusal small=true aria_label=delete_label
                    on_click=Callback::new(move |()| on_delete.run(for_delete.clone()))/>
            </td>
        </tr>
    }
}
