//! The reading state across processes: round trips, saves from two
//! processes at once, a process killed at any moment of a save, a corrupt
//! file, a file from a newer epaper, and a folder that cannot be written.
//!
//! Processes are this test program itself, started again in a role (the
//! `EPAPER_STATE_ROLE` variable), so this file has its own `main`
//! (`harness = false` in Cargo.toml).

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Duration;

use epaper::library::store::{Bookmark, Clock, Place, ReadingState, Store, Trouble};

const ROLE: &str = "EPAPER_STATE_ROLE";

/// A test: what went wrong, if anything.
type Test = fn() -> Result<(), String>;

fn bookmark(name: &str) -> Bookmark {
    Bookmark {
        publication: "人民日报".to_owned(),
        date: "2024-12-01".to_owned(),
        page: "01".to_owned(),
        article: name.to_owned(),
        title: format!("标题 {name}"),
    }
}

/// A role: save `count` times, each time one more bookmark and read mark
/// of its own.
fn writer(dir: &Path, name: &str, count: usize) {
    let store = Store::new(dir);
    let mut clock = Clock::default();
    let mut state = store.load().0;
    for i in 0..count {
        let article = format!("{name}-{i}");
        state.toggle_bookmark("人民日报 2024-12-01", bookmark(&article), &mut clock);
        state.set_read("人民日报 2024-12-01", &article, true, &mut clock);
        store.save(&mut state).expect("a save");
    }
}

/// A role: save for ever, the state growing, until killed.
fn saver_for_ever(dir: &Path) {
    let store = Store::new(dir);
    let mut clock = Clock::default();
    let mut state = ReadingState::default();
    for i in 0.. {
        state.set_read("人民日报 2024-12-01", &format!("a-{i}"), true, &mut clock);
        let _ = store.save(&mut state);
    }
}

fn start(role: &str, dir: &Path, name: &str, count: usize) -> std::process::Child {
    Command::new(std::env::current_exe().unwrap())
        .env(ROLE, role)
        .args([dir.to_str().unwrap(), name, &count.to_string()])
        .spawn()
        .expect("the test program starts again")
}

fn folder(name: &str) -> PathBuf {
    let path = std::env::temp_dir().join(format!("epaper-state-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&path);
    std::fs::create_dir_all(&path).unwrap();
    path
}

fn round_trip() -> Result<(), String> {
    let dir = folder("round-trip");
    let store = Store::new(&dir);
    let mut clock = Clock::default();
    let mut state = ReadingState::default();
    state.set_place(
        "人民日报 2024-12-01",
        Place {
            page: "03".into(),
            article: "03-2".into(),
            fragment: Some("03-2".into()),
            paragraph: Some(4),
            byte: 120,
        },
        &mut clock,
    );
    state.set_read("人民日报 2024-12-01", "01-1", true, &mut clock);
    state.toggle_bookmark("人民日报 2024-12-01", bookmark("01-1"), &mut clock);
    let saved = state.clone();
    store.save(&mut state).map_err(|e| e.to_string())?;
    let (loaded, aside) = store.load();
    std::fs::remove_dir_all(&dir).ok();
    if aside.is_some() || loaded != saved {
        return Err(format!("loaded {loaded:?}, saved {saved:?}"));
    }
    Ok(())
}

fn two_processes_at_once() -> Result<(), String> {
    let dir = folder("concurrent");
    let mut a = start("writer", &dir, "a", 100);
    let mut b = start("writer", &dir, "b", 100);
    let (ok_a, ok_b) = (a.wait().unwrap().success(), b.wait().unwrap().success());
    let (state, _) = Store::new(&dir).load();
    std::fs::remove_dir_all(&dir).ok();
    if !(ok_a && ok_b) {
        return Err("a writer failed".into());
    }
    let marks = state.bookmarks().len();
    let read = state
        .issues
        .get("人民日报 2024-12-01")
        .map_or(0, |i| i.read.len());
    if marks != 200 || read != 200 {
        return Err(format!(
            "{marks} bookmarks and {read} read marks of 200 each"
        ));
    }
    Ok(())
}

fn killed_at_any_moment() -> Result<(), String> {
    let dir = folder("killed");
    for round in 0..30u64 {
        let mut child = start("saver", &dir, "s", 0);
        // Somewhere in the middle of some save.
        std::thread::sleep(Duration::from_millis(5 + (round * 7) % 40));
        child.kill().unwrap();
        child.wait().unwrap();
        let path = dir.join("state.json");
        if path.exists() {
            let bytes = std::fs::read(&path).unwrap();
            if serde_json::from_slice::<ReadingState>(&bytes).is_err() {
                return Err(format!("round {round}: a torn state file"));
            }
            let (_, aside) = Store::new(&dir).load();
            if aside.is_some() {
                return Err(format!("round {round}: the state was set aside"));
            }
        }
    }
    std::fs::remove_dir_all(&dir).ok();
    Ok(())
}

fn a_corrupt_file_is_moved_aside() -> Result<(), String> {
    let dir = folder("corrupt");
    std::fs::write(dir.join("state.json"), "{\"version\": 1, \"issues\": [").unwrap();
    let (state, trouble) = Store::new(&dir).load();
    let said = trouble
        .as_ref()
        .map(ToString::to_string)
        .unwrap_or_default();
    let Some(Trouble::SetAside { from, to, .. }) = trouble else {
        return Err(format!("not set aside: {trouble:?}"));
    };
    // In words, the whole of both paths, and in one language.
    let expected = format!(
        "the reading state {} cannot be read (what is at line 1, column 25 is not reading state); it was moved to {}, and reading starts afresh",
        dir.join("state.json").display(),
        to.display()
    );
    if from != dir.join("state.json") || said != expected {
        return Err(format!("{said}\nnot\n{expected}"));
    }
    let moved = to.exists() && !dir.join("state.json").exists();
    let kept = std::fs::read_to_string(&to).unwrap_or_default() == "{\"version\": 1, \"issues\": [";
    std::fs::remove_dir_all(&dir).ok();
    if state != ReadingState::default()
        || !moved
        || !kept
        || !to.to_string_lossy().contains("state.json.bad-")
    {
        return Err(format!("{}", to.display()));
    }
    Ok(())
}

fn a_newer_file_is_left_alone() -> Result<(), String> {
    let dir = folder("newer");
    let newer = "{\"version\": 2, \"shelves\": {\"a\": 1}}";
    std::fs::write(dir.join("state.json"), newer).unwrap();
    let store = Store::new(&dir);
    let (state, trouble) = store.load();
    let path = dir.join("state.json");
    if trouble
        != Some(Trouble::Newer {
            path: path.clone(),
            version: 2,
        })
        || state != ReadingState::default()
    {
        return Err(format!("loaded as {trouble:?}"));
    }
    let said = trouble.map(|t| t.to_string()).unwrap_or_default();
    if said
        != format!(
            "the reading state {} was written by a newer epaper (version 2; this one reads version 1): it is left as it is, and this reading is not saved",
            path.display()
        )
    {
        return Err(said);
    }
    let mut clock = Clock::default();
    let mut mine = ReadingState::default();
    mine.toggle_bookmark("人民日报 2024-12-01", bookmark("01-1"), &mut clock);
    let saved = store.save(&mut mine);
    let on_disk = std::fs::read_to_string(dir.join("state.json")).unwrap_or_default();
    let aside = std::fs::read_dir(&dir).map_or(0, |entries| {
        entries
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().contains(".bad-"))
            .count()
    });
    std::fs::remove_dir_all(&dir).ok();
    if saved.is_ok() || on_disk != newer || aside > 0 {
        return Err(format!(
            "saved over it: {saved:?}, {on_disk}, {aside} set aside"
        ));
    }
    if !mine.is_bookmarked("人民日报 2024-12-01", "01-1") {
        return Err("the refused save lost the bookmark".into());
    }
    Ok(())
}

fn a_failed_save_keeps_everything_for_the_next() -> Result<(), String> {
    let dir = folder("unwritable");
    // The state's folder is a file: nothing can be written under it.
    let blocked = dir.join("state");
    std::fs::write(&blocked, "a file where a folder should be").unwrap();
    let store = Store::new(&blocked);
    let mut clock = Clock::default();
    let mut state = ReadingState::default();
    state.toggle_bookmark("人民日报 2024-12-01", bookmark("01-1"), &mut clock);
    if store.save(&mut state).is_ok() {
        return Err("saved where nothing can be written".into());
    }
    if !state.is_bookmarked("人民日报 2024-12-01", "01-1") {
        return Err("the failed save lost the bookmark".into());
    }
    std::fs::remove_file(&blocked).unwrap();
    store
        .save(&mut state)
        .map_err(|e| format!("the retry failed: {e}"))?;
    let (loaded, _) = store.load();
    std::fs::remove_dir_all(&dir).ok();
    if !loaded.is_bookmarked("人民日报 2024-12-01", "01-1") {
        return Err("the retry did not save the bookmark".into());
    }
    Ok(())
}

/// A state file linked to `/dev/zero`: refused at once as not a regular
/// file (read whole, it took a gigabyte and more), and set aside.
fn a_state_file_that_is_a_device_is_not_read() -> Result<(), String> {
    let dir = folder("device");
    std::os::unix::fs::symlink("/dev/zero", dir.join("state.json")).unwrap();
    let (state, trouble) = Store::new(&dir).load();
    if state != ReadingState::default() {
        return Err("read something".into());
    }
    match trouble {
        Some(Trouble::SetAside { why, .. }) if why.contains("a device, not a regular file") => {
            Ok(())
        }
        other => Err(format!("{other:?}")),
    }
}

/// A lock file that is a link: not followed, so nothing is created where
/// it points, and the save says why it could not lock.
fn a_linked_lock_is_not_followed() -> Result<(), String> {
    let dir = folder("linked-lock");
    let target = dir.join("elsewhere");
    std::os::unix::fs::symlink(&target, dir.join("state.json.lock")).unwrap();
    let store = Store::new(&dir);
    let mut state = ReadingState::default();
    state.toggle_bookmark("人民日报 2024-12-01", bookmark("a"), &mut Clock::default());
    let saved = store.save(&mut state);
    if target.exists() {
        return Err("the link was followed: its target was created".into());
    }
    match saved {
        Err(error) if error.to_string().contains("symbolic link") => Ok(()),
        other => Err(format!("{other:?}")),
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    match std::env::var(ROLE).as_deref() {
        Ok("writer") => {
            writer(Path::new(&args[1]), &args[2], args[3].parse().unwrap());
            return ExitCode::SUCCESS;
        }
        Ok("saver") => {
            saver_for_ever(Path::new(&args[1]));
            return ExitCode::SUCCESS;
        }
        _ => {}
    }
    let tests: [(&str, Test); 8] = [
        (
            "a state file that is a device is not read",
            a_state_file_that_is_a_device_is_not_read,
        ),
        (
            "a linked lock is not followed",
            a_linked_lock_is_not_followed,
        ),
        ("state round trip", round_trip),
        (
            "two processes saving 100 times at once lose nothing",
            two_processes_at_once,
        ),
        (
            "a process killed at any moment leaves the old or the new file",
            killed_at_any_moment,
        ),
        (
            "a corrupt state file is moved aside",
            a_corrupt_file_is_moved_aside,
        ),
        (
            "a state file from a newer epaper is left alone",
            a_newer_file_is_left_alone,
        ),
        (
            "a failed save keeps everything for the next",
            a_failed_save_keeps_everything_for_the_next,
        ),
    ];
    let mut failed = 0;
    for (name, test) in tests {
        match test() {
            Ok(()) => println!("test {name} ... ok"),
            Err(why) => {
                failed += 1;
                println!("test {name} ... FAILED: {why}");
            }
        }
    }
    println!(
        "\ntest result: {}. {} passed; {failed} failed",
        if failed == 0 { "ok" } else { "FAILED" },
        tests.len() - failed
    );
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
