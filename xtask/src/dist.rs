//! `cargo xtask dist`: the release archive a platform team downloads, unpacks and starts —
//! `target/dist/dws-console-<version>-<platform>.tar.gz` and its `SHA256SUMS`.
//!
//! The archive is written here with the `tar` crate, not the system's tar, so that its entries
//! are the same on every machine: owner root, fixed modes, the commit's time, sorted names.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::console;
use crate::project::{Project, host_triple, step};
use crate::tools::{Needs, Tools};

/// The packaging sources: the archive's README (a template), the proxy's settings, the unit.
const PACKAGING: &str = "packaging";

/// The proxy's origin the README's static-hosting example uses.
const EXAMPLE_PROXY: &str = "https://dws-proxy.example.com";

/// What `cargo xtask dist` made.
pub struct Archive {
    /// The `.tar.gz`.
    pub path: PathBuf,
    /// `SHA256SUMS` beside it.
    pub sums: PathBuf,
}

/// `cargo xtask dist`.
pub fn run(args: &[String]) -> Result<(), String> {
    if let Some(a) = args.first() {
        return Err(format!("`dist` takes no arguments (got '{a}')"));
    }
    let project = Project::locate();
    let archive = build(&project)?;
    println!("\n  {}\n  {}\n  Unpack it and read its README.md.", archive.path.display(), archive.sums.display());
    Ok(())
}

/// Builds everything in release mode and writes the archive.
pub fn build(project: &Project) -> Result<Archive, String> {
    Tools::ensure(project, Needs { browser: false, postgres: false })?;
    let console = console::build_release(project, &console::release_dist(project))?;
    package(project, &console)
}

/// Builds the servers in release mode and writes the archive with the release console already
/// built in `console` (the one the browser tests ran, when `cargo xtask test` calls this).
pub fn package(project: &Project, console: &Path) -> Result<Archive, String> {
    step("Building the proxy and the emulator (release)");
    project.run(project.release_build(&["dws-proxy", "dws-emulator"])?)?;
    let bin = project.target_dir().join("release");
    let version = version(&bin.join("dws-proxy"))?;
    let name = format!("dws-console-{version}-{}", platform(&host_triple()?));
    let out = project.target_dir().join("dist");
    step(&format!("Writing {}", out.join(format!("{name}.tar.gz")).display()));

    // The archive's tree is staged first: the README's static-hosting headers are read from the
    // staged console by the staged proxy, as a user would read them.
    let stage = out.join(&name);
    let _ = std::fs::remove_dir_all(&stage);
    let packaging = project.root.join(PACKAGING);
    let copies: Vec<(PathBuf, PathBuf)> = [
        (bin.join("dws-proxy"), "bin/dws-proxy"),
        (bin.join("dws-emulator"), "bin/dws-emulator"),
        (packaging.join("dws-proxy.toml"), "config/dws-proxy.toml"),
        (packaging.join("dws-proxy.service"), "systemd/dws-proxy.service"),
        (project.root.join("LICENSE"), "LICENSE"),
    ]
    .into_iter()
    .map(|(from, to)| (from, PathBuf::from(to)))
    .chain(files_under(console)?.into_iter().map(|rel| (console.join(&rel), Path::new("console").join(rel))))
    .collect();
    for (from, to) in &copies {
        let to = stage.join(to);
        std::fs::create_dir_all(to.parent().expect("a file in a folder")).map_err(|e| e.to_string())?;
        std::fs::copy(from, &to).map_err(|e| format!("cannot copy {} to {}: {e}", from.display(), to.display()))?;
    }
    let readme = readme(&packaging.join("README.md"), &stage, &version, &name)?;
    std::fs::write(stage.join("README.md"), readme).map_err(|e| e.to_string())?;

    let path = out.join(format!("{name}.tar.gz"));
    write_archive(&stage, &name, &path, commit_time(project))?;
    let _ = std::fs::remove_dir_all(&stage);
    let bytes = std::fs::read(&path).map_err(|e| e.to_string())?;
    let sums = out.join("SHA256SUMS");
    let line = format!("{}  {name}.tar.gz\n", hex(&Sha256::digest(&bytes)));
    std::fs::write(&sums, &line).map_err(|e| e.to_string())?;
    println!("  {} ({:.1} MB)\n  {}", path.display(), bytes.len() as f64 / 1e6, line.trim_end());
    Ok(Archive { path, sums })
}

/// `dws-proxy 0.1.0` → `0.1.0`: the version the shipped binary reports.
fn version(proxy: &Path) -> Result<String, String> {
    let out = std::process::Command::new(proxy)
        .arg("--version")
        .output()
        .map_err(|e| format!("cannot run {}: {e}", proxy.display()))?;
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .nth(1)
        .map(str::to_owned)
        .ok_or_else(|| format!("{} --version printed no version", proxy.display()))
}

/// `x86_64-unknown-linux-gnu` → `x86_64-linux`, the name release archives usually carry.
fn platform(triple: &str) -> String {
    match triple.split('-').collect::<Vec<_>>().as_slice() {
        [arch, _, "linux", "gnu"] => format!("{arch}-linux"),
        _ => triple.to_owned(),
    }
}

/// The archive's README: the template with this build's version, name and static-hosting headers.
fn readme(template: &Path, stage: &Path, version: &str, name: &str) -> Result<String, String> {
    let text = std::fs::read_to_string(template).map_err(|e| format!("cannot read {}: {e}", template.display()))?;
    let out = std::process::Command::new(stage.join("bin/dws-proxy"))
        .args(["static-headers", "console", "--api-origin", EXAMPLE_PROXY])
        .current_dir(stage)
        .output()
        .map_err(|e| format!("cannot run the staged dws-proxy: {e}"))?;
    if !out.status.success() {
        return Err(format!("dws-proxy static-headers failed: {}", String::from_utf8_lossy(&out.stderr)));
    }
    let headers = String::from_utf8_lossy(&out.stdout).into_owned();
    let csp = headers
        .lines()
        .find_map(|l| l.strip_prefix("Content-Security-Policy: "))
        .ok_or("dws-proxy static-headers printed no Content-Security-Policy")?;
    let indented: Vec<String> = headers.trim_end().lines().map(|l| if l.is_empty() { String::new() } else { format!("   {l}") }).collect();
    let filled = text
        .replace("@VERSION@", version)
        .replace("@NAME@", name)
        .replace("@CSP@", csp)
        .replace("@STATIC_HEADERS@", &indented.join("\n"));
    match unfilled_marker(&filled) {
        Some(marker) => Err(format!("{} has a marker nothing fills: {marker}", template.display())),
        None => Ok(filled),
    }
}

/// The first `@NAME@` left in a text.
fn unfilled_marker(text: &str) -> Option<&str> {
    text.match_indices('@').find_map(|(i, _)| {
        let rest = &text[i + 1..];
        let end = rest.find(|c: char| !(c.is_ascii_uppercase() || c == '_'))?;
        (end > 0 && rest[end..].starts_with('@')).then(|| &text[i..i + end + 2])
    })
}

/// Every file under `dir`, relative, sorted; dot-files (trunk's staging) left out.
fn files_under(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    let mut stack = vec![PathBuf::new()];
    while let Some(rel) = stack.pop() {
        let entries = std::fs::read_dir(dir.join(&rel)).map_err(|e| format!("cannot list {}: {e}", dir.join(&rel).display()))?;
        for entry in entries {
            let entry = entry.map_err(|e| e.to_string())?;
            let name = entry.file_name();
            if name.to_string_lossy().starts_with('.') {
                continue;
            }
            let path = rel.join(&name);
            if entry.path().is_dir() {
                stack.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// The time of the commit built, so that two builds of one commit write the same archive.
fn commit_time(project: &Project) -> u64 {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .or_else(|| project.output("git", &["log", "-1", "--format=%ct"]))
        .and_then(|t| t.trim().parse().ok())
        .unwrap_or(0)
}

/// Writes `stage` as `name/…` into a gzip'd tar at `path`.
fn write_archive(stage: &Path, name: &str, path: &Path, mtime: u64) -> Result<(), String> {
    let file = std::fs::File::create(path).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    let gz = flate2::write::GzEncoder::new(file, flate2::Compression::best());
    let mut tar = tar::Builder::new(gz);
    let err = |e: std::io::Error| format!("cannot write {}: {e}", path.display());
    let mut dirs: Vec<PathBuf> = vec![PathBuf::new()];
    let files = files_under(stage)?;
    for f in &files {
        let mut p = f.parent();
        while let Some(d) = p.filter(|d| !d.as_os_str().is_empty()) {
            if !dirs.contains(&d.to_path_buf()) {
                dirs.push(d.to_path_buf());
            }
            p = d.parent();
        }
    }
    dirs.sort();
    let header = |kind: tar::EntryType, mode: u32, size: u64| {
        let mut h = tar::Header::new_gnu();
        h.set_entry_type(kind);
        h.set_mode(mode);
        h.set_size(size);
        h.set_mtime(mtime);
        h.set_uid(0);
        h.set_gid(0);
        h
    };
    for d in &dirs {
        let mut h = header(tar::EntryType::Directory, 0o755, 0);
        tar.append_data(&mut h, Path::new(name).join(d), std::io::empty()).map_err(err)?;
    }
    for f in &files {
        let body = std::fs::read(stage.join(f)).map_err(err)?;
        let mode = if f.starts_with("bin") { 0o755 } else { 0o644 };
        let mut h = header(tar::EntryType::Regular, mode, body.len() as u64);
        tar.append_data(&mut h, Path::new(name).join(f), body.as_slice()).map_err(err)?;
    }
    let mut gz = tar.into_inner().map_err(err)?;
    gz.flush().map_err(err)?;
    gz.finish().map_err(err)?;
    Ok(())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_marker_left_unfilled_is_found() {
        assert_eq!(unfilled_marker("Admin@12345 and @CSP@ here"), Some("@CSP@"));
        assert_eq!(unfilled_marker("user@example.com, Admin@12345"), None);
    }

    #[test]
    fn platforms_are_named_as_release_archives_name_them() {
        assert_eq!(platform("x86_64-unknown-linux-gnu"), "x86_64-linux");
        assert_eq!(platform("aarch64-unknown-linux-gnu"), "aarch64-linux");
        assert_eq!(platform("x86_64-unknown-linux-musl"), "x86_64-unknown-linux-musl");
    }

    #[test]
    fn an_archive_is_the_same_twice_and_owned_by_nobody_here() {
        let dir = std::env::temp_dir().join(format!("xtask-dist-{}", std::process::id()));
        let stage = dir.join("stage");
        std::fs::create_dir_all(stage.join("bin")).unwrap();
        std::fs::create_dir_all(stage.join("console/sub")).unwrap();
        std::fs::write(stage.join("bin/tool"), "#!/bin/sh\n").unwrap();
        std::fs::write(stage.join("console/sub/a.txt"), "a").unwrap();
        std::fs::write(stage.join("console/.stage"), "trunk's").unwrap();
        let (one, two) = (dir.join("one.tar.gz"), dir.join("two.tar.gz"));
        write_archive(&stage, "pkg-1", &one, 1_700_000_000).unwrap();
        write_archive(&stage, "pkg-1", &two, 1_700_000_000).unwrap();
        assert_eq!(std::fs::read(&one).unwrap(), std::fs::read(&two).unwrap(), "reproducible");
        let mut a = tar::Archive::new(flate2::read::GzDecoder::new(std::fs::File::open(&one).unwrap()));
        let entries: Vec<(String, u32, u64, u64)> = a
            .entries()
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                let h = e.header();
                (e.path().unwrap().display().to_string(), h.mode().unwrap(), h.uid().unwrap(), h.mtime().unwrap())
            })
            .collect();
        let names: Vec<&str> = entries.iter().map(|e| e.0.as_str()).collect();
        assert_eq!(names, ["pkg-1/", "pkg-1/bin", "pkg-1/console", "pkg-1/console/sub", "pkg-1/bin/tool", "pkg-1/console/sub/a.txt"]);
        assert!(entries.iter().all(|e| e.2 == 0 && e.3 == 1_700_000_000));
        assert_eq!(entries[4].1, 0o755, "programs are executable");
        assert_eq!(entries[5].1, 0o644);
        let _ = std::fs::remove_dir_all(dir);
    }
}
