//! The console's own texts in English and 简体中文. Error messages and rule messages come from
//! the contract crate, which speaks both languages too.

use dws_contract::Lang;
use leptos::prelude::*;

macro_rules! texts {
    ( $( $(#[$doc:meta])* $key:ident => ($en:literal, $zh:literal), )+ ) => {
        /// A text of the console.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Text {
            $( $(#[$doc])* $key, )+
        }

        impl Text {
            /// Every text, for tests.
            pub const ALL: &'static [Text] = &[ $( Text::$key, )+ ];

            /// The text in a language.
            pub fn get(self, lang: Lang) -> &'static str {
                match self {
                    $( Text::$key => lang.pick($en, $zh), )+
                }
            }
        }
    };
}

texts! {
    ProductName => ("DWS Console", "DWS 控制台"),
    ProductTagline => ("GaussDB(DWS) data warehouse console", "GaussDB(DWS) 数据仓库控制台"),
    SkipToContent => ("Skip to content", "跳到主要内容"),
    MainNavigation => ("Main navigation", "主导航"),
    NavClusters => ("Clusters", "集群"),
    NavSnapshots => ("Snapshots", "快照"),
    NavNodeTypes => ("Node types", "节点类型"),
    Language => ("Language", "语言"),
    SignIn => ("Sign in", "登录"),
    SignInTitle => ("Sign in to GaussDB(DWS)", "登录 GaussDB(DWS)"),
    SignInLead => (
        "Use your IAM user. The token stays in this browser tab only.",
        "使用 IAM 用户登录。令牌只保存在当前浏览器标签页中。"
    ),
    AccountName => ("Account name", "帐号名"),
    AccountHint => ("The account (domain) your IAM user belongs to.", "IAM 用户所属的帐号（domain）。"),
    IamUserName => ("IAM user name", "IAM 用户名"),
    Password => ("Password", "密码"),
    Project => ("Project", "项目"),
    ProjectHint => (
        "A region name such as ae-ad-1, or a 32-character project ID.",
        "区域名称（如 ae-ad-1）或 32 位项目 ID。"
    ),
    Region => ("Region", "区域"),
    ShowPassword => ("Show password", "显示密码"),
    FixErrors => ("Check the highlighted fields.", "请检查标出的字段。"),
    SignInUnavailable => (
        "The form is valid. Signing in needs the console's API connection, which this build does not include yet.",
        "表单填写正确。登录需要控制台的 API 连接，当前版本尚未包含。"
    ),
    NotFoundTitle => ("Page not found", "页面不存在"),
    NotFoundLead => ("There is nothing at this address.", "此地址没有内容。"),
    BackToClusters => ("Go to clusters", "返回集群列表"),
    ClustersLead => (
        "Your data warehouse clusters will be listed here once you are signed in.",
        "登录后，这里将列出您的数据仓库集群。"
    ),
    SnapshotsLead => (
        "Snapshots of your clusters will be listed here once you are signed in.",
        "登录后，这里将列出集群的快照。"
    ),
    NodeTypesLead => (
        "The node types the service offers will be listed here once you are signed in.",
        "登录后，这里将列出服务支持的节点类型。"
    ),
    NotSignedIn => ("You are not signed in.", "您尚未登录。"),
    ConfigFallback => (
        "config.json could not be read; using the built-in defaults.",
        "无法读取 config.json，已使用内置默认配置。"
    ),
}

/// The current language, shared through context.
#[derive(Debug, Clone, Copy)]
pub struct LangContext(pub RwSignal<Lang>);

/// The current language signal. Panics only if the app forgot to provide it (a programming error
/// caught by every page test).
pub fn use_lang() -> RwSignal<Lang> {
    expect_context::<LangContext>().0
}

/// A reactive text: re-renders when the language changes.
pub fn tr(text: Text) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let lang = use_lang();
    move || text.get(lang.get())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_exists_in_both_languages() {
        for t in Text::ALL {
            let en = t.get(Lang::En);
            let zh = t.get(Lang::Zh);
            assert!(!en.trim().is_empty() && !zh.trim().is_empty(), "{t:?}");
            assert_ne!(en, zh, "{t:?} is not translated");
            assert!(zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{t:?}: {zh}");
        }
    }
}
