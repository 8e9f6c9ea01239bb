//! Building the console with trunk.

use std::path::{Path, PathBuf};

use crate::project::{Project, step};

/// Builds the release console into `dist` (tests and the demo use their own folder, never
/// `dist/`, which `trunk serve` rebuilds in debug mode).
pub fn build_release(project: &Project, dist: &Path) -> Result<PathBuf, String> {
    step(&format!("Building the console (release) into {}", dist.display()));
    let mut c = project.command("trunk");
    c.args(["build", "--release", "--dist"]).arg(dist);
    project.release_paths(&mut c)?;
    project.run(c)?;
    if !dist.join("index.html").exists() {
        return Err(format!("trunk finished but {} has no index.html", dist.display()));
    }
    Ok(dist.to_path_buf())
}

/// Builds the floor app (`crates/leptos-floor`: the console's framework and libraries, each used
/// once) with the console's release settings into `dist`, so the console's size can be read
/// against what its stack costs before any feature.
pub fn build_floor(project: &Project, dist: &Path) -> Result<PathBuf, String> {
    step(&format!("Building the stack's floor app (release) into {}", dist.display()));
    let mut c = project.command("trunk");
    c.args(["build", "--release", "--dist"]).arg(dist).arg("crates/leptos-floor/index.html");
    project.release_paths(&mut c)?;
    project.run(c)?;
    Ok(dist.to_path_buf())
}

/// The folder the release console is built into.
pub fn release_dist(project: &Project) -> PathBuf {
    project.target_dir().join("console-release")
}
