//! What the project promises of itself: the layers stay apart, and the
//! compiler version the manifest claims builds the dependencies.

use std::path::Path;

/// Every Rust file under `dir`.
fn sources(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The model and the layout engine know nothing of terminals: no file of
/// theirs names ratatui or crossterm.
#[test]
fn the_model_and_the_layout_engine_know_no_terminal() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    for layer in ["model", "layout"] {
        sources(&root.join(layer), &mut files);
    }
    assert!(files.len() > 5, "the layers' files were not found");
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for (number, line) in text.lines().enumerate() {
            for terminal in ["ratatui::", "crossterm::"] {
                assert!(
                    !line.contains(terminal),
                    "{}:{}: the {terminal} crate in a layer below the screen: {line}",
                    file.display(),
                    number + 1
                );
            }
        }
    }
}

/// A version as numbers, `1.88` as `1.88.0`.
fn version(text: &str) -> Vec<u32> {
    let mut numbers: Vec<u32> = text
        .split('.')
        .map(|part| part.parse().unwrap_or(0))
        .collect();
    numbers.resize(3, 0);
    numbers
}

/// The platform this builds for, as rustc names it.
fn host() -> String {
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".to_owned());
    let output = std::process::Command::new(rustc)
        .arg("-vV")
        .output()
        .unwrap();
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .find_map(|line| line.strip_prefix("host: "))
        .expect("rustc names its host")
        .to_owned()
}

/// No dependency built here asks for a newer compiler than the manifest's
/// `rust-version` (the code itself is held to it by clippy's
/// `incompatible_msrv` lint, which reads the same field).
#[test]
fn no_dependency_needs_a_newer_compiler_than_the_manifest_claims() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = std::process::Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--locked", "--offline"])
        // Only this platform's packages: another's (windows-*) are never
        // downloaded here.
        .args(["--filter-platform", &host()])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let metadata: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let ours = env!("CARGO_PKG_RUST_VERSION");
    assert!(!ours.is_empty(), "the manifest claims no rust-version");
    // What is really built here, by name and version (the lock file also
    // holds what other platforms and features would build).
    let tree =
        std::process::Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()))
            .args([
                "tree",
                "-e",
                "normal,build,dev",
                "--prefix",
                "none",
                "--format",
                "{p}",
            ])
            .args(["--locked", "--offline", "--target", &host()])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .unwrap();
    assert!(
        tree.status.success(),
        "{}",
        String::from_utf8_lossy(&tree.stderr)
    );
    let built: Vec<String> = String::from_utf8_lossy(&tree.stdout)
        .lines()
        .filter_map(|line| {
            let mut words = line.split_whitespace();
            Some(format!(
                "{} {}",
                words.next()?,
                words.next()?.trim_start_matches('v')
            ))
        })
        .collect();
    let mut newer = Vec::new();
    for package in metadata["packages"].as_array().unwrap() {
        let name = format!(
            "{} {}",
            package["name"].as_str().unwrap_or(""),
            package["version"].as_str().unwrap_or("")
        );
        let Some(needs) = package["rust_version"].as_str() else {
            continue;
        };
        if built.contains(&name) && version(needs) > version(ours) {
            newer.push(format!(
                "{} {} needs {needs}",
                package["name"], package["version"]
            ));
        }
    }
    assert!(
        newer.is_empty(),
        "rust-version {ours} is claimed, but: {newer:?}"
    );
}
