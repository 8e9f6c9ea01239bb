//! The actions on a cluster (restart, scale out, reset password, snapshot, delete): a menu to pick
//! one, and a confirmation dialog for each that checks its input with the contract's rules.

use dws_contract::rules::{self, Field};
use dws_contract::types::{
    ClusterInfo, CreateSnapshotRequest, DeleteClusterRequest, ResetPasswordRequest, ResizeClusterRequest, Restart,
    RestartClusterRequest, ScaleOut, Snapshot,
};
use dws_contract::lifecycle::{ClusterOperation, ClusterState};
use dws_contract::{Lang, Operation, PathParams, Secret};
use leptos::prelude::*;
use serde::Serialize;
use serde::de::IgnoredAny;

use crate::api::{Answer, ApiError};
use crate::components::dialog::Dialog;
use crate::components::error_view::ErrorView;
use crate::components::field::{TextField, field_hint};
use crate::components::password::{PasswordField, password_error};
use crate::i18n::{Text, tr, use_lang};
use crate::session::{use_api, use_session};

/// An action on a cluster.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClusterAction {
    /// Restart.
    Restart,
    /// Add nodes.
    ScaleOut,
    /// Reset the administrator password.
    ResetPassword,
    /// Take a snapshot.
    Snapshot,
    /// Delete.
    Delete,
}

impl ClusterAction {
    /// Every action, in menu order.
    pub const ALL: [ClusterAction; 5] = [
        ClusterAction::Restart,
        ClusterAction::ScaleOut,
        ClusterAction::ResetPassword,
        ClusterAction::Snapshot,
        ClusterAction::Delete,
    ];

    /// The menu entry.
    pub fn label(self) -> Text {
        match self {
            ClusterAction::Restart => Text::Restart,
            ClusterAction::ScaleOut => Text::ScaleOut,
            ClusterAction::ResetPassword => Text::ResetPassword,
            ClusterAction::Snapshot => Text::CreateSnapshot,
            ClusterAction::Delete => Text::Delete,
        }
    }

    /// For test ids.
    pub fn slug(self) -> &'static str {
        match self {
            ClusterAction::Restart => "restart",
            ClusterAction::ScaleOut => "scale-out",
            ClusterAction::ResetPassword => "reset-password",
            ClusterAction::Snapshot => "snapshot",
            ClusterAction::Delete => "delete",
        }
    }

    /// The operation of the shared state table.
    pub fn operation(self) -> ClusterOperation {
        match self {
            ClusterAction::Restart => ClusterOperation::Restart,
            ClusterAction::ScaleOut => ClusterOperation::ScaleOut,
            ClusterAction::ResetPassword => ClusterOperation::ResetPassword,
            ClusterAction::Snapshot => ClusterOperation::CreateSnapshot,
            ClusterAction::Delete => ClusterOperation::Delete,
        }
    }

    /// Why the cluster's state refuses the action, in the words the service would answer with;
    /// `None` when the state allows it.
    pub fn refusal(self, c: &ClusterInfo, lang: Lang) -> Option<String> {
        ClusterState::of(c).allows(self.operation()).err().map(|r| r.reason(self.operation(), lang))
    }

    /// Whether the cluster's state allows the action.
    pub fn allowed(self, c: &ClusterInfo) -> bool {
        ClusterState::of(c).allows(self.operation()).is_ok()
    }
}

/// The cluster an action dialog is open for.
#[derive(Debug, Clone, PartialEq)]
pub struct ClusterTarget {
    /// The action.
    pub action: ClusterAction,
    /// The cluster, as it was when the action was picked.
    pub cluster: ClusterInfo,
}

/// Places an open menu next to its button with fixed coordinates, so a table that scrolls
/// sideways (and clips what overflows it) cannot cut it off; it opens upwards near the bottom of
/// the window.
fn place_menu(details: &web_sys::HtmlDetailsElement) {
    use wasm_bindgen::JsCast;
    let (Some(summary), Some(list)) = (
        details.query_selector("summary").ok().flatten(),
        details.query_selector(".menu-list").ok().flatten().and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()),
    ) else {
        return;
    };
    let Some(window) = web_sys::window() else { return };
    let r = summary.get_bounding_client_rect();
    let width = window.inner_width().ok().and_then(|v| v.as_f64()).unwrap_or(0.0);
    let height = window.inner_height().ok().and_then(|v| v.as_f64()).unwrap_or(0.0);
    let style = list.style();
    // Right-aligned under the button, unless that would run off the left edge (a button at the
    // left of a narrow window): then left-aligned.
    let menu_width = f64::from(list.offset_width());
    if r.right() - menu_width < 4.0 {
        let _ = style.set_property("left", &format!("{}px", r.left().max(4.0)));
        let _ = style.remove_property("right");
    } else {
        let _ = style.set_property("right", &format!("{}px", (width - r.right()).max(4.0)));
        let _ = style.remove_property("left");
    }
    if r.bottom() + 240.0 > height && r.top() > 240.0 {
        let _ = style.set_property("bottom", &format!("{}px", height - r.top() + 4.0));
        let _ = style.remove_property("top");
    } else {
        let _ = style.set_property("top", &format!("{}px", r.bottom() + 4.0));
        let _ = style.remove_property("bottom");
    }
}

fn focus_summary(details: NodeRef<leptos::html::Details>) {
    use wasm_bindgen::JsCast;
    if let Some(s) = details
        .get_untracked()
        .and_then(|d| d.query_selector("summary").ok().flatten())
        .and_then(|s| s.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = s.focus();
    }
}

/// The actions menu of a cluster: a disclosure (so it works from the keyboard as it is) that
/// closes on Escape, on a click elsewhere and when the page scrolls.
#[component]
pub fn ActionMenu(#[prop(into)] cluster: Signal<ClusterInfo>, target: RwSignal<Option<ClusterTarget>>) -> impl IntoView {
    let lang = use_lang();
    // Ids for the entries' labels and reasons, unique however many menus a page shows.
    static MENUS: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let menu_id = format!("menu{}", MENUS.fetch_add(1, std::sync::atomic::Ordering::Relaxed));
    let details = NodeRef::<leptos::html::Details>::new();
    let close = move || {
        if let Some(d) = details.get_untracked()
            && d.open()
        {
            d.set_open(false);
        }
    };
    let outside = window_event_listener(leptos::ev::click, move |ev| {
        use wasm_bindgen::JsCast;
        let inside = details.get_untracked().zip(ev.target().and_then(|t| t.dyn_into::<web_sys::Node>().ok()))
            .is_some_and(|(d, n)| d.contains(Some(&n)));
        if !inside {
            close();
        }
    });
    let scrolled = window_event_listener(leptos::ev::scroll, move |_| close());
    on_cleanup(move || {
        outside.remove();
        scrolled.remove();
    });
    view! {
        <details class="menu" node_ref=details data-testid="actions-menu"
            on:toggle=move |_| {
                if let Some(d) = details.get_untracked() && d.open() {
                    place_menu(&d);
                }
            }
            on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                if ev.key() == "Escape" && details.get_untracked().is_some_and(|d| d.open()) {
                    ev.prevent_default();
                    close();
                    focus_summary(details);
                }
            }>
            // Named after its cluster too, so a screen reader's list of buttons tells the rows apart.
            <summary class="button small" aria-label=move || format!("{}: {}", Text::Actions.get(lang.get()), cluster.with(|c| c.name.clone()))>
                {tr(Text::Actions)}
            </summary>
            <ul class="menu-list">
                {ClusterAction::ALL.into_iter().map(|a| {
                    let refusal = move || cluster.with(|c| a.refusal(c, lang.get()));
                    let label_id = format!("{menu_id}-{}", a.slug());
                    let reason_id = format!("{label_id}-why");
                    let described_by = {
                        let reason_id = reason_id.clone();
                        move || refusal().is_some().then(|| reason_id.clone())
                    };
                    let labelled_by = label_id.clone();
                    view! {
                        <li>
                            // A refused entry stays focusable and says why, as its description,
                            // rather than going silently grey.
                            <button type="button" class="menu-item" class:danger=a == ClusterAction::Delete
                                data-testid=format!("action-{}", a.slug())
                                aria-labelledby=labelled_by
                                aria-disabled=move || refusal().is_some().to_string()
                                aria-describedby=described_by
                                on:click=move |_| {
                                    if refusal().is_some() {
                                        return;
                                    }
                                    // The menu's button takes the focus before the menu closes under
                                    // it, so the dialog this opens gives the focus back there.
                                    focus_summary(details);
                                    close();
                                    target.set(Some(ClusterTarget { action: a, cluster: cluster.get_untracked() }));
                                }>
                                <span id=label_id>{move || a.label().get(lang.get())}</span>
                                {move || refusal().map(|why| view! {
                                    <span class="menu-reason" id=reason_id.clone() data-testid="action-reason">{why}</span>
                                })}
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </details>
    }
}

/// What sending needs, taken from context while the form is built (event handlers run outside
/// the component tree).
#[derive(Clone, Copy)]
pub(crate) struct Ctx {
    api: Signal<Option<crate::api::Api>>,
    session: crate::session::SessionContext,
}

impl Ctx {
    pub(crate) fn new() -> Ctx {
        Ctx { api: use_api(), session: use_session() }
    }
}

/// The path parameters of a cluster of the project.
fn on_cluster(id: &str) -> impl FnOnce(PathParams) -> PathParams + 'static {
    let id = id.to_owned();
    move |p| p.cluster(&id)
}

/// Sends an action's request (`params` adds the cluster or snapshot to the project's path
/// parameters); on success closes the dialog and tells the page to refresh.
pub(crate) fn send<B: Serialize + 'static>(
    ctx: Ctx,
    op: Operation,
    params: impl FnOnce(PathParams) -> PathParams + 'static,
    body: Option<B>,
    pending: RwSignal<bool>,
    failure: RwSignal<Option<ApiError>>,
    done: impl Fn() + 'static,
) {
    let Some(api) = ctx.api.get_untracked() else { return };
    let session = ctx.session;
    if pending.get_untracked() {
        return;
    }
    pending.set(true);
    failure.set(None);
    leptos::task::spawn_local(async move {
        let params = params(api.project());
        let r: Result<Answer<IgnoredAny>, ApiError> = api.call(op, &params, body.as_ref()).await;
        pending.try_set(false);
        match r {
            Ok(_) => done(),
            Err(e) if e.is_unauthorized() => session.expire(Text::SessionRefused),
            Err(e) => {
                failure.try_set(Some(e));
            }
        }
    });
}

/// The dialog of the action picked in a menu. `on_done` runs after the service accepted it (the
/// page then refreshes, and the table shows the task's progress).
#[component]
pub fn ClusterActionDialog(target: RwSignal<Option<ClusterTarget>>, #[prop(into)] on_done: Callback<ClusterAction>) -> impl IntoView {
    let lang = use_lang();
    let open = RwSignal::new(false);
    // The two follow each other; each only writes when the value differs, so they settle.
    Effect::new(move |_| {
        let want = target.with(Option::is_some);
        if open.get_untracked() != want {
            open.set(want);
        }
    });
    Effect::new(move |_| {
        if !open.get() && target.with_untracked(Option::is_some) {
            target.set(None);
        }
    });
    let title = Signal::derive(move || {
        target
            .with(|t| t.as_ref().map(|t| format!("{}: {}", t.action.label().get(lang.get()), t.cluster.name)))
            .unwrap_or_default()
    });
    // What the service accepted, said once (and announced) while the table starts showing it.
    let accepted = RwSignal::new(None::<(ClusterAction, String)>);
    let finish = move |a: ClusterAction| {
        if let Some(name) = target.with_untracked(|t| t.as_ref().map(|t| t.cluster.name.clone())) {
            let said = Some((a, name));
            accepted.set(said.clone());
            // Cleared only if no later action replaced it meanwhile.
            set_timeout(
                move || {
                    if accepted.try_with_untracked(|now| *now == said) == Some(true) {
                        accepted.try_set(None);
                    }
                },
                std::time::Duration::from_secs(8),
            );
        }
        open.set(false);
        on_done.run(a);
    };
    view! {
        <p class="action-accepted" role="status" data-testid="action-accepted">
            {move || accepted.get().map(|(a, name)| {
                format!("{} · {name}: {}", a.label().get(lang.get()), Text::RequestAccepted.get(lang.get()))
            })}
        </p>
        <Dialog open=open title=title id="action-dialog">
            {move || target.get().map(|t| match t.action {
                ClusterAction::Restart => view! { <RestartForm cluster=t.cluster open=open finish=finish/> }.into_any(),
                ClusterAction::ScaleOut => view! { <ScaleOutForm cluster=t.cluster open=open finish=finish/> }.into_any(),
                ClusterAction::ResetPassword => view! { <ResetPasswordForm cluster=t.cluster open=open finish=finish/> }.into_any(),
                ClusterAction::Snapshot => view! { <SnapshotForm cluster=t.cluster open=open finish=finish/> }.into_any(),
                ClusterAction::Delete => view! { <DeleteForm cluster=t.cluster open=open finish=finish/> }.into_any(),
            })}
        </Dialog>
    }
}

/// Cancel and confirm buttons, the confirm one busy while the request is out. Busy, not
/// disabled: a disabled button drops the keyboard focus it had to the page, so after a refusal
/// the user would have to find the dialog again; `send` ignores a second submit meanwhile.
#[component]
pub(crate) fn DialogButtons(open: RwSignal<bool>, pending: RwSignal<bool>, confirm: Text, #[prop(optional)] danger: bool) -> impl IntoView {
    view! {
        <div class="dialog-buttons">
            <button type="button" class="button" data-testid="dialog-cancel" on:click=move |_| open.set(false)>{tr(Text::Cancel)}</button>
            <button type="submit" class="button" class:primary=!danger class:danger=danger data-testid="dialog-confirm"
                aria-disabled=move || pending.get().to_string() aria-busy=move || pending.get().to_string()>
                {tr(confirm)}
            </button>
        </div>
    }
}

#[component]
fn RestartForm(cluster: ClusterInfo, open: RwSignal<bool>, finish: impl Fn(ClusterAction) + Copy + 'static) -> impl IntoView {
    let ctx = Ctx::new();
    let pending = RwSignal::new(false);
    let failure = RwSignal::new(None);
    let id = cluster.id.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = RestartClusterRequest { restart: Restart {} };
        send(ctx, Operation::RestartCluster, on_cluster(&id), Some(body), pending, failure, move || finish(ClusterAction::Restart));
    };
    view! {
        <form class="form" on:submit=submit novalidate>
            <p>{tr(Text::RestartExplained)}</p>
            <ErrorView error=failure/>
            <DialogButtons open=open pending=pending confirm=Text::Restart/>
        </form>
    }
}

#[component]
fn ScaleOutForm(cluster: ClusterInfo, open: RwSignal<bool>, finish: impl Fn(ClusterAction) + Copy + 'static) -> impl IntoView {
    let ctx = Ctx::new();
    let lang = use_lang();
    let pending = RwSignal::new(false);
    let failure = RwSignal::new(None);
    let count = RwSignal::new("1".to_owned());
    let current = i64::from(cluster.number_of_node.unwrap_or(0));
    let parsed = move || count.with(|c| c.trim().parse::<i64>().ok());
    let error = Signal::derive(move || match parsed() {
        Some(n) => rules::scale_out_count(n, current).err().map(|e| e.message(lang.get())),
        None => Some(Text::WholeNumber.get(lang.get()).to_owned()),
    });
    // No target for a count the rules refuse: "8 → 7" for a typed -1 would read as a plan.
    let target = move || parsed().filter(|_| error.get().is_none()).map(|n| current + n);
    let id = cluster.id.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (Some(n), None) = (parsed(), error.get_untracked()) else {
            crate::pages::sign_in::focus("scale-out-count");
            return;
        };
        let body = ResizeClusterRequest { scale_out: Some(ScaleOut { count: n }) };
        send(ctx, Operation::ResizeCluster, on_cluster(&id), Some(body), pending, failure, move || finish(ClusterAction::ScaleOut));
    };
    view! {
        <form class="form" on:submit=submit novalidate>
            <TextField id="scale-out-count" label=tr(Text::NodesToAdd) value=count error=error input_type="number"/>
            <p data-testid="scale-out-target">
                {move || format!("{}: {current} → {}", Text::NodeCount.get(lang.get()),
                    target().map(|t| t.to_string()).unwrap_or_else(|| "?".into()))}
            </p>
            <ErrorView error=failure/>
            <DialogButtons open=open pending=pending confirm=Text::ScaleOut/>
        </form>
    }
}

#[component]
fn ResetPasswordForm(cluster: ClusterInfo, open: RwSignal<bool>, finish: impl Fn(ClusterAction) + Copy + 'static) -> impl IntoView {
    let ctx = Ctx::new();
    let lang = use_lang();
    let pending = RwSignal::new(false);
    let failure = RwSignal::new(None::<ApiError>);
    let password = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let submitted = RwSignal::new(false);
    let user = cluster.user_name.clone().unwrap_or_default();
    let user_sig = Signal::derive({
        let user = user.clone();
        move || user.clone()
    });
    let confirm_error = Signal::derive(move || {
        (submitted.get() && confirm.get() != password.get()).then(|| Text::PasswordsDiffer.get(lang.get()).to_owned())
    });
    let server_error = Signal::derive(move || {
        failure.with(|f| f.as_ref().and_then(|e| e.on_field(&[Field::NewPassword], lang.get())).map(|(_, m)| m))
    });
    let id = cluster.id.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submitted.set(true);
        let pw = password.get_untracked();
        if password_error(Field::NewPassword, &pw, &user, lang.get_untracked()).is_some() {
            crate::pages::sign_in::focus("new-password");
            return;
        }
        if confirm_error.get_untracked().is_some() {
            crate::pages::sign_in::focus("new-password-confirm");
            return;
        }
        let body = ResetPasswordRequest { new_password: Secret::new(pw) };
        send(ctx, Operation::ResetPassword, on_cluster(&id), Some(body), pending, failure, move || {
            password.try_set(String::new());
            confirm.try_set(String::new());
            finish(ClusterAction::ResetPassword)
        });
    };
    view! {
        <form class="form" on:submit=submit novalidate>
            <p>{tr(Text::ResetPasswordExplained)} " " <code>{cluster.user_name.clone()}</code></p>
            <PasswordField id="new-password" label=tr(Text::NewPassword) value=password user_name=user_sig
                show_errors=submitted field=Field::NewPassword server_error=server_error/>
            <TextField id="new-password-confirm" label=tr(Text::ConfirmPassword) value=confirm error=confirm_error
                input_type="password" autocomplete="new-password"/>
            <ErrorView error=failure/>
            <DialogButtons open=open pending=pending confirm=Text::ResetPassword/>
        </form>
    }
}

/// Takes a snapshot of `cluster`; with `choices`, of the one picked among them (clusters that
/// can take a snapshot now).
#[component]
pub fn SnapshotForm(
    cluster: ClusterInfo,
    open: RwSignal<bool>,
    finish: impl Fn(ClusterAction) + Copy + 'static,
    #[prop(optional)] choices: Option<Signal<Vec<ClusterInfo>>>,
) -> impl IntoView {
    let ctx = Ctx::new();
    let lang = use_lang();
    let pending = RwSignal::new(false);
    let failure = RwSignal::new(None::<ApiError>);
    let name = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let submitted = RwSignal::new(false);
    let picked = RwSignal::new(cluster.id.clone());
    let request = move || Snapshot {
        name: name.get(),
        cluster_id: picked.get(),
        description: Some(description.get()).filter(|d| !d.is_empty()),
    };
    let error_of = move |field: Field| {
        Signal::derive(move || {
            let server = failure.with(|f| {
                f.as_ref()
                    .and_then(|e| e.on_field(&[Field::SnapshotName, Field::SnapshotDescription], lang.get()))
                    .filter(|(f, _)| *f == field)
                    .map(|(_, m)| m)
            });
            server.or_else(|| {
                (submitted.get() || field == Field::SnapshotName && !name.with(String::is_empty))
                    .then(|| rules::create_snapshot(&request()).into_iter().find(|e| e.field == field).map(|e| e.message(lang.get())))
                    .flatten()
            })
        })
    };
    let name_error = error_of(Field::SnapshotName);
    let description_error = error_of(Field::SnapshotDescription);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submitted.set(true);
        let s = request();
        if let Some(e) = rules::create_snapshot(&s).first() {
            crate::pages::sign_in::focus(if e.field == Field::SnapshotDescription { "snapshot-description" } else { "snapshot-name" });
            return;
        }
        send(ctx, Operation::CreateSnapshot, |p| p, Some(CreateSnapshotRequest { snapshot: s }), pending, failure, move || {
            finish(ClusterAction::Snapshot)
        });
    };
    view! {
        <form class="form" on:submit=submit novalidate>
            {choices.map(|choices| view! {
                <div class="field">
                    <label for="snapshot-cluster">{tr(Text::OfCluster)}</label>
                    <select id="snapshot-cluster" data-testid="snapshot-cluster"
                        on:change=move |ev| picked.set(event_target_value(&ev))>
                        <For each=move || choices.get() key=|c| c.id.clone() let:c>
                            <option value=c.id.clone() selected={let id = c.id.clone(); move || picked.with(|p| *p == id)}>
                                {c.name.clone()}
                            </option>
                        </For>
                    </select>
                </div>
            })}
            <TextField id="snapshot-name" label=tr(Text::SnapshotName) value=name error=name_error
                hint=field_hint(Text::SnapshotNameHint)/>
            <TextField id="snapshot-description" label=tr(Text::Description) value=description error=description_error/>
            <ErrorView error=failure/>
            <DialogButtons open=open pending=pending confirm=Text::CreateSnapshot/>
        </form>
    }
}

#[component]
fn DeleteForm(cluster: ClusterInfo, open: RwSignal<bool>, finish: impl Fn(ClusterAction) + Copy + 'static) -> impl IntoView {
    let ctx = Ctx::new();
    let lang = use_lang();
    let pending = RwSignal::new(false);
    let failure = RwSignal::new(None::<ApiError>);
    let typed = RwSignal::new(String::new());
    let tried = RwSignal::new(false);
    let keep = RwSignal::new("0".to_owned());
    let name = cluster.name.clone();
    let matches = {
        let name = name.clone();
        move || typed.with(|t| t == &name)
    };
    let keep_error = Signal::derive(move || match keep.with(|k| k.trim().parse::<i64>().ok()) {
        Some(n) => rules::keep_last_manual_snapshot(n).err().map(|e| e.message(lang.get())),
        None => Some(Text::WholeNumber.get(lang.get()).to_owned()),
    });
    let id = cluster.id.clone();
    let can_delete = {
        let matches = matches.clone();
        move || matches() && keep_error.get().is_none() && !pending.get()
    };
    let submit = {
        let can_delete = can_delete.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if !can_delete() {
                // Enter in a field of the form: say why nothing happens.
                tried.set(true);
                return;
            }
            let n = keep.get_untracked().trim().parse::<i64>().unwrap_or(0);
            let body = DeleteClusterRequest { keep_last_manual_snapshot: n };
            send(ctx, Operation::DeleteCluster, on_cluster(&id), Some(body), pending, failure, move || finish(ClusterAction::Delete));
        }
    };
    let name_error = {
        let matches = matches.clone();
        Signal::derive(move || (tried.get() && !matches()).then(|| Text::NameDoesNotMatch.get(lang.get()).to_owned()))
    };
    view! {
        <form class="form" on:submit=submit novalidate>
            <p class="warning-text">{tr(Text::DeleteExplained)}</p>
            <TextField id="keep-snapshots" label=tr(Text::KeepManualSnapshots) value=keep error=keep_error input_type="number"
                hint=field_hint(Text::KeepManualSnapshotsHint)/>
            <p>{tr(Text::TypeNameToConfirm)} " " <code data-testid="delete-name">{name.clone()}</code></p>
            <TextField id="delete-confirm-name" label=tr(Text::ClusterName) value=typed error=name_error/>
            <ErrorView error=failure/>
            <div class="dialog-buttons">
                <button type="button" class="button" data-testid="dialog-cancel" on:click=move |_| open.set(false)>{tr(Text::Cancel)}</button>
                // Marked, not disabled, until the name is typed: a disabled default button would
                // also swallow Enter, and the form could not say why nothing happens.
                <button type="submit" class="button danger" data-testid="dialog-confirm"
                    aria-disabled=move || (!can_delete()).to_string() aria-busy=move || pending.get().to_string()>
                    {tr(Text::Delete)}
                </button>
            </div>
        </form>
    }
}
