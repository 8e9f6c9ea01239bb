//! Restoring a snapshot to a new cluster (5.2.5): the new name, checked against the rules and
//! the project's cluster names as you type; the optional network fields pre-filled with the
//! source cluster's values while it exists; server errors shown on their field.

use dws_contract::lifecycle::SnapshotOperation;
use dws_contract::rules::{self, Field, RuleError, Violation};
use dws_contract::status::PublicBindType;
use dws_contract::types::{ClusterIdResponse, ClusterInfo, PublicIp, Restore, RestoreClusterRequest, ShowSnapshotResponse, SnapshotDetail};
use dws_contract::{Lang, Operation};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::api::{Answer, use_load, use_request};
use crate::browser::focus;
use crate::components::error_view::ErrorView;
use crate::components::field::{PublicIpChoice, TextField, bind_field, field_hint, first_broken, point_at_failure};
use crate::data::clusters::use_cluster_list;
use crate::i18n::{Text, tr, use_lang};
use crate::nav::href;
use crate::live::effect;

/// The restore form as typed. Empty optional fields are left out of the request, so the
/// service takes the source cluster's values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestoreForm {
    /// Name of the new cluster.
    pub name: String,
    /// VPC id.
    pub vpc_id: String,
    /// Subnet id.
    pub subnet_id: String,
    /// Security group id.
    pub security_group_id: String,
    /// Availability zone.
    pub zone: String,
    /// Port.
    pub port: String,
    /// Public access.
    pub bind: PublicBindType,
    /// Elastic IP id, with `bind_existing`.
    pub eip_id: String,
    /// Enterprise project id.
    pub enterprise_project_id: String,
}

impl Default for RestoreForm {
    fn default() -> Self {
        RestoreForm {
            name: String::new(),
            vpc_id: String::new(),
            subnet_id: String::new(),
            security_group_id: String::new(),
            zone: String::new(),
            port: String::new(),
            bind: PublicBindType::NotUse,
            eip_id: String::new(),
            enterprise_project_id: String::new(),
        }
    }
}

/// The form's fields, in the order they are shown (where the first error is focused).
pub const FIELDS: [(Field, &str); 8] = [
    (Field::ClusterName, "rs-name"),
    (Field::AvailabilityZone, "rs-zone"),
    (Field::VpcId, "rs-vpc"),
    (Field::SubnetId, "rs-subnet"),
    (Field::SecurityGroupId, "rs-security-group"),
    (Field::Port, "rs-port"),
    (Field::EipId, "rs-eip"),
    (Field::EnterpriseProjectId, "rs-enterprise-project"),
];

impl RestoreForm {
    /// The source cluster's values; the name stays empty (it must be new).
    pub fn from_source(c: &ClusterInfo) -> RestoreForm {
        let ip = c.public_ip.clone().unwrap_or_else(PublicIp::not_use);
        RestoreForm {
            name: String::new(),
            vpc_id: c.vpc_id.clone().unwrap_or_default(),
            subnet_id: c.subnet_id.clone().unwrap_or_default(),
            security_group_id: c.security_group_id.clone().unwrap_or_default(),
            zone: c.availability_zone.clone().unwrap_or_default(),
            port: c.port.map(|p| p.to_string()).unwrap_or_default(),
            bind: ip.public_bind_type,
            eip_id: ip.eip_id.unwrap_or_default(),
            enterprise_project_id: c.enterprise_project_id.clone().unwrap_or_default(),
        }
    }

    /// The request, and every broken rule: the contract's rules for a restore, and the name
    /// against the names already taken in the project.
    pub fn check<'a>(&self, taken: impl IntoIterator<Item = &'a str>) -> (RestoreClusterRequest, Vec<RuleError>) {
        let opt = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
        let mut errors = Vec::new();
        let port = opt(&self.port).and_then(|p| match p.parse::<i64>() {
            Ok(n) => Some(n),
            Err(_) => {
                errors.push(RuleError::new(Field::Port, Violation::WrongType));
                None
            }
        });
        let restore = Restore {
            name: self.name.clone(),
            subnet_id: opt(&self.subnet_id),
            security_group_id: opt(&self.security_group_id),
            vpc_id: opt(&self.vpc_id),
            availability_zone: opt(&self.zone),
            port,
            public_ip: Some(PublicIp {
                public_bind_type: self.bind.clone(),
                eip_id: (self.bind == PublicBindType::BindExisting).then(|| self.eip_id.trim().to_owned()),
            }),
            enterprise_project_id: opt(&self.enterprise_project_id),
        };
        errors.extend(rules::restore(&restore, restore.enterprise_project_id.as_deref()));
        if !errors.iter().any(|e| e.field == Field::ClusterName)
            && let Err(e) = rules::cluster_name_unique(&self.name, taken)
        {
            errors.push(e);
        }
        let place = |e: &RuleError| FIELDS.iter().position(|(f, _)| *f == e.field).unwrap_or(usize::MAX);
        crate::data::sort::sort_by(&mut errors, |a, b| place(a).cmp(&place(b)));
        (RestoreClusterRequest { restore, enterprise_project_id: None }, errors)
    }

    /// The message for a field, if its rule is broken.
    pub fn error<'a>(&self, field: Field, taken: impl IntoIterator<Item = &'a str>, lang: Lang) -> Option<String> {
        self.check(taken).1.into_iter().find(|e| e.field == field).map(|e| e.message(lang))
    }
}

/// The restore page of the snapshot in the URL.
#[component]
pub fn RestorePage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    // Loaded again when the route's snapshot changes, and dropped with the page.
    let loaded = use_load(move |a| {
        let id = id();
        async move {
            let r: Answer<ShowSnapshotResponse> = a.call(Operation::ShowSnapshot, &a.project().snapshot(&id), None::<&()>).await?;
            Ok(r.body.snapshot)
        }
    });
    let snapshot = Signal::derive(move || loaded.get().flatten());
    let failed = Signal::derive(move || snapshot.with(|s| s.as_ref().and_then(|r| r.as_ref().err().cloned())));
    view! {
        <section class="page" data-testid="restore-page">
            <p class="breadcrumb">
                <A href=href("/snapshots") exact=true>{tr(Text::NavSnapshots)}</A> " / "
                <A href=move || href(&format!("/snapshots/{}", id())) exact=true>
                    {move || snapshot.with(|s| s.as_ref().and_then(|r| r.as_ref().ok()).map(|s| s.name.clone())).unwrap_or_else(id)}
                </A> " / "
            </p>
            <h1>{tr(Text::RestoreTitle)}</h1>
            <ErrorView error=failed/>
            <Suspense fallback=move || view! { <div class="empty-state" aria-busy="true"><p>{tr(Text::Loading)}</p></div> }>
                {move || snapshot.get().and_then(Result::ok).map(|s| view! { <RestoreFormView snapshot=s/> })}
            </Suspense>
        </section>
    }
}

#[component]
fn RestoreFormView(snapshot: SnapshotDetail) -> impl IntoView {
    let lang = use_lang();
    let navigate = use_navigate();
    let clusters = use_cluster_list();
    let form = RwSignal::new(RestoreForm::default());
    let submitted = RwSignal::new(false);
    let call = use_request();
    let (pending, failure) = (call.pending, call.failure);
    // None until the cluster list arrives; then whether the source cluster still exists.
    let source_exists = RwSignal::new(None::<bool>);
    let source_id = snapshot.cluster_id.clone();
    effect(move || {
        if source_exists.get_untracked().is_some() {
            return;
        }
        let Some(source) = clusters.data.with(|c| {
            c.as_ref().map(|c| c.iter().find(|c| Some(&c.id) == source_id.as_ref()).map(|c| ClusterInfo::clone(c)))
        }) else {
            return;
        };
        source_exists.set(Some(source.is_some()));
        if let Some(c) = source {
            // Keep whatever the user typed while the list was on its way.
            let name = form.with_untracked(|f| f.name.clone());
            form.set(RestoreForm { name, ..RestoreForm::from_source(&c) });
        }
    });
    let taken = Memo::new(move |_| clusters.data.with(|c| c.iter().flatten().map(|c| c.name.clone()).collect::<Vec<_>>()));
    let check = move || taken.with(|t| form.with(|f| f.check(t.iter().map(String::as_str))));

    let server_field = move || {
        failure.with(|f| {
            let fields: Vec<Field> = FIELDS.iter().map(|(f, _)| *f).collect();
            f.as_ref()?.on_field(&fields, lang.get())
        })
    };
    let error_for = move |field: Field, always: bool| {
        Signal::derive(move || {
            if let Some((f, msg)) = server_field()
                && f == field
            {
                return Some(msg);
            }
            // The name is checked as soon as something is typed, so a taken name shows at once.
            let typed_name = field == Field::ClusterName && form.with(|f| !f.name.is_empty());
            (submitted.get() || always || typed_name)
                .then(|| check().1.into_iter().find(|e| e.field == field).map(|e| e.message(lang.get())))
                .flatten()
        })
    };
    let bind = move |get, set| bind_field(form, get, set);
    let name = bind(|f| &f.name, |f, v| f.name = v);
    let vpc = bind(|f| &f.vpc_id, |f, v| f.vpc_id = v);
    let subnet = bind(|f| &f.subnet_id, |f, v| f.subnet_id = v);
    let sg = bind(|f| &f.security_group_id, |f, v| f.security_group_id = v);
    let zone = bind(|f| &f.zone, |f, v| f.zone = v);
    let port = bind(|f| &f.port, |f, v| f.port = v);
    let eip = bind(|f| &f.eip_id, |f, v| f.eip_id = v);
    let ep = bind(|f| &f.enterprise_project_id, |f, v| f.enterprise_project_id = v);

    let snapshot_id = snapshot.id.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        submitted.set(true);
        failure.set(None);
        let (body, errors) = check();
        if !errors.is_empty() {
            if let Some(id) = first_broken(&FIELDS, &errors) {
                focus(id);
            }
            return;
        }
        let navigate = navigate.clone();
        let snapshot_id = snapshot_id.clone();
        call.send_or(
            Operation::RestoreCluster,
            move |p| p.snapshot(&snapshot_id),
            Some(body),
            move |_: Answer<ClusterIdResponse>| navigate("/clusters", Default::default()),
            |e| point_at_failure(e, &FIELDS, "[data-testid=restore-form] [data-testid=error-panel]"),
        );
    };
    let refused = {
        let snapshot = snapshot.clone();
        move || crate::components::snapshot_actions::refusal(&snapshot, SnapshotOperation::Restore, lang.get())
    };
    let restorable = refused().is_none();

    view! {
        <p>{tr(Text::RestoreLead)}</p>
        <p class="muted" data-testid="restore-source">
            {move || match source_exists.get() {
                Some(true) => Some(Text::PrefilledFromSource.get(lang.get())),
                Some(false) => Some(Text::SourceGone.get(lang.get())),
                None => None,
            }}
        </p>
        {(!restorable).then(|| view! { <p class="banner banner-warning" data-testid="not-restorable">{refused}</p> })}
        <form class="form wide-form" novalidate on:submit=on_submit data-testid="restore-form">
            <fieldset>
                <legend>{tr(Text::Basics)}</legend>
                <TextField id="rs-name" label=tr(Text::ClusterName) value=name error=error_for(Field::ClusterName, false)
                    hint=field_hint(Text::ClusterNameHint)/>
                <TextField id="rs-zone" label=tr(Text::AvailabilityZoneOptional) value=zone error=error_for(Field::AvailabilityZone, false)/>
            </fieldset>
            <fieldset>
                <legend>{tr(Text::Network)}</legend>
                <TextField id="rs-vpc" label=tr(Text::Vpc) value=vpc error=error_for(Field::VpcId, true)
                    hint=field_hint(Text::UuidHint)/>
                <TextField id="rs-subnet" label=tr(Text::Subnet) value=subnet error=error_for(Field::SubnetId, true)/>
                <TextField id="rs-security-group" label=tr(Text::SecurityGroup) value=sg error=error_for(Field::SecurityGroupId, true)/>
                <TextField id="rs-port" label=tr(Text::Port) value=port error=error_for(Field::Port, true) input_type="number"/>
                <PublicIpChoice id_prefix="rs" value=Signal::derive(move || form.with(|f| f.bind.clone()))
                    set=Callback::new(move |k| form.update(|f| f.bind = k))/>
                <Show when=move || form.with(|f| f.bind == PublicBindType::BindExisting)>
                    <TextField id="rs-eip" label=tr(Text::EipId) value=eip error=error_for(Field::EipId, false)/>
                </Show>
                <TextField id="rs-enterprise-project" label=tr(Text::EnterpriseProjectOptional) value=ep
                    error=error_for(Field::EnterpriseProjectId, true)/>
            </fieldset>
            <ErrorView error=failure/>
            <div class="form-buttons">
                <A href=href("/snapshots") exact=true {..} class="button">{tr(Text::Cancel)}</A>
                <button type="submit" class="button primary" data-testid="restore-submit"
                    disabled=move || pending.get() || !restorable aria-busy=move || pending.get().to_string()>
                    {tr(Text::Restore)}
                </button>
            </div>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source() -> ClusterInfo {
        serde_json::from_value(serde_json::json!({
            "id": "c1", "name": "dws-demo", "status": "AVAILABLE", "port": 8000, "availability_zone": "ae-ad-1a",
            "vpc_id": "85b20d7e-9eb7-4b2a-98f3-3c8843ea3574", "subnet_id": "d23ef2e9-8b90-49b3-bc4a-fd7d6bea6bec",
            "security_group_id": "12e3c23a-8710-4b75-95e4-5c8d7f68ef3c",
            "public_ip": {"public_bind_type": "auto_assign", "eip_id": "eip-1"}
        }))
        .unwrap()
    }

    #[test]
    fn the_source_cluster_fills_the_optional_fields() {
        let f = RestoreForm { name: "dws-restored".into(), ..RestoreForm::from_source(&source()) };
        let (body, errors) = f.check(["dws-demo"]);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(body.restore.port, Some(8000));
        assert_eq!(body.restore.availability_zone.as_deref(), Some("ae-ad-1a"));
        // An automatically assigned address is not carried over as an address to bind.
        assert_eq!(body.restore.public_ip.unwrap().eip_id, None);
    }

    #[test]
    fn a_taken_name_and_bad_values_are_reported_on_their_fields() {
        let f = RestoreForm { name: "dws-demo".into(), port: "eighty".into(), ..RestoreForm::default() };
        let (_, errors) = f.check(["dws-demo"]);
        let fields: Vec<Field> = errors.iter().map(|e| e.field).collect();
        assert_eq!(fields, [Field::ClusterName, Field::Port]);
        assert_eq!(errors[0].code().as_str(), RuleError::new(Field::ClusterName, Violation::Taken).code().as_str());
        let empty = RestoreForm::default().check([]).1;
        assert_eq!(empty.first().map(|e| e.field), Some(Field::ClusterName));
        // Empty optional fields stay out of the request.
        let (body, _) = RestoreForm { name: "dws-new".into(), ..RestoreForm::default() }.check([]);
        assert_eq!(serde_json::to_value(&body).unwrap(), serde_json::json!({"restore": {"name": "dws-new", "public_ip": {"public_bind_type": "not_use"}}}));
    }
}
