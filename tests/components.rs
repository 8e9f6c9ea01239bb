//! Component tests, run in headless Chromium by `wasm-bindgen-test-runner`
//! (`cargo xtask test` runs them; by hand: `cargo test --target wasm32-unknown-unknown`).
#![cfg(target_arch = "wasm32")]

use dws_console::app::provide_app_state;
use dws_console::pages::sign_in::SignInForm;
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
        view! { <SignInForm/> }
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
async fn a_valid_sign_in_form_passes_every_rule() {
    let root = mount(|| {
        provide_app_state(Lang::En);
        view! { <SignInForm/> }
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
    assert!(text_of(&root, "[data-testid=sign-in-notice]").starts_with("The form is valid."));
}
