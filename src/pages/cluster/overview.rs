//! A cluster's Overview tab: every field of the reference's ClusterDetail that the service sent,
//! its connection strings with copy buttons, maintenance window in local time and UTC, scale-out
//! state, parameter group, tags, failure reasons and its snapshots.

use dws_contract::Lang;
use dws_contract::connection;
use dws_contract::types::{ClusterDetail, ClusterInfo, SnapshotDetail};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::copy::CopyButton;
use crate::components::recent_events::RecentEvents;
use crate::components::snapshot_table::SnapshotTable;
use crate::components::status::{ClusterStatusBadge, TaskProgress, parameter_group_status, public_bind_type};
use crate::format::{utc_offset_minutes, wire_time};
use crate::i18n::{Text, tr, use_lang};
use crate::nav::href;

use super::edits::Edit;
use super::guard::GuardedButton;
use super::window::window_text;

/// A label and a value, when there is a value. `field` names the row after its label's key, so
/// tests can read one value; spelled out, because printing the key would keep every text's key
/// in the download.
fn row(label: Text, field: &'static str, value: Option<String>, lang: Lang) -> Option<AnyView> {
    value.filter(|v| !v.is_empty()).map(|v| {
        view! { <div class="kv" data-field=field><dt>{label.get(lang)}</dt><dd>{v}</dd></div> }.into_any()
    })
}

/// The tab's content for one state of the cluster.
#[component]
pub(super) fn DetailBody(
    detail: ClusterDetail,
    snapshots: RwSignal<Option<Vec<SnapshotDetail>>>,
    /// Opens a change of the settings.
    edit: Callback<Edit>,
    /// Why the cluster's state refuses a change of its settings now.
    refusal: Signal<Option<String>>,
) -> impl IntoView {
    let lang = use_lang();
    let d = detail;
    let i: ClusterInfo = d.info.clone();
    let info_sig = Signal::derive({
        let i = i.clone();
        move || i.clone()
    });
    let cluster_id = i.id.clone();
    let d2 = d.clone();
    view! {
        <div class="detail-grid">
            <section class="card" aria-labelledby="overview-h">
                <div class="card-head">
                    <h2 id="overview-h">{tr(Text::Overview)}</h2>
                    <GuardedButton label=Text::Rename testid="rename-cluster" refusal=refusal small=true
                        on_click=Callback::new(move |()| edit.run(Edit::Rename))/>
                </div>
                <div class="detail-status"><ClusterStatusBadge cluster=info_sig/> <TaskProgress cluster=info_sig/></div>
                {move || {
                    let l = lang.get();
                    let i = &i;
                    let d = &d;
                    view! {
                        <dl class="kv-list" data-testid="overview">
                            {row(Text::ClusterId, "ClusterId", Some(i.id.clone()), l)}
                            {row(Text::NodeType, "NodeType", i.node_type.clone(), l)}
                            {row(Text::NodeTypeId, "NodeTypeId", d.node_type_id.clone(), l)}
                            {row(Text::Nodes, "Nodes", i.number_of_node.map(|n| n.to_string()), l)}
                            {row(Text::AvailabilityZone, "AvailabilityZone", i.availability_zone.clone(), l)}
                            {row(Text::Version, "Version", i.version.clone(), l)}
                            {row(Text::Port, "Port", i.port.map(|p| p.to_string()), l)}
                            {row(Text::AdminUser, "AdminUser", i.user_name.clone(), l)}
                            {row(Text::Created, "Created", i.created.as_deref().map(|t| wire_time(t, l)), l)}
                            {row(Text::UpdatedAt, "UpdatedAt", i.updated.as_deref().map(|t| wire_time(t, l)), l)}
                            {row(Text::Vpc, "Vpc", i.vpc_id.clone(), l)}
                            {row(Text::Subnet, "Subnet", i.subnet_id.clone(), l)}
                            {row(Text::SecurityGroup, "SecurityGroup", i.security_group_id.clone(), l)}
                            // "0" is the account's default enterprise project.
                            {row(Text::EnterpriseProject, "EnterpriseProject", i.enterprise_project_id.clone()
                                .map(|e| if e == "0" { Text::DefaultEnterpriseProject.get(l).to_owned() } else { e }), l)}
                            {row(Text::RecentEvents, "RecentEvents", i.recent_event.map(|n| n.to_string()), l)}
                        </dl>
                    }
                }}
            </section>
            <ConnectionCard detail=d2.clone()/>
            <OperationsCard detail=d2 edit=edit refusal=refusal/>
            <RecentEvents cluster_id=cluster_id.clone() snapshots=snapshots/>
            <section class="card wide" aria-labelledby="snapshots-h">
                <div class="card-head">
                    <h2 id="snapshots-h">{tr(Text::NavSnapshots)}</h2>
                    <A href=href(&format!("/snapshots?cluster={cluster_id}")) {..} data-testid="cluster-all-snapshots">
                        {tr(Text::AllSnapshotsOfCluster)}
                    </A>
                </div>
                <ClusterSnapshots cluster_id=cluster_id.clone() snapshots=snapshots/>
            </section>
        </div>
    }
}

#[component]
fn ConnectionCard(detail: ClusterDetail) -> impl IntoView {
    let lang = use_lang();
    let i = detail.info.clone();
    let user = i.user_name.clone().unwrap_or_default();
    // How to connect: psql and JDBC for the first CN, and for the public endpoint when there is
    // one; the administrator filled in, never the password.
    let mut connect: Vec<(Text, String)> = Vec::new();
    let internal = i.endpoints.iter().flatten().find_map(|e| e.connect_info.clone());
    let public = i.public_endpoints.iter().flatten().find_map(|e| e.public_connect_info.clone());
    for (info, psql, jdbc) in [(internal, Text::PsqlInternal, Text::JdbcInternal), (public, Text::PsqlPublic, Text::JdbcPublic)] {
        let Some(info) = info else { continue };
        connect.extend(connection::psql_command(&info, &user).map(|c| (psql, c)));
        connect.extend(connection::jdbc_url(&info, &user).map(|u| (jdbc, u)));
    }
    let mut endpoints: Vec<(Text, String, Option<String>)> = Vec::new();
    let cns: Vec<String> = i.endpoints.iter().flatten().filter_map(|e| e.connect_info.clone()).collect();
    let several = cns.len() > 1;
    for (n, c) in cns.into_iter().enumerate() {
        endpoints.push((Text::InternalEndpoint, c, several.then(|| format!("CN {}", n + 1))));
    }
    for e in i.public_endpoints.iter().flatten() {
        if let Some(c) = &e.public_connect_info {
            endpoints.push((Text::PublicEndpoint, c.clone(), None));
        }
    }
    let public_ip = i.public_ip.clone();
    let private_ip = detail.private_ip.clone().filter(|p| !p.is_empty());
    let has_connect = !connect.is_empty();
    view! {
        <section class="card" aria-labelledby="connect-h">
            <h2 id="connect-h">{tr(Text::Connection)}</h2>
            {has_connect.then(|| view! {
                <p class="muted" data-testid="connect-lead">{tr(Text::ConnectLead)}</p>
            })}
            <dl class="kv-list" data-testid="connection">
                {connect.into_iter().map(|(label, value)| view! {
                    <div class="kv" data-testid="connect-line">
                        <dt>{move || label.get(lang.get())}</dt>
                        <dd class="copy-row"><code>{value.clone()}</code><CopyButton value=value label=label/></dd>
                    </div>
                }).collect_view()}
                {endpoints.into_iter().map(|(label, value, which)| view! {
                    <div class="kv">
                        <dt>{move || label.get(lang.get())} {which.clone().map(|w| format!(" ({w})"))}</dt>
                        <dd class="copy-row"><code>{value.clone()}</code><CopyButton value=value label=label detail=which/></dd>
                    </div>
                }).collect_view()}
                {public_ip.map(|p| view! {
                    <div class="kv"><dt>{tr(Text::PublicIp)}</dt>
                        <dd>{move || public_bind_type(&p.public_bind_type, lang.get())} {p.eip_id.clone().map(|e| format!(" ({e})"))}</dd></div>
                })}
                {private_ip.map(|ips| view! {
                    <div class="kv"><dt>{tr(Text::PrivateIps)}</dt><dd>{ips.join(", ")}</dd></div>
                })}
            </dl>
        </section>
    }
}

#[component]
fn OperationsCard(detail: ClusterDetail, edit: Callback<Edit>, refusal: Signal<Option<String>>) -> impl IntoView {
    let lang = use_lang();
    let d = detail;
    let offset = utc_offset_minutes();
    view! {
        <section class="card" aria-labelledby="ops-h">
            <h2 id="ops-h">{tr(Text::Operations)}</h2>
            {move || {
                let l = lang.get();
                let d = &d;
                let window = d.maintain_window.as_ref().and_then(|w| window_text(w, offset, l));
                let raw_window = d.maintain_window.as_ref().filter(|_| window.is_none()).map(|w| {
                    format!("{} {}–{} (UTC)", w.day.as_ref().map(|d| d.as_str().to_owned()).unwrap_or_default(),
                        w.start_time.clone().unwrap_or_default(), w.end_time.clone().unwrap_or_default())
                });
                let resize = d.resize_info.as_ref().map(|r| {
                    format!("{} → {} · {}{}",
                        r.origin_node_num.map(|n| n.to_string()).unwrap_or_else(|| "?".into()),
                        r.target_node_num.map(|n| n.to_string()).unwrap_or_else(|| "?".into()),
                        r.resize_status.as_ref().map(|s| s.as_str().to_owned()).unwrap_or_default(),
                        r.start_time.as_deref().map(|t| format!(" · {}", wire_time(t, l))).unwrap_or_default())
                });
                let group = d.parameter_group.as_ref().map(|g| format!("{} ({})", g.name, parameter_group_status(&g.status, l)));
                let tags = d.info.tags.as_ref().filter(|t| !t.is_empty())
                    .map(|t| t.iter().map(|t| format!("{}={}", t.key, t.value)).collect::<Vec<_>>().join(", "));
                let failed = d.info.failed_reasons.as_ref().map(|f| {
                    let entry = f.error_code.as_deref().and_then(dws_contract::catalog::lookup);
                    format!("{} {}", f.error_code.clone().unwrap_or_default(),
                        entry.map(|e| e.message(l).to_owned()).or_else(|| f.error_msg.clone()).unwrap_or_default())
                });
                view! {
                    <dl class="kv-list" data-testid="operations">
                        {row(Text::MaintainWindow, "MaintainWindow", window.or(raw_window), l)}
                        {row(Text::ResizeInfo, "ResizeInfo", resize, l)}
                        {row(Text::ParameterGroup, "ParameterGroup", group, l)}
                        {row(Text::Tags, "Tags", tags.or_else(|| Some(Text::NoTags.get(l).to_owned())), l)}
                        {row(Text::FailedReasons, "FailedReasons", failed, l)}
                    </dl>
                }
            }}
            <div class="edit-row">
                <GuardedButton label=Text::ModifyWindow testid="modify-window" refusal=refusal small=true
                    on_click=Callback::new(move |()| edit.run(Edit::Window))/>
                <GuardedButton label=Text::EditTags testid="edit-tags" refusal=refusal small=true
                    on_click=Callback::new(move |()| edit.run(Edit::Tags))/>
            </div>
        </section>
    }
}

#[component]
fn ClusterSnapshots(cluster_id: String, snapshots: RwSignal<Option<Vec<SnapshotDetail>>>) -> impl IntoView {
    // Rebuilt only when this cluster's snapshots changed, not at every poll.
    let mine = Memo::new(move |_| {
        snapshots.with(|s| {
            s.as_ref().map(|s| {
                s.iter().filter(|s| s.cluster_id.as_deref() == Some(cluster_id.as_str())).cloned().collect::<Vec<_>>()
            })
        })
    });
    view! {
        {move || match mine.get() {
            None => view! { <p class="muted">{tr(Text::Loading)}</p> }.into_any(),
            Some(list) if list.is_empty() => view! { <p class="muted" data-testid="no-snapshots">{tr(Text::NoSnapshots)}</p> }.into_any(),
            Some(list) => view! {
                <SnapshotTable list=list testid="cluster-snapshots"/>
            }.into_any(),
        }}
    }
}
