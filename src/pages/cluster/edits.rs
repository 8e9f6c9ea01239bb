//! The Overview tab's changes to the cluster's settings (rename, tags, maintenance window): one
//! dialog for whichever is open, kept apart from the tab's content, which is rebuilt as the
//! cluster changes.

use dws_contract::types::ClusterDetail;
use leptos::prelude::*;

use super::maintenance::WindowForm;
use super::rename::RenameForm;
use super::tags::TagsForm;
use crate::components::dialog::Dialog;
use crate::i18n::{Text, use_lang};
use crate::live::effect;

/// A change of the cluster's settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    /// Its name.
    Rename,
    /// Its tags.
    Tags,
    /// Its maintenance window.
    Window,
}

impl Edit {
    fn title(self) -> Text {
        match self {
            Edit::Rename => Text::Rename,
            Edit::Tags => Text::EditTags,
            Edit::Window => Text::ModifyWindow,
        }
    }
}

/// The dialog of the change picked (`editing`), for the cluster as it was when picked; `saved`
/// runs once the service took it.
#[component]
pub fn EditDialog(detail: Memo<Option<ClusterDetail>>, editing: RwSignal<Option<Edit>>, saved: Callback<()>) -> impl IntoView {
    let lang = use_lang();
    let open = RwSignal::new(false);
    effect(move || {
        if editing.with(Option::is_some) && !open.get_untracked() {
            open.set(true);
        }
    });
    effect(move || {
        if !open.get() && editing.with_untracked(Option::is_some) {
            editing.set(None);
        }
    });
    let title = Signal::derive(move || {
        let name = detail.with(|d| d.as_ref().map(|d| d.info.name.clone()).unwrap_or_default());
        editing.get().map(|e| format!("{}: {name}", e.title().get(lang.get()))).unwrap_or_default()
    });
    view! {
        <Dialog open=open title=title id="edit-dialog">
            {move || {
                let (edit, d) = (editing.get()?, detail.get_untracked()?);
                let id = d.info.id.clone();
                Some(match edit {
                    Edit::Rename => view! { <RenameForm cluster_id=id name=d.info.name.clone() open=open saved=saved/> }.into_any(),
                    Edit::Tags => view! { <TagsForm cluster_id=id had=d.info.tags.clone().unwrap_or_default() open=open saved=saved/> }.into_any(),
                    Edit::Window => view! { <WindowForm cluster_id=id current=d.maintain_window.clone() open=open saved=saved/> }.into_any(),
                })
            }}
        </Dialog>
    }
}
