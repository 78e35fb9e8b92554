//! `epaper fetch` against a site that sends more than any paper does:
//! forty articles of 30 MiB each. The fetch's memory stays bounded, what it
//! leaves out says why, and what it writes loads. A test binary of its own,
//! so that its load does not slow the timing-sensitive fetch tests.

#[path = "support/server.rs"]
mod server;

use std::fmt::Write;
use std::process::Command;
use std::time::Duration;

use server::{Behaviour, Server, scratch};

/// The peak resident memory of a running process, in KiB, from Linux's
/// `/proc`; none once it has ended.
#[cfg(target_os = "linux")]
fn peak_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[cfg(target_os = "linux")]
#[test]
fn a_fetch_keeps_its_memory_bounded_whatever_the_site_sends() {
    // Forty articles of 30 MiB each: kept whole, they took over 5 GB.
    let dir = scratch("memory");
    let root = dir.join("site");
    let day = "jcrb/html/2025-03/14";
    std::fs::create_dir_all(root.join(day)).unwrap();
    let mut list = String::new();
    for n in 1..=40 {
        let _ = write!(list, "<li><a href=content_{n}.htm>第{n}篇报道</a></li>");
    }
    std::fs::write(
        root.join(day).join("node_1.htm"),
        format!(
            "<html><head><title>江城日报</title></head><body>\
             <a id=pageLink href=node_1.htm>第A01版：头版</a><p>2025年03月14日</p>\
             <ul class=main-ed-articlenav-list>{list}</ul></body></html>"
        ),
    )
    .unwrap();
    let mut behaviour = Behaviour::default();
    for n in 1..=40 {
        behaviour.generated.insert(
            format!("{day}/content_{n}.htm"),
            server::Generated {
                head: format!(
                    "<html><body><founder-title>第{n}篇报道</founder-title><founder-content>"
                ),
                unit: "<p>记者从有关部门获悉，今年以来全市经济运行总体平稳、稳中有进。</p>\n"
                    .to_owned(),
                tail: "</founder-content></body></html>".to_owned(),
                size: 30 << 20,
            },
        );
    }
    let server = Server::start(root, behaviour);
    let mut child = Command::new(env!("CARGO_BIN_EXE_epaper"))
        .args(["fetch", &server.url(&format!("{day}/node_1.htm")), "-o"])
        .arg(dir.join("issues"))
        .args(["--delay", "0", "--publication", "江城日报"])
        .env("EPAPER_CACHE_DIR", dir.join("cache"))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut peak = 0;
    while child.try_wait().unwrap().is_none() {
        if let Some(kib) = peak_kib(child.id()) {
            peak = peak.max(kib);
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(3), "{stderr}");
    assert!(
        stderr.contains("the most a fetch keeps"),
        "the articles left out say why: {stderr}"
    );
    assert!(
        peak < 512 * 1024,
        "the fetch took {} MiB at its peak",
        peak / 1024
    );
    eprintln!("peak {} MiB", peak / 1024);
    // What was kept is written, and loads.
    let written = dir.join("issues/江城日报-2025-03-14.json");
    let bytes = std::fs::read(&written).unwrap();
    epaper::model::load(&bytes).unwrap();
}
