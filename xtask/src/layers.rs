//! The console's layers: app → pages → components → services → contract. A module may name a
//! module of its own layer or a lower one, never a higher one; `cargo xtask test` fails on a
//! module that does (docs/DEVELOPING.md, "Layers").

use std::path::{Path, PathBuf};

/// The layers, highest first, and the top-level modules of `src/` in each.
pub const LAYERS: [(&str, &[&str]); 4] = [
    ("app", &["app"]),
    ("pages", &["pages"]),
    ("components", &["components"]),
    (
        "services",
        &["api", "data", "live", "session", "i18n", "nav", "browser", "format", "config", "clock", "activity", "export"],
    ),
];

/// A module that names one of a higher layer, or a module the table does not place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// The file, relative to `src/`.
    pub file: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// What is wrong.
    pub what: String,
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "src/{}:{}: {}", self.file.display(), self.line, self.what)
    }
}

/// The layer (an index into [`LAYERS`], 0 the highest) of a top-level module.
fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|(_, modules)| modules.contains(&module))
}

/// The top-level module a file of `src/` belongs to; `None` for the crate roots.
fn module_of(file: &Path) -> Option<String> {
    let first = file.components().next()?.as_os_str().to_str()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    (!matches!(name, "lib" | "main")).then(|| name.to_owned())
}

/// The top-level modules a line names through `crate::` paths, including grouped ones
/// (`use crate::{pages::x, nav}`), and whether it climbs with `super::super::`.
fn named_modules(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(i) = rest.find("crate::") {
        rest = &rest[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // Top-level names of the group, up to its closing brace.
            let mut depth = 0usize;
            let mut start = 0usize;
            for (j, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => {
                        out.extend(first_segment(&group[start..j]));
                        break;
                    }
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        out.extend(first_segment(&group[start..j]));
                        start = j + 1;
                    }
                    _ => {}
                }
            }
        } else {
            out.extend(first_segment(rest));
        }
    }
    out
}

fn first_segment(path: &str) -> Option<String> {
    let name: String = path.trim_start().chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
    (!name.is_empty() && name != "self").then_some(name)
}

/// Checks the files of `src/` (paths relative to it, with their text).
pub fn check<'a>(files: impl IntoIterator<Item = (&'a Path, &'a str)>) -> Vec<Violation> {
    let mut found = Vec::new();
    for (file, text) in files {
        let Some(module) = module_of(file) else { continue };
        let Some(own) = layer_of(&module) else {
            found.push(Violation {
                file: file.to_owned(),
                line: 1,
                what: format!("module `{module}` has no layer: add it to LAYERS in xtask/src/layers.rs"),
            });
            continue;
        };
        for (n, line) in text.lines().enumerate() {
            // Comments may name anything.
            let code = line.split("//").next().unwrap_or_default();
            if code.contains("super::super::") {
                found.push(Violation {
                    file: file.to_owned(),
                    line: n + 1,
                    what: "climbs with `super::super::`; name the module with a `crate::` path".into(),
                });
            }
            for named in named_modules(code) {
                match layer_of(&named) {
                    Some(l) if l < own => found.push(Violation {
                        file: file.to_owned(),
                        line: n + 1,
                        what: format!(
                            "`{module}` ({}) names `{named}` ({}), a higher layer",
                            LAYERS[own].0, LAYERS[l].0
                        ),
                    }),
                    Some(_) => {}
                    None => found.push(Violation {
                        file: file.to_owned(),
                        line: n + 1,
                        what: format!("`crate::{named}` has no layer: add it to LAYERS in xtask/src/layers.rs"),
                    }),
                }
            }
        }
    }
    found
}

/// Checks every `.rs` file under `src`.
pub fn check_tree(src: &Path) -> Result<Vec<Violation>, String> {
    let mut files = Vec::new();
    collect(src, src, &mut files)?;
    files.sort();
    let texts: Vec<(PathBuf, String)> = files
        .into_iter()
        .map(|rel| std::fs::read_to_string(src.join(&rel)).map(|t| (rel.clone(), t)).map_err(|e| format!("{}: {e}", rel.display())))
        .collect::<Result<_, _>>()?;
    Ok(check(texts.iter().map(|(p, t)| (p.as_path(), t.as_str()))))
}

fn collect(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_dir() {
            collect(root, &path, out)?;
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path.strip_prefix(root).map_err(|e| e.to_string())?.to_owned());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(files: &[(&str, &str)]) -> Vec<String> {
        check(files.iter().map(|(p, t)| (Path::new(*p), *t))).into_iter().map(|v| v.to_string()).collect()
    }

    #[test]
    fn downward_and_sideways_names_pass() {
        let ok = run(&[
            ("app.rs", "use crate::pages::clusters::ClustersPage;\nuse crate::nav::href;"),
            ("pages/clusters.rs", "use crate::components::freshness::Freshness;\nuse crate::pages::frame::X;"),
            ("components/actions.rs", "use crate::{api::Api, browser, i18n::{Text, tr}};"),
            ("session.rs", "let base = crate::browser::base_path();"),
            ("lib.rs", "pub mod app;"),
        ]);
        assert!(ok.is_empty(), "{ok:?}");
    }

    #[test]
    fn a_planted_upward_import_is_caught() {
        let found = run(&[
            ("components/actions.rs", "use crate::i18n::Text;\n\n    crate::pages::sign_in::focus(\"x\");"),
            ("live.rs", "use crate::{session::use_session, app::ConfigContext};"),
            ("nav.rs", "// crate::app is only mentioned here"),
        ]);
        assert_eq!(
            found,
            [
                "src/components/actions.rs:3: `components` (components) names `pages` (pages), a higher layer",
                "src/live.rs:1: `live` (services) names `app` (app), a higher layer",
            ]
        );
    }

    #[test]
    fn unplaced_modules_and_climbing_paths_are_refused() {
        let found = run(&[("widgets/x.rs", "fn f() {}"), ("format.rs", "use crate::gadgets::G;\nuse super::super::pages;")]);
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(found[0].contains("module `widgets` has no layer"));
        assert!(found[1].contains("`crate::gadgets` has no layer"));
        assert!(found[2].contains("super::super::"));
    }

    #[test]
    fn the_console_keeps_its_layers() {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../src");
        let found = check_tree(&src).unwrap();
        assert!(found.is_empty(), "{}", found.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"));
    }
}
