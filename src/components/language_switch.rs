//! The English / 简体中文 switch.

use dws_contract::Lang;
use leptos::prelude::*;

use crate::browser;
use crate::i18n::{Text, tr, use_lang};

/// Switches the language of the whole console at once and remembers the choice.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let lang = use_lang();
    view! {
        <div class="lang-switch" role="group" aria-label=tr(Text::Language) data-testid="lang-switch">
            {Lang::ALL
                .into_iter()
                .map(|l| {
                    view! {
                        <button
                            type="button"
                            lang=l.html_tag()
                            aria-pressed=move || (lang.get() == l).to_string()
                            data-testid=format!("lang-{}", l.code())
                            on:click=move |_| {
                                lang.set(l);
                                browser::store_lang(l);
                            }
                        >
                            {l.native_name()}
                        </button>
                    }
                })
                .collect_view()}
        </div>
    }
}
