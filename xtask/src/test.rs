//! `cargo xtask test`: every test, in the order that fails fastest.

use crate::console;
use crate::project::{Project, step};
use crate::tools::{self, Needs, Tools};

/// The soak test, which runs last and alone.
pub const SOAK: &str = "the_snapshots_page_keeps_its_memory_while_it_polls";
/// How long the soak watches the page in `cargo xtask test`.
const TEST_SOAK_SECONDS: u32 = 90;

/// Runs every test.
pub fn run(args: &[String]) -> Result<(), String> {
    if let Some(a) = args.first() {
        return Err(format!("`test` takes no arguments (got '{a}')"));
    }
    let project = Project::locate();
    // What is there before the tests (a developer's running demo, say) does not count against them.
    let before = crate::leftovers::snapshot();
    step("The console's layers: nothing names a higher layer");
    let violations = crate::layers::check_tree(&project.root.join("src"))?;
    if !violations.is_empty() {
        let list: Vec<String> = violations.iter().map(|v| format!("  {v}")).collect();
        return Err(format!("the console's layers are broken (docs/DEVELOPING.md, \"Layers\"):\n{}", list.join("\n")));
    }
    println!("  ✓ app → pages → components → services");
    let tools = Tools::ensure(&project, Needs::all())?;
    let chromedriver = tools.chromedriver.expect("browser tools were asked for");

    step("Native tests: contract, console logic, tools");
    let mut c = project.command("cargo");
    c.args(["test", "--workspace", "--exclude", "dws-e2e"]);
    project.run(c)?;

    step("Huawei's official Python SDK against the emulator (the quick start, signed with AK/SK)");
    let python = tools::sdk_venv(&project)?;
    let mut c = project.command("cargo");
    c.args(["test", "-p", "dws-emulator", "--test", "official_sdk", "--", "--include-ignored"])
        .env("DWS_SDK_PYTHON", &python);
    project.run(c)?;

    let dist = console::build_release(&project, &console::release_dist(&project))?;
    let archive = crate::dist::package(&project, &dist)?;

    step("Component tests in headless Chromium (wasm-bindgen-test)");
    let mut c = project.command("cargo");
    c.args(["test", "-p", "dws-console", "--target", "wasm32-unknown-unknown"])
        .env("CHROMEDRIVER", &chromedriver);
    project.run(c)?;

    step("Browser tests of the built console, alone and through the proxy in front of the emulator, the API fuzzer, and the release archive unpacked and started");
    let mut c = project.command("cargo");
    c.args(["build", "-p", "dws-emulator", "-p", "dws-proxy"]);
    project.run(c)?;
    let bin = project.target_dir().join("debug");
    // The soak runs last and on its own, with its output shown: its memory readings are figures
    // worth seeing in every run, not only when it fails. Here it watches for 90 s, enough to
    // fail on growth; `cargo xtask bench soak` watches for ten minutes.
    for (args, soak) in [
        (&["test", "-p", "dws-e2e", "--", "--include-ignored", "--test-threads=1", "--skip", SOAK][..], false),
        (&["test", "-p", "dws-e2e", "--test", "soak", "--", "--include-ignored", "--nocapture", "--exact", SOAK][..], true),
    ] {
        let mut c = project.command("cargo");
        c.args(args)
            .env("DWS_CONSOLE_DIST", &dist)
            .env("DWS_DIST_ARCHIVE", &archive.path)
            .env("DWS_EMULATOR_BIN", bin.join("dws-emulator"))
            .env("DWS_PROXY_BIN", bin.join("dws-proxy"))
            .env("DWS_SDK_PYTHON", &python)
            .env("CHROMEDRIVER", &chromedriver);
        if soak && std::env::var_os("DWS_SOAK_SECONDS").is_none() {
            c.env("DWS_SOAK_SECONDS", TEST_SOAK_SECONDS.to_string());
        }
        project.run(c)?;
    }

    step("Nothing left behind: test folders, the emulator's server folders, its servers");
    crate::leftovers::check(&before)?;
    println!("  ✓ no folder, server folder or server process that was not there before the tests");

    println!("\nAll tests passed.");
    Ok(())
}
