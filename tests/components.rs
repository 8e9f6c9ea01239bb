//! Component tests, run in headless Chromium by `wasm-bindgen-test-runner`
//! (`cargo xtask test` runs them; by hand: `cargo test --target wasm32-unknown-unknown`).
#![cfg(target_arch = "wasm32")]

use dws_console::app::provide_app_state;
use dws_console::pages::sign_in::SignInForm;
use leptos_router::components::Router;
use dws_contract::Lang;
use leptos::prelude::*;
use leptos::task::tick;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Mounts a view in a fresh container and returns the container.
fn mount<V: IntoView + 'static>(view: impl FnOnce() -> V + 'static) -> web_sys::HtmlElement {
    let container: web_sys::HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&container).unwrap();
    let handle = leptos::mount::mount_to(container.clone(), view);
    // The test page lives until the test ends; keep the view mounted for it.
    std::mem::forget(handle);
    container
}

fn text_of(root: &web_sys::HtmlElement, selector: &str) -> String {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("{selector} not found"))
        .text_content()
        .unwrap_or_default()
}

fn input(root: &web_sys::HtmlElement, id: &str) -> web_sys::HtmlInputElement {
    root.query_selector(&format!("#{id}")).unwrap().unwrap().unchecked_into()
}

fn type_into(el: &web_sys::HtmlInputElement, value: &str) {
    el.set_value(value);
    el.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
}

fn submit(root: &web_sys::HtmlElement) {
    let button: web_sys::HtmlElement =
        root.query_selector("[data-testid=sign-in-submit]").unwrap().unwrap().unchecked_into();
    button.click();
}

#[wasm_bindgen_test]
async fn sign_in_form_shows_rule_errors_after_submit_in_the_chosen_language() {
    let lang = std::rc::Rc::new(std::cell::Cell::new(None));
    let lang_out = lang.clone();
    let root = mount(move || {
        provide_app_state(Lang::En);
        lang_out.set(Some(dws_console::i18n::use_lang()));
        view! { <Router><SignInForm/></Router> }
    });
    tick().await;

    // Nothing is flagged before the user tries to submit.
    assert_eq!(text_of(&root, "[data-testid=account-error]"), "");
    assert_eq!(input(&root, "account").get_attribute("aria-invalid").as_deref(), Some("false"));

    submit(&root);
    tick().await;
    assert_eq!(text_of(&root, "[data-testid=account-error]"), "Account name is required.");
    assert_eq!(text_of(&root, "[data-testid=project-error]"), "Project is required.");
    assert_eq!(input(&root, "account").get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(
        input(&root, "account").get_attribute("aria-describedby").as_deref(),
        Some("account-hint account-error")
    );
    assert_eq!(text_of(&root, "[data-testid=sign-in-notice]"), "Check the highlighted fields.");

    // The first invalid field takes the focus.
    let active = document().active_element().unwrap();
    assert_eq!(active.id(), "account");

    // Errors follow the input as the user types, using the contract's project rule.
    type_into(&input(&root, "account"), "demo");
    type_into(&input(&root, "project"), "ae ad 1");
    tick().await;
    assert_eq!(text_of(&root, "[data-testid=account-error]"), "");
    assert!(text_of(&root, "[data-testid=project-error]").starts_with("Project cannot contain spaces."));

    // And the language switch re-renders them.
    lang.get().unwrap().set(Lang::Zh);
    tick().await;
    assert_eq!(text_of(&root, "[data-testid=user-error]"), "IAM用户名不能为空。");
    assert_eq!(text_of(&root, "label[for=account]"), "帐号名");
}

#[wasm_bindgen_test]
async fn a_valid_sign_in_form_is_sent_and_a_failed_answer_is_explained() {
    let root = mount(|| {
        provide_app_state(Lang::En);
        view! { <Router><SignInForm/></Router> }
    });
    tick().await;
    for (id, value) in
        [("account", "demo"), ("user", "admin"), ("password", "Admin@12345"), ("project", "ae-ad-1")]
    {
        type_into(&input(&root, id), value);
    }
    submit(&root);
    tick().await;
    for id in ["account", "user", "password", "project"] {
        assert_eq!(text_of(&root, &format!("[data-testid={id}-error]")), "", "{id}");
    }
    assert_eq!(text_of(&root, "[data-testid=sign-in-notice]"), "");
    // The test page has no IAM behind it: the answer is an error, explained where the form is.
    let mut waited = 0;
    while root.query_selector("[data-testid=error-panel]").unwrap().is_none() {
        assert!(waited < 100, "no error panel after the sign-in request");
        sleep(50).await;
        waited += 1;
    }
    assert!(!text_of(&root, "[data-testid=error-message]").is_empty());
    // Nothing was kept.
    let storage = web_sys::window().unwrap().session_storage().unwrap().unwrap();
    assert_eq!(storage.get_item("dws-console.session").unwrap(), None);
}

async fn sleep(ms: i32) {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(p).await.unwrap();
}

#[wasm_bindgen_test]
async fn an_error_shows_code_message_remedy_action_and_request_id_in_both_languages() {
    use dws_console::api::ApiError;
    use dws_console::components::error_view::ErrorView;
    let lang = std::rc::Rc::new(std::cell::Cell::new(None));
    let lang_out = lang.clone();
    let root = mount(move || {
        provide_app_state(Lang::En);
        lang_out.set(Some(dws_console::i18n::use_lang()));
        let e = ApiError::Status {
            operation: dws_contract::Operation::DeleteCluster,
            status: 403,
            body: dws_contract::ErrorBody::parse(r#"{"code":"DWS.0003","message":"denied"}"#),
            request_id: Some("req-42".into()),
        };
        view! { <ErrorView error=Signal::derive(move || Some(e.clone()))/> }
    });
    tick().await;
    assert_eq!(text_of(&root, "[data-testid=error-code]"), "DWS.0003");
    let entry = dws_contract::catalog::lookup("DWS.0003").unwrap();
    assert_eq!(text_of(&root, "[data-testid=error-message]"), entry.message_en);
    assert_eq!(text_of(&root, "[data-testid=error-remedy]"), entry.remedy_en);
    assert!(text_of(&root, "[data-testid=error-action]").contains("dws:openAPICluster:delete"));
    assert_eq!(text_of(&root, "[data-testid=error-request-id]"), "req-42");
    assert!(root.query_selector("[role=alert]").unwrap().is_some());
    lang.get().unwrap().set(Lang::Zh);
    tick().await;
    assert_eq!(text_of(&root, "[data-testid=error-message]"), entry.message_zh);
}

#[wasm_bindgen_test]
async fn a_refresh_updates_only_the_rows_that_changed() {
    use dws_console::live::KeyedRows;
    let rows = KeyedRows::<(String, u32)>::new();
    fn key(r: &(String, u32)) -> &str {
        r.0.as_str()
    }
    let first: Vec<(String, u32)> = (0..1000).map(|i| (format!("c{i}"), 0)).collect();
    assert_eq!(rows.merge(&first, key), 1000);
    let before: Vec<_> = rows.all().into_iter().map(|(_, s)| s).collect();
    // Ten rows change, one goes, one arrives.
    let mut next = first.clone();
    for r in next.iter_mut().take(10) {
        r.1 = 1;
    }
    next.pop();
    next.push(("new".into(), 0));
    assert_eq!(rows.merge(&next, key), 12);
    let after = rows.all();
    assert_eq!(after.len(), 1000);
    // Unchanged rows keep their signal (so their DOM is left alone); changed ones hold new data.
    for (i, (k, s)) in after.iter().take(999).enumerate() {
        assert_eq!(k, &format!("c{i}"));
        assert!(s == &before[i], "row {i} kept its signal");
    }
    assert_eq!(after[3].1.get_untracked().1, 1);
    assert_eq!(after[500].1.get_untracked().1, 0);
    assert_eq!(after[999].0, "new");
    // The same data again changes nothing.
    assert_eq!(rows.merge(&next, key), 0);
    // Same rows in the same order (the usual poll): only the changed one is set.
    let kept = rows.all()[7].1.clone();
    let mut again = next;
    again[7].1 = 9;
    assert_eq!(rows.merge(&again, key), 1);
    let now = rows.all();
    assert!(now[7].1 == kept, "the row kept its signal");
    assert_eq!(now[7].1.get_untracked().1, 9);
}

#[wasm_bindgen_test]
async fn the_password_meter_speaks_and_follows_the_rules() {
    use dws_console::components::password::PasswordField;
    use dws_contract::rules::Field;
    let value = std::rc::Rc::new(std::cell::Cell::new(None));
    let out = value.clone();
    let root = mount(move || {
        provide_app_state(Lang::En);
        let v = RwSignal::new(String::new());
        out.set(Some(v));
        view! { <PasswordField id="pw" label=Signal::derive(|| "Password") value=v user_name=Signal::derive(|| "dbadmin".to_owned())
            show_errors=Signal::derive(|| true) field=Field::UserPwd/> }
    });
    tick().await;
    let v = value.get().unwrap();
    v.set("nimdabd".into());
    tick().await;
    assert!(text_of(&root, "[data-testid=pw-strength]").contains("not accepted"));
    assert!(!text_of(&root, "[data-testid=pw-error]").is_empty());
    v.set("Warehouse@2026!x".into());
    tick().await;
    assert!(text_of(&root, "[data-testid=pw-strength]").contains("strong"));
    assert_eq!(text_of(&root, "[data-testid=pw-error]"), "");
    assert_eq!(root.query_selector("[data-testid=pw-strength]").unwrap().unwrap().get_attribute("data-level").as_deref(), Some("4"));
}

#[wasm_bindgen_test]
async fn unknown_statuses_are_shown_as_text() {
    use dws_console::components::status::ClusterStatusBadge;
    let root = mount(|| {
        provide_app_state(Lang::En);
        let c: dws_contract::types::ClusterInfo = serde_json::from_str(
            r#"{"id":"x","name":"n","status":"MIGRATING","sub_status":"UNBALANCED | READONLY","task_status":"RESIZE_FAILURE"}"#,
        )
        .unwrap();
        view! { <ClusterStatusBadge cluster=Signal::derive(move || c.clone())/> }
    });
    tick().await;
    let text = text_of(&root, "[data-testid=cluster-status]");
    assert!(text.contains("MIGRATING"), "{text}");
    assert!(text.contains("Unbalanced · Read-only"), "{text}");
    assert!(text.contains("Scale-out failed"), "{text}");
}

#[wasm_bindgen_test]
async fn copying_without_a_clipboard_says_so_instead_of_failing() {
    use dws_console::components::copy::CopyButton;
    // As on a plain-http page, where browsers offer no clipboard.
    js_sys::eval("Object.defineProperty(navigator, 'clipboard', {value: undefined, configurable: true})").unwrap();
    let root = mount(|| {
        provide_app_state(Lang::En);
        view! { <CopyButton value="jdbc:postgresql://10.0.0.1:8000/db" label=dws_console::i18n::Text::JdbcUrl/> }
    });
    tick().await;
    let button: web_sys::HtmlElement = root.query_selector("[data-testid=copy]").unwrap().unwrap().unchecked_into();
    assert_eq!(button.get_attribute("aria-label").as_deref(), Some("Copy JDBC URL"));
    button.click();
    tick().await;
    assert_eq!(text_of(&root, "[data-testid=copy]"), "Copy failed");
}

#[wasm_bindgen_test]
async fn a_number_field_keeps_what_was_typed_and_says_what_is_wrong() {
    use dws_console::components::field::TextField;
    let value = std::rc::Rc::new(std::cell::Cell::new(None));
    let out = value.clone();
    let root = mount(move || {
        provide_app_state(Lang::En);
        let v = RwSignal::new("1".to_owned());
        out.set(Some(v));
        let error = Signal::derive(move || v.with(|t| t.trim().parse::<u32>().is_err().then(|| "Enter a whole number".to_owned())));
        view! { <TextField id="count" label=Signal::derive(|| "Nodes to add") value=v error=error input_type="number"/> }
    });
    tick().await;
    let v = value.get().unwrap();
    let field = input(&root, "count");
    assert_eq!(field.get_attribute("inputmode").as_deref(), Some("numeric"));
    // Half-typed and wrong numbers stay as typed: never emptied, never turned into another number.
    for typed in ["-", "-1", "1.", "1.5", "1e"] {
        type_into(&field, typed);
        tick().await;
        assert_eq!(v.get_untracked(), typed);
        assert_eq!(field.value(), typed);
        assert_eq!(text_of(&root, "[data-testid=count-error]"), "Enter a whole number", "{typed}");
    }
    type_into(&field, "3");
    tick().await;
    assert_eq!(v.get_untracked(), "3");
    assert_eq!(text_of(&root, "[data-testid=count-error]"), "");
}

/// The accessible description of an element: the text of the elements its `aria-describedby`
/// names, as a screen reader reads it after the name.
fn description(el: &web_sys::Element) -> String {
    el.get_attribute("aria-describedby")
        .unwrap_or_default()
        .split_whitespace()
        .map(|id| document().get_element_by_id(id).and_then(|e| e.text_content()).unwrap_or_default())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Which entries of a cluster's actions menu are offered, and what a screen reader hears for the
/// others, for a cluster given as the list answer gives it.
async fn menu_for(cluster_json: &'static str) -> Vec<(String, bool, String)> {
    use dws_console::components::actions::{ActionMenu, ClusterTarget};
    let target = std::rc::Rc::new(std::cell::Cell::new(None));
    let out = target.clone();
    let root = mount(move || {
        provide_app_state(Lang::En);
        let c: dws_contract::types::ClusterInfo = serde_json::from_str(cluster_json).unwrap();
        let t = RwSignal::new(None::<ClusterTarget>);
        out.set(Some(t));
        view! { <ActionMenu cluster=Signal::derive(move || c.clone()) target=t/> }
    });
    tick().await;
    let entries = root.query_selector_all(".menu-item").unwrap();
    let mut seen = Vec::new();
    for i in 0..entries.length() {
        let el: web_sys::HtmlElement = entries.item(i).unwrap().unchecked_into();
        let slug = el.get_attribute("data-testid").unwrap().trim_start_matches("action-").to_owned();
        let offered = el.get_attribute("aria-disabled").as_deref() == Some("false");
        // Every entry keeps its place in the tab order: nothing is silently greyed out.
        assert!(!el.has_attribute("disabled"), "{slug} is focusable");
        // Its name is the action alone, whatever the reason says.
        let label = document().get_element_by_id(&el.get_attribute("aria-labelledby").unwrap()).unwrap();
        assert!(!label.text_content().unwrap().is_empty());
        let why = description(&el);
        assert_eq!(offered, why.is_empty(), "{slug}: offered entries have no reason, refused ones one");
        // Clicking a refused entry opens nothing.
        if !offered {
            el.click();
            tick().await;
            assert!(target.get().unwrap().get_untracked().is_none(), "{slug} opened a dialog");
        }
        seen.push((slug, offered, why));
    }
    // An offered entry opens its dialog.
    if let Some(i) = seen.iter().position(|e| e.1) {
        let el: web_sys::HtmlElement = entries.item(i as u32).unwrap().unchecked_into();
        el.click();
        tick().await;
        let picked = target.get().unwrap().get_untracked().map(|t| t.action.slug());
        assert_eq!(picked, Some(seen[i].0.as_str()));
    }
    seen
}

#[wasm_bindgen_test]
async fn the_cluster_menu_offers_what_the_state_allows_and_says_why_not() {
    let snapshotting = menu_for(
        r#"{"id":"s1","name":"snapping","status":"AVAILABLE","sub_status":"NORMAL","task_status":"SNAPSHOTTING",
            "action_progress":{"SNAPSHOTTING":"2%"}}"#,
    )
    .await;
    assert_eq!(
        snapshotting,
        [
            ("restart", false, "A snapshot is being taken; restart the cluster when it has finished."),
            ("stop", false, "A snapshot is being taken; stop the cluster when it has finished."),
            ("start", false, "A snapshot is being taken; start the cluster when it has finished."),
            ("scale-out", false, "A snapshot is being taken; scale the cluster out when it has finished."),
            ("reset-password", false, "A snapshot is being taken; reset the password when it has finished."),
            ("snapshot", false, "A snapshot is being taken; take a snapshot when it has finished."),
            ("delete", false, "A snapshot is being taken; delete the cluster when it has finished."),
        ]
        .map(|(a, o, w)| (a.to_owned(), o, w.to_owned()))
    );

    let resizing = menu_for(
        r#"{"id":"g1","name":"growing","status":"AVAILABLE","sub_status":"NORMAL","task_status":"GROWING",
            "action_progress":{"GROWING":"40%"}}"#,
    )
    .await;
    assert!(resizing.iter().all(|(_, offered, _)| !offered));
    assert_eq!(resizing[6].2, "The cluster is being scaled out; delete the cluster when that has finished.");

    let failed = menu_for(
        r#"{"id":"f1","name":"broken","status":"CREATION FAILED","failed_reasons":{"error_code":"DWS.0008","error_msg":"x"}}"#,
    )
    .await;
    let offered: Vec<&str> = failed.iter().filter(|e| e.1).map(|e| e.0.as_str()).collect();
    assert_eq!(offered, ["delete"]);
    for (slug, _, why) in failed.iter().filter(|e| !e.1) {
        assert_eq!(why, "Creating the cluster failed; it can only be deleted.", "{slug}");
    }

    // An idle cluster offers everything but a start, and an offered entry opens its dialog.
    let idle = menu_for(r#"{"id":"i1","name":"idle","status":"AVAILABLE","sub_status":"NORMAL","task_status":"RESIZE_FAILURE"}"#).await;
    for (slug, offered, why) in &idle {
        match slug.as_str() {
            "start" => assert_eq!((*offered, why.as_str()), (false, "The cluster is running; only a stopped cluster can be started.")),
            _ => assert!(*offered && why.is_empty(), "{slug}"),
        }
    }

    // A stopped cluster starts or is deleted; the rest says to start it first.
    let stopped = menu_for(r#"{"id":"p1","name":"parked","status":"STOPPED","sub_status":"NORMAL"}"#).await;
    let offered: Vec<&str> = stopped.iter().filter(|e| e.1).map(|e| e.0.as_str()).collect();
    assert_eq!(offered, ["start", "delete"]);
    assert_eq!(stopped[0].2, "The cluster is stopped; start it first to restart the cluster.");
    assert_eq!(stopped[1].2, "The cluster is stopped; start it first to stop the cluster.");
}

fn key(el: &web_sys::Element, key: &str) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    el.dispatch_event(&web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap()).unwrap();
}

#[wasm_bindgen_test]
async fn a_chart_is_read_point_by_point_with_the_keyboard() {
    use dws_console::components::chart::LineChart;
    use dws_console::data::metrics::{CHARTS, Metrics, Range, Series};
    const MIN: i64 = 60_000;
    let t0 = 1_796_000_000_000;
    let points: Vec<(i64, f64)> = (0..5).map(|i| (t0 + i * MIN, [3.0, 5.0, 4.0, 9.0, 7.0][i as usize])).collect();
    let metrics = Metrics {
        range: Range::Hour,
        from: t0 - 55 * MIN,
        to: t0 + 5 * MIN,
        series: vec![Series { metric: "dws009_session_count".into(), unit: "count".into(), points }],
    };
    let root = mount(move || {
        provide_app_state(Lang::En);
        let data = Signal::derive(move || Some(metrics.clone()));
        view! { <LineChart chart=CHARTS[0] data=data/> }
    });
    tick().await;
    let plot = root.query_selector("[data-testid=chart-plot]").unwrap().unwrap();
    let valuetext = || plot.get_attribute("aria-valuetext").unwrap_or_default();
    assert_eq!(plot.get_attribute("role").as_deref(), Some("slider"));
    assert_eq!(valuetext(), "Latest 7 sessions");
    let d = root.query_selector(".chart-line").unwrap().unwrap().get_attribute("d").unwrap();
    assert_eq!((d.matches('M').count(), d.matches('L').count()), (1, 4), "one unbroken line: {d}");
    key(&plot, "ArrowLeft");
    tick().await;
    assert!(valuetext().ends_with(": 7 sessions"), "{}", valuetext());
    key(&plot, "ArrowLeft");
    tick().await;
    assert!(valuetext().ends_with(": 9 sessions"), "{}", valuetext());
    assert_eq!(plot.get_attribute("aria-valuenow").as_deref(), Some("3"));
    key(&plot, "Home");
    tick().await;
    assert!(valuetext().ends_with(": 3 sessions"), "{}", valuetext());
    assert!(root.query_selector(".chart-cursor").unwrap().is_some(), "the point read is marked");
    key(&plot, "Escape");
    tick().await;
    assert_eq!(valuetext(), "Latest 7 sessions");
    let summary = text_of(&root, "#dws009_session_count-summary");
    assert!(summary.contains("lowest 3 sessions") && summary.contains("highest 9 sessions"), "{summary}");
    assert_eq!(root.query_selector_all("[data-testid=chart-table] tbody tr").unwrap().length(), 5);
}

/// Sets a `<select>` as a user would, so the page sees the change.
fn choose(root: &web_sys::HtmlElement, id: &str, value: &str) {
    let select: web_sys::HtmlSelectElement = root.query_selector(&format!("#{id}")).unwrap().unwrap().unchecked_into();
    select.set_value(value);
    assert_eq!(select.value(), value, "{id} offers {value}");
    select.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
}

fn shown_events(root: &web_sys::HtmlElement) -> Vec<String> {
    let rows = root.query_selector_all("[data-testid=event-row]").unwrap();
    (0..rows.length())
        .map(|i| rows.item(i).unwrap().unchecked_into::<web_sys::Element>().get_attribute("data-name").unwrap())
        .collect()
}

#[wasm_bindgen_test]
async fn the_events_table_filters_by_cluster_source_severity_time_and_words() {
    use dws_console::components::event_table::EventTable;
    use dws_console::data::events::Numbered;
    use dws_console::data::events::filter::{EventFilter, EventRow};
    use dws_console::live::KeyedRows;
    use std::collections::{HashMap, HashSet};
    const HOUR: i64 = 3_600_000;
    let now = js_sys::Date::now() as i64;
    // Newest first, as the service lists them; the snapshot s1 is c1's, s9 is gone.
    let list = [
        ("createBackupFail", "backup", "s1", "nightly", now - HOUR, None, Some("c1")),
        ("restartCluster", "cluster", "c2", "dws-b", now - 2 * HOUR, Some("admin"), Some("c2")),
        ("createClusterSuccess", "cluster", "c1", "dws-a", now - 30 * HOUR, None, Some("c1")),
        ("deleteBackup", "backup", "s9", "old-one", now - 200 * HOUR, Some("viewer"), None),
    ];
    let lang = std::rc::Rc::new(std::cell::Cell::new(None));
    let lang_out = lang.clone();
    let filter_out = std::rc::Rc::new(std::cell::Cell::new(None));
    let filter_in = filter_out.clone();
    let root = mount(move || {
        provide_app_state(Lang::En);
        lang_out.set(Some(dws_console::i18n::use_lang()));
        let rows = KeyedRows::<EventRow>::new();
        let events: Vec<EventRow> = list
            .iter()
            .enumerate()
            .map(|(i, (name, source, id, source_name, at, user, cluster))| {
                let event = serde_json::from_value(serde_json::json!({
                    "event_id": format!("e{i}"), "name": name, "category": "management",
                    "severity": if name.ends_with("Fail") { "warning" } else { "normal" },
                    "source_type": source, "source_id": id, "source_name": source_name, "occur_time": at,
                    "context": format!("words about {source_name}"), "user_name": user,
                }))
                .unwrap();
                EventRow::new(&Numbered { seq: 9 - i as u64, event }, cluster.map(str::to_owned))
            })
            .collect();
        rows.merge(&events, |r| r.event.event_id.as_str());
        let filter = RwSignal::new(EventFilter::default());
        filter_in.set(Some(filter));
        let clusters: HashMap<String, String> = [("c1", "dws-a"), ("c2", "dws-b")].map(|(a, b)| (a.to_owned(), b.to_owned())).into();
        let snapshots: HashSet<String> = ["s1".to_owned()].into();
        view! {
            <Router>
                <EventTable rows=rows filter=filter clusters=Signal::derive(move || clusters.clone())
                    snapshots=Signal::derive(move || snapshots.clone())/>
            </Router>
        }
    });
    tick().await;
    // The last 7 days, newest first.
    assert_eq!(shown_events(&root), ["createBackupFail", "restartCluster", "createClusterSuccess"]);
    choose(&root, "event-window", "all");
    tick().await;
    assert_eq!(shown_events(&root).len(), 4);
    choose(&root, "event-window", "24h");
    tick().await;
    assert_eq!(shown_events(&root), ["createBackupFail", "restartCluster"]);
    choose(&root, "event-window", "all");
    // A cluster's own events and its snapshots'.
    choose(&root, "event-cluster-filter", "c1");
    tick().await;
    assert_eq!(shown_events(&root), ["createBackupFail", "createClusterSuccess"]);
    assert_eq!(filter_out.get().unwrap().get_untracked().cluster, "c1");
    choose(&root, "event-cluster-filter", "");
    choose(&root, "event-source-filter", "backup");
    tick().await;
    assert_eq!(shown_events(&root), ["createBackupFail", "deleteBackup"]);
    choose(&root, "event-source-filter", "");
    choose(&root, "event-severity-filter", "warning");
    tick().await;
    assert_eq!(shown_events(&root), ["createBackupFail"]);
    assert_eq!(text_of(&root, "[data-testid=event-severity]").trim(), "▲Warning");
    choose(&root, "event-severity-filter", "");
    // The search reads the words and the user.
    type_into(&input(&root, "event-search"), "VIEWER");
    tick().await;
    assert_eq!(shown_events(&root), ["deleteBackup"]);
    type_into(&input(&root, "event-search"), "nothing like it");
    tick().await;
    assert!(shown_events(&root).is_empty());
    assert!(root.query_selector("[data-testid=events-no-match]").unwrap().is_some());
    type_into(&input(&root, "event-search"), "");
    tick().await;
    // What still exists is a link; a gone snapshot is its name alone.
    let links = root.query_selector_all("[data-testid=event-resource]").unwrap();
    let hrefs: Vec<String> =
        (0..links.length()).map(|i| links.item(i).unwrap().unchecked_into::<web_sys::Element>().get_attribute("href").unwrap()).collect();
    assert_eq!(hrefs, ["/snapshots/s1", "/clusters/c2", "/clusters/c1"]);
    assert_eq!(text_of(&root, "[data-testid=event-resource-gone]"), "old-one");
    // A range of local times, and a reversed one said to be empty.
    choose(&root, "event-window", "range");
    tick().await;
    let filter = filter_out.get().unwrap();
    filter.update(|f| {
        f.from_ms = Some(now - 40 * HOUR);
        f.to_ms = Some(now - 10 * HOUR);
    });
    tick().await;
    assert_eq!(shown_events(&root), ["createClusterSuccess"]);
    assert!(!input(&root, "event-from").value().is_empty(), "the range's start shows in local time");
    filter.update(|f| f.from_ms = Some(now));
    tick().await;
    assert!(root.query_selector("[data-testid=event-range-reversed]").unwrap().is_some());
    // The words of the console follow the language; the service's stay as sent (in the
    // language the page asked for).
    filter.update(|f| *f = EventFilter { window: dws_console::data::events::filter::Window::All, ..Default::default() });
    lang.get().unwrap().set(Lang::Zh);
    tick().await;
    assert_eq!(text_of(&root, "[data-testid=event-row] [data-testid=event-severity]"), "▲警告");
    assert_eq!(text_of(&root, "[data-testid=event-row] td:nth-child(4)"), "快照");
    assert_eq!(text_of(&root, "[data-testid=event-row] .event-context"), "words about nightly");
    assert_eq!(text_of(&root, "label[for=event-severity-filter]"), "级别");
}

/// What a snapshot's row offers: for each action, whether it is offered and the reason a screen
/// reader hears when it is not; and what choosing each does.
async fn snapshot_actions_for(json: &'static str) -> (Vec<(String, bool, String)>, bool, bool) {
    use dws_console::components::snapshot_actions::SnapshotActions;
    use dws_contract::types::SnapshotDetail;
    let picked = std::rc::Rc::new(std::cell::Cell::new(None));
    let out = picked.clone();
    let root = mount(move || {
        provide_app_state(Lang::En);
        let s: SnapshotDetail = serde_json::from_str(json).unwrap();
        let (delete, copy) = (RwSignal::new(None::<SnapshotDetail>), RwSignal::new(None::<SnapshotDetail>));
        out.set(Some((delete, copy)));
        view! { <Router><SnapshotActions snapshot=Signal::derive(move || s.clone()) delete=delete copy=copy/></Router> }
    });
    tick().await;
    let mut seen = Vec::new();
    for testid in ["snapshot-copy", "snapshot-delete"] {
        let Some(el) = root.query_selector(&format!("[data-testid={testid}]")).unwrap() else { continue };
        let el: web_sys::HtmlElement = el.unchecked_into();
        assert!(!el.has_attribute("disabled"), "{testid} stays focusable");
        let offered = el.get_attribute("aria-disabled").as_deref() == Some("false");
        let why = description(&el);
        assert_eq!(offered, why.is_empty(), "{testid}: a reason exactly when refused");
        el.click();
        tick().await;
        seen.push((testid.to_owned(), offered, why));
    }
    let (delete, copy) = picked.get().unwrap();
    (seen, delete.get_untracked().is_some(), copy.get_untracked().is_some())
}

#[wasm_bindgen_test]
async fn a_snapshot_offers_a_copy_when_automated_and_says_why_it_cannot_be_deleted() {
    let (auto, deleted, copied) =
        snapshot_actions_for(r#"{"id":"a1","name":"auto-1","status":"AVAILABLE","type":"AUTOMATED","cluster_id":"c1"}"#).await;
    assert_eq!(auto[0], ("snapshot-copy".to_owned(), true, String::new()));
    assert_eq!(
        auto[1],
        (
            "snapshot-delete".to_owned(),
            false,
            "Automated snapshots are removed by the service on its schedule; only manual snapshots can be deleted.".to_owned()
        )
    );
    assert!(copied && !deleted, "the copy opens its dialog; the refused delete does nothing");
    // The other spelling of automated, still being taken: no copy yet, and why.
    let (taking, _, copied) = snapshot_actions_for(r#"{"id":"a2","name":"auto-2","status":"CREATING","type":"AUTO"}"#).await;
    assert_eq!(taking[0].2, "The snapshot is still being taken; copy it when it has finished.");
    assert!(!copied);
    // A manual snapshot is not copied at all, and is deleted.
    let (manual, deleted, _) = snapshot_actions_for(r#"{"id":"m1","name":"mine","status":"AVAILABLE","type":"MANUAL"}"#).await;
    assert_eq!(manual, [("snapshot-delete".to_owned(), true, String::new())]);
    assert!(deleted);
}

// The cluster's day two.

#[wasm_bindgen_test]
async fn the_stop_dialog_says_what_stopping_saves_and_what_stays_billed() {
    use dws_console::components::actions::{ClusterAction, ClusterActionDialog, ClusterTarget};
    let handle = std::rc::Rc::new(std::cell::Cell::new(None));
    let out = handle.clone();
    let root = mount(move || {
        provide_app_state(Lang::En);
        let cluster: dws_contract::types::ClusterInfo =
            serde_json::from_str(r#"{"id":"c1","name":"warehouse","status":"AVAILABLE","sub_status":"NORMAL"}"#).unwrap();
        let target = RwSignal::new(Some(ClusterTarget { action: ClusterAction::Stop, cluster }));
        out.set(Some(target));
        view! { <ClusterActionDialog target=target on_done=|_| {}/> }
    });
    tick().await;
    tick().await;
    assert_eq!(text_of(&root, "#action-dialog-title"), "Stop: warehouse");
    let billing = text_of(&root, "[data-testid=stop-billing]");
    assert!(billing.contains("vCPUs and memory"), "{billing}");
    assert!(billing.contains("elastic IP and its bandwidth") && billing.contains("yearly/monthly"), "{billing}");
    assert!(text_of(&root, "[data-testid=stop-explained]").contains("connections are cut"));
    let confirm = root.query_selector("[data-testid=dialog-confirm]").unwrap().unwrap();
    assert_eq!(confirm.text_content().as_deref(), Some("Stop"));
    assert!(confirm.class_list().contains("danger"), "stopping cuts connections: the button says so");
    // Closed again: a modal dialog left open would make the rest of the test page inert.
    handle.get().unwrap().set(None);
    tick().await;
    tick().await;
    assert!(root.query_selector("dialog[open]").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn a_node_status_is_a_badge_with_words() {
    use dws_console::components::status::NodeStatusBadge;
    use dws_contract::status::NodeStatus;
    let root = mount(|| {
        provide_app_state(Lang::Zh);
        view! {
            <NodeStatusBadge status=NodeStatus::Active/>
            <NodeStatusBadge status=NodeStatus::Stopped/>
            <NodeStatusBadge status=NodeStatus::from("REPAIRING")/>
        }
    });
    tick().await;
    let badges = root.query_selector_all("[data-testid=node-status]").unwrap();
    let read: Vec<(String, String)> = (0..badges.length())
        .map(|i| {
            let e: web_sys::Element = badges.item(i).unwrap().unchecked_into();
            (e.get_attribute("data-status").unwrap(), e.text_content().unwrap().chars().filter(|c| !"●○◐▲✕".contains(*c)).collect())
        })
        .collect();
    assert_eq!(read, [("ACTIVE", "运行中"), ("STOPPED", "已停止"), ("REPAIRING", "REPAIRING")].map(|(a, b)| (a.to_owned(), b.to_owned())));
}
