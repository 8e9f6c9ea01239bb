//! The create-cluster form: every field of table 5-3, checked as you type with the contract's
//! rules; node types from the service; server errors shown on their field.

use dws_contract::rules::{self, Field, RuleError, Violation};
use dws_contract::status::PublicBindType;
use dws_contract::types::{ClusterIdResponse, CreateClusterInfo, CreateClusterRequest, NodeTypes, PublicIp};
use dws_contract::{Lang, Operation, Secret};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use crate::api::{Answer, ApiError, use_request};
use crate::browser::focus;
use crate::components::error_view::ErrorView;
use crate::components::field::{PublicIpChoice, TextField, bind_field, field_hint, first_broken, point_at_failure};
use crate::components::password::PasswordField;
use crate::data::node_types::use_node_types;
use crate::i18n::{Text, tr, use_lang};
use crate::nav::href;
use crate::live::effect;

/// What the form holds, as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreateForm {
    /// Cluster name.
    pub name: String,
    /// Node type (`spec_name`).
    pub node_type: String,
    /// Node count.
    pub nodes: String,
    /// CN count.
    pub cns: String,
    /// Availability zone (optional).
    pub zone: String,
    /// VPC id.
    pub vpc_id: String,
    /// Subnet id.
    pub subnet_id: String,
    /// Security group id.
    pub security_group_id: String,
    /// Port.
    pub port: String,
    /// Administrator name.
    pub user_name: String,
    /// Administrator password.
    pub password: String,
    /// Public access.
    pub bind: PublicBindType,
    /// Elastic IP id, with `bind_existing`.
    pub eip_id: String,
    /// Enterprise project id (optional).
    pub enterprise_project_id: String,
}

impl Default for CreateForm {
    fn default() -> Self {
        CreateForm {
            name: String::new(),
            node_type: String::new(),
            nodes: "3".into(),
            cns: rules::default_cn(3).to_string(),
            zone: String::new(),
            vpc_id: String::new(),
            subnet_id: String::new(),
            security_group_id: String::new(),
            port: rules::PORT_DEFAULT.to_string(),
            user_name: "dbadmin".into(),
            password: String::new(),
            bind: PublicBindType::NotUse,
            eip_id: String::new(),
            enterprise_project_id: String::new(),
        }
    }
}

/// The form's fields, in the order they are shown (where the first error is focused).
pub const FIELDS: [(Field, &str); 13] = [
    (Field::ClusterName, "cc-name"),
    (Field::NodeType, "cc-node-type"),
    (Field::NumberOfNode, "cc-nodes"),
    (Field::NumberOfCn, "cc-cns"),
    (Field::AvailabilityZone, "cc-zone"),
    (Field::VpcId, "cc-vpc"),
    (Field::SubnetId, "cc-subnet"),
    (Field::SecurityGroupId, "cc-security-group"),
    (Field::Port, "cc-port"),
    (Field::EipId, "cc-eip"),
    (Field::EnterpriseProjectId, "cc-enterprise-project"),
    (Field::UserName, "cc-user"),
    (Field::UserPwd, "cc-password"),
];

fn number(field: Field, s: &str) -> Result<i64, RuleError> {
    s.trim().parse().map_err(|_| {
        RuleError::new(field, if s.trim().is_empty() { Violation::Required } else { Violation::WrongType })
    })
}

impl CreateForm {
    /// The request, and every broken rule (numbers that are not numbers included).
    pub fn check(&self) -> (CreateClusterInfo, Vec<RuleError>) {
        let mut errors = Vec::new();
        let mut num = |f: Field, s: &str, fallback: i64| {
            number(f, s).unwrap_or_else(|e| {
                errors.push(e);
                fallback
            })
        };
        let nodes = num(Field::NumberOfNode, &self.nodes, rules::MIN_NODES);
        let cns = num(Field::NumberOfCn, &self.cns, rules::default_cn(nodes));
        let port = num(Field::Port, &self.port, rules::PORT_DEFAULT);
        let opt = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
        let info = CreateClusterInfo {
            node_type: self.node_type.clone(),
            number_of_node: nodes,
            subnet_id: self.subnet_id.trim().to_owned(),
            security_group_id: self.security_group_id.trim().to_owned(),
            vpc_id: self.vpc_id.trim().to_owned(),
            availability_zone: opt(&self.zone),
            port: Some(port),
            name: self.name.clone(),
            user_name: self.user_name.clone(),
            user_pwd: Secret::new(self.password.clone()),
            public_ip: Some(PublicIp {
                public_bind_type: self.bind.clone(),
                eip_id: (self.bind == PublicBindType::BindExisting).then(|| self.eip_id.trim().to_owned()),
            }),
            number_of_cn: Some(cns),
            enterprise_project_id: opt(&self.enterprise_project_id),
        };
        // Numbers that did not parse were replaced by valid ones, so no rule reports them twice.
        errors.extend(rules::create_cluster(&info));
        (info, errors)
    }

    /// The message for a field, if its rule is broken.
    pub fn error(&self, field: Field, lang: Lang) -> Option<String> {
        self.check().1.into_iter().find(|e| e.field == field).map(|e| e.message(lang))
    }

    /// Whether the user has typed into a text field: its rules are then checked as they type,
    /// while an untouched field waits for the first submit (so an empty form is not all red).
    pub fn typed(&self, field: Field) -> bool {
        let text = match field {
            Field::ClusterName => &self.name,
            Field::AvailabilityZone => &self.zone,
            Field::VpcId => &self.vpc_id,
            Field::SubnetId => &self.subnet_id,
            Field::SecurityGroupId => &self.security_group_id,
            Field::EipId => &self.eip_id,
            Field::EnterpriseProjectId => &self.enterprise_project_id,
            _ => return false,
        };
        !text.is_empty()
    }
}

fn node_type_line(n: &NodeTypes, lang: Lang) -> String {
    let mut parts = Vec::new();
    if let Some(c) = n.vcpus() {
        parts.push(format!("{c} vCPU"));
    }
    if let Some((m, unit)) = n.memory() {
        parts.push(format!("{m} {} {}", unit.unwrap_or("GB"), Text::MemoryWord.get(lang)));
    }
    if let Some(d) = n.disk() {
        parts.push(format!("{} {} {}", d.size, d.unit.unwrap_or("GB"), crate::components::status::disk_kind(&d.kind, lang)));
    }
    parts.join(" · ")
}

/// The create-cluster page.
#[component]
pub fn CreateClusterPage() -> impl IntoView {
    let lang = use_lang();
    let navigate = use_navigate();
    let form = RwSignal::new(CreateForm::default());
    let submitted = RwSignal::new(false);
    let call = use_request();
    let (pending, failure) = (call.pending, call.failure);
    let loaded = use_node_types();
    let node_types = Signal::derive(move || loaded.get().flatten());
    // The first node type is chosen until the user chooses one.
    effect(move || {
        if let Some(Ok(list)) = node_types.get()
            && form.with_untracked(|f| f.node_type.is_empty())
            && let Some(first) = list.first()
        {
            form.update(|f| f.node_type = first.spec_name.clone());
        }
    });

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
            let show = submitted.get() || always || form.with(|f| f.typed(field));
            show.then(|| form.with(|f| f.error(field, lang.get()))).flatten()
        })
    };

    let bind = move |get, set| bind_field(form, get, set);
    let name = bind(|f| &f.name, |f, v| f.name = v);
    let nodes = bind(|f| &f.nodes, |f, v| f.nodes = v);
    let cns = bind(|f| &f.cns, |f, v| f.cns = v);
    let zone = bind(|f| &f.zone, |f, v| f.zone = v);
    let vpc = bind(|f| &f.vpc_id, |f, v| f.vpc_id = v);
    let subnet = bind(|f| &f.subnet_id, |f, v| f.subnet_id = v);
    let sg = bind(|f| &f.security_group_id, |f, v| f.security_group_id = v);
    let port = bind(|f| &f.port, |f, v| f.port = v);
    let user = bind(|f| &f.user_name, |f, v| f.user_name = v);
    let password = bind(|f| &f.password, |f, v| f.password = v);
    let eip = bind(|f| &f.eip_id, |f, v| f.eip_id = v);
    let ep = bind(|f| &f.enterprise_project_id, |f, v| f.enterprise_project_id = v);

    // The range follows a node count the rules accept; while the count is wrong, its own error
    // says so and the range would only mislead.
    let cn_hint = Signal::derive(move || {
        let n = form.with(|f| number(Field::NumberOfNode, &f.nodes).ok()).filter(|n| rules::node_count(*n).is_ok());
        n.map(|n| {
            let r = rules::cn_range(n);
            format!("{} {}–{}", Text::CnRange.get(lang.get()), r.start(), r.end())
        })
        .unwrap_or_default()
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        submitted.set(true);
        failure.set(None);
        let (info, errors) = form.with_untracked(CreateForm::check);
        if !errors.is_empty() {
            if let Some(id) = first_broken(&FIELDS, &errors) {
                focus(id);
            }
            return;
        }
        let navigate = navigate.clone();
        let body = CreateClusterRequest { cluster: info };
        call.send_or(
            Operation::CreateCluster,
            |p| p,
            Some(body),
            move |_: Answer<ClusterIdResponse>| navigate("/clusters", Default::default()),
            // Input is kept; the error shows on its field when it has one.
            |e| point_at_failure(e, &FIELDS, "[data-testid=create-cluster-form] [data-testid=error-panel]"),
        );
    };
    let user_name = Signal::derive(move || form.with(|f| f.user_name.clone()));

    view! {
        <section class="page" data-testid="create-cluster-page">
            <p class="breadcrumb"><A href=href("/clusters") exact=true>{tr(Text::NavClusters)}</A> " / "</p>
            <h1>{tr(Text::CreateCluster)}</h1>
            <form class="form wide-form" novalidate on:submit=on_submit data-testid="create-cluster-form">
                <fieldset>
                    <legend>{tr(Text::Basics)}</legend>
                    <TextField id="cc-name" label=tr(Text::ClusterName) value=name error=error_for(Field::ClusterName, false)
                        hint=field_hint(Text::ClusterNameHint)/>
                    <NodeTypePicker form=form node_types=node_types error=error_for(Field::NodeType, false)/>
                    <div class="field-pair">
                        <TextField id="cc-nodes" label=tr(Text::Nodes) value=nodes error=error_for(Field::NumberOfNode, true)
                            input_type="number" hint=field_hint(Text::NodesHint)/>
                        <TextField id="cc-cns" label=tr(Text::CnCount) value=cns error=error_for(Field::NumberOfCn, true)
                            input_type="number" hint=cn_hint/>
                    </div>
                    <TextField id="cc-zone" label=tr(Text::AvailabilityZoneOptional) value=zone error=error_for(Field::AvailabilityZone, false)/>
                </fieldset>
                <fieldset>
                    <legend>{tr(Text::Network)}</legend>
                    <TextField id="cc-vpc" label=tr(Text::Vpc) value=vpc error=error_for(Field::VpcId, false)
                        hint=field_hint(Text::UuidHint)/>
                    <TextField id="cc-subnet" label=tr(Text::Subnet) value=subnet error=error_for(Field::SubnetId, false)/>
                    <TextField id="cc-security-group" label=tr(Text::SecurityGroup) value=sg error=error_for(Field::SecurityGroupId, false)/>
                    <TextField id="cc-port" label=tr(Text::Port) value=port error=error_for(Field::Port, true) input_type="number"/>
                    <PublicIpChoice id_prefix="cc" value=Signal::derive(move || form.with(|f| f.bind.clone()))
                        set=Callback::new(move |k| form.update(|f| f.bind = k))/>
                    <Show when=move || form.with(|f| f.bind == PublicBindType::BindExisting)>
                        <TextField id="cc-eip" label=tr(Text::EipId) value=eip error=error_for(Field::EipId, false)/>
                    </Show>
                    <TextField id="cc-enterprise-project" label=tr(Text::EnterpriseProjectOptional) value=ep
                        error=error_for(Field::EnterpriseProjectId, false)/>
                </fieldset>
                <fieldset>
                    <legend>{tr(Text::Administrator)}</legend>
                    <TextField id="cc-user" label=tr(Text::AdminUser) value=user error=error_for(Field::UserName, true)/>
                    <PasswordField id="cc-password" label=tr(Text::Password) value=password user_name=user_name
                        show_errors=submitted field=Field::UserPwd server_error=Signal::derive(move || {
                            server_field().filter(|(f, _)| *f == Field::UserPwd).map(|(_, m)| m)
                        })/>
                </fieldset>
                <ErrorView error=failure/>
                <div class="form-buttons">
                    <A href=href("/clusters") exact=true {..} class="button">{tr(Text::Cancel)}</A>
                    <button type="submit" class="button primary" data-testid="create-submit"
                        disabled=move || pending.get() aria-busy=move || pending.get().to_string()>
                        {move || if pending.get() { Text::Creating.get(lang.get()) } else { Text::CreateCluster.get(lang.get()) }}
                    </button>
                </div>
            </form>
        </section>
    }
}

/// Node types as a radio group, each with its vCPUs, memory and disk.
#[component]
fn NodeTypePicker(
    form: RwSignal<CreateForm>,
    node_types: Signal<Option<Result<Vec<NodeTypes>, ApiError>>>,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let lang = use_lang();
    let failure = Signal::derive(move || node_types.with(|n| n.as_ref().and_then(|r| r.as_ref().err().cloned())));
    view! {
        <fieldset class="node-types" id="cc-node-type" tabindex="-1" data-testid="node-type-picker"
            aria-describedby="cc-node-type-error">
            <legend>{tr(Text::NodeType)}</legend>
            {move || match node_types.get() {
                None => view! { <p class="muted" aria-busy="true">{tr(Text::Loading)}</p> }.into_any(),
                Some(Err(_)) => view! { <ErrorView error=failure/> }.into_any(),
                Some(Ok(list)) => list.into_iter().map(|n| {
                    let spec = n.spec_name.clone();
                    let id = format!("nt-{}", spec.replace('.', "-"));
                    let line = node_type_line(&n, lang.get());
                    let checked = { let spec = spec.clone(); move || form.with(|f| f.node_type == spec) };
                    let label_for = id.clone();
                    view! {
                        <label class="node-type" for=label_for data-testid="node-type-option">
                            <input type="radio" name="node_type" id=id value=spec.clone() prop:checked=checked
                                on:change={ let spec = spec.clone(); move |_| form.update(|f| f.node_type = spec.clone()) }/>
                            <span class="node-type-name">{spec.clone()}</span>
                            <span class="node-type-spec muted">{line}</span>
                        </label>
                    }
                }).collect_view().into_any(),
            }}
            <p class="field-error" id="cc-node-type-error" aria-live="polite">{move || error.get()}</p>
        </fieldset>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid() -> CreateForm {
        CreateForm {
            name: "dws-demo".into(),
            node_type: "dws.m3.xlarge".into(),
            vpc_id: "85b20d7e-9eb7-4b2a-98f3-3c8843ea3574".into(),
            subnet_id: "5e1f4cd5-2a1b-4d8c-9e3f-6a7b8c9d0e1f".into(),
            security_group_id: "1e2d3c4b-5a69-4788-96a5-b4c3d2e1f000".into(),
            password: "Dws@Demo2026!".into(),
            ..CreateForm::default()
        }
    }

    #[test]
    fn a_complete_form_passes_and_builds_the_request() {
        let (info, errors) = valid().check();
        assert_eq!(errors, vec![]);
        assert_eq!(info.number_of_node, 3);
        assert_eq!(info.number_of_cn, Some(2), "a 3-node cluster has 2 CNs");
        assert_eq!(info.port, Some(8000));
        assert_eq!(info.public_ip.unwrap().public_bind_type, PublicBindType::NotUse);
    }

    #[test]
    fn numbers_that_are_not_numbers_are_reported_once() {
        let f = CreateForm { nodes: "three".into(), ..valid() };
        let errors = f.check().1;
        assert_eq!(errors.iter().filter(|e| e.field == Field::NumberOfNode).count(), 1);
        assert_eq!(errors[0].violation, Violation::WrongType);
    }

    #[test]
    fn the_cn_range_follows_the_node_count() {
        let f = CreateForm { nodes: "3".into(), cns: "5".into(), ..valid() };
        assert!(f.error(Field::NumberOfCn, Lang::En).is_some());
        let f = CreateForm { nodes: "8".into(), cns: "5".into(), ..valid() };
        assert!(f.error(Field::NumberOfCn, Lang::En).is_none());
    }

    #[test]
    fn a_refused_form_focuses_its_first_broken_field_as_shown() {
        let f = CreateForm { name: "1a".into(), nodes: "1.5".into(), ..valid() };
        let errors = f.check().1;
        assert_eq!(errors[0].field, Field::NumberOfNode, "the rules report numbers first");
        assert_eq!(crate::components::field::first_broken(&FIELDS, &errors), Some("cc-name"));
    }

    #[test]
    fn a_typed_field_is_checked_as_it_is_typed_and_an_empty_one_waits() {
        let empty = CreateForm::default();
        assert!(!empty.typed(Field::ClusterName));
        assert!(empty.error(Field::ClusterName, Lang::En).is_some(), "required, shown on submit");
        let f = CreateForm { name: "1a".into(), ..CreateForm::default() };
        assert!(f.typed(Field::ClusterName));
        assert!(f.error(Field::ClusterName, Lang::En).is_some());
        assert!(!f.typed(Field::NumberOfNode), "numbers are always checked, not by this");
    }

    #[test]
    fn an_existing_ip_needs_its_id() {
        let f = CreateForm { bind: PublicBindType::BindExisting, ..valid() };
        assert!(f.check().1.iter().any(|e| e.field == Field::EipId || e.field == Field::PublicBindType));
    }
}
