//! Snapshots of the whole screen after key scripts, as a person would
//! press them, at 100×30 and 60×20 (and 30×8, below the minimum).

#[path = "support/screen.rs"]
mod support;

use epaper::app::State;
use epaper::layout::Ambiguous;
use epaper::library::Library;
use epaper::ui;
use support::*;

macro_rules! snapshot {
    ($name:ident, $width:expr, $height:expr, $script:expr) => {
        #[test]
        fn $name() {
            let mut state = state($width, $height, Ambiguous::Narrow);
            press(&mut state, $script);
            insta::assert_snapshot!(screen(&state));
        }
    };
}

snapshot!(start_100x30, 100, 30, "");
snapshot!(next_page_twice_100x30, 100, 30, "<Right><Right>");
snapshot!(next_article_twice_100x30, 100, 30, "]]");
snapshot!(zoom_in_thrice_100x30, 100, 30, "+++");
snapshot!(zoom_out_thrice_100x30, 100, 30, "---");
snapshot!(zoom_reset_100x30, 100, 30, "++=");
snapshot!(focus_mode_100x30, 100, 30, "z");
snapshot!(help_100x30, 100, 30, "?");
snapshot!(tab_tab_enter_100x30, 100, 30, "<Tab><Tab><Enter>");
snapshot!(
    tab_tab_down_enter_100x30,
    100,
    30,
    "<Tab><Tab><Down><Enter>"
);
snapshot!(typing_a_page_label_100x30, 100, 30, "B02");
snapshot!(going_to_a_typed_page_100x30, 100, 30, "B02<Enter>");
snapshot!(start_60x20, 60, 20, "");
snapshot!(next_page_twice_60x20, 60, 20, "<Right><Right>");
snapshot!(next_article_twice_60x20, 60, 20, "]]");
snapshot!(zoom_in_thrice_60x20, 60, 20, "+++");
snapshot!(zoom_out_thrice_60x20, 60, 20, "---");
snapshot!(zoom_reset_60x20, 60, 20, "++=");
snapshot!(focus_mode_60x20, 60, 20, "z");
snapshot!(tab_tab_enter_60x20, 60, 20, "<Tab><Tab><Enter>");
#[test]
fn continued_story_60x20() {
    let mut state = state_on("nmgrb", 60, 20, Ambiguous::Narrow);
    press(&mut state, "<PageDown><PageDown>");
    insta::assert_snapshot!(screen(&state));
}
snapshot!(help_60x20, 60, 20, "?");
snapshot!(help_scrolled_60x20, 60, 20, "?jjjjjjjjjjjj");
snapshot!(too_small_30x8, 30, 8, "");

/// The seed story, read down to where it goes on from page 01 to 03.
#[test]
fn continued_story_across_its_divider() {
    let mut state = state_on("nmgrb", 100, 30, Ambiguous::Narrow);
    assert!(state.issue().unwrap().publication.contains("内蒙古日报"));
    press(&mut state, "<PageDown><PageDown>");
    insta::assert_snapshot!(screen(&state));
}

/// Opened from page 03, the continuation shows the whole story, at the
/// "上接" marker.
#[test]
fn continuation_opened_from_its_page() {
    let mut state = state_on("nmgrb", 100, 30, Ambiguous::Narrow);
    press(&mut state, "03<Enter>]]]]");
    insta::assert_snapshot!(screen(&state));
}

/// With ambiguous characters wide, quotes take two cells and rows still
/// end at the right edge.
#[test]
fn ambiguous_wide_100x30() {
    let state = state_on("nmgrb", 100, 30, Ambiguous::Wide);
    insta::assert_snapshot!(screen(&state));
}

#[test]
fn every_row_fits_the_screen_at_every_size() {
    for (width, height) in [
        (1, 1),
        (2, 3),
        (39, 9),
        (40, 10),
        (41, 12),
        (80, 24),
        (120, 40),
        (300, 100),
    ] {
        for wide in [Ambiguous::Narrow, Ambiguous::Wide] {
            let mut state = state(width, height, wide);
            for script in ["", "]]]]", "+++++", "-----", "z", "?", "<Tab><Tab>", "G"] {
                press(&mut state, script);
                let shown = screen(&state);
                for line in shown.lines() {
                    let cells = epaper::layout::display_width(line, wide);
                    assert!(
                        cells <= usize::from(width),
                        "{width}x{height} {script:?}: {line}"
                    );
                }
            }
        }
    }
}

#[test]
fn past_issues_view_100x30() {
    // The issue of 2021-11-05 open; 往期阅读 shows its month.
    let mut state = on_shelf(5, 100, 30);
    press(&mut state, "i");
    insta::assert_snapshot!(screen(&state));
}

#[test]
fn bookmark_list_100x30() {
    let mut state = on_shelf(5, 100, 30);
    press(&mut state, "m03<Enter>]]m'");
    insta::assert_snapshot!(screen(&state));
}

#[test]
fn search_results_100x30() {
    let mut state = on_shelf(5, 100, 30);
    press(&mut state, "/换届<Enter>");
    insta::assert_snapshot!(screen(&state));
}

#[test]
fn search_in_every_issue_100x30() {
    let mut state = on_shelf(5, 100, 30);
    press(&mut state, "//终端<Enter>");
    insta::assert_snapshot!(screen(&state));
}

/// A result opens at its match, and the match is drawn highlighted.
#[test]
fn an_opened_result_shows_its_match() {
    let mut state = on_shelf(5, 100, 30);
    press(&mut state, "/考实评准<Enter><Enter>");
    let buffer = frame(&state);
    let palette = ui::theme::palette(state.settings().theme, state.settings().color);
    let marked: String = buffer
        .content()
        .iter()
        .filter(|cell| cell.bg == palette.highlight.bg.unwrap())
        .map(ratatui::buffer::Cell::symbol)
        // The blank second halves of wide characters.
        .filter(|symbol| *symbol != " ")
        .collect();
    assert!(marked.contains("考实评准"), "{marked}");
}

/// The Founder fixture site, imported, in the reader: its sections, the
/// kinds of its entries, and its continued story's two halves.
fn imported_founder(width: u16, height: u16) -> State {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/sites/founder/jcrb/html/2025-03/14");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let imported =
        epaper::commands::import::import(&files, &epaper::commands::import::Options::default())
            .unwrap();
    let library = Library::of_issues(vec![(
        "jcrb.json".to_owned(),
        std::sync::Arc::new(imported.issue),
    )]);
    opened(library, 0, width, height)
}

#[test]
fn an_imported_founder_issue_100x30() {
    let mut state = imported_founder(100, 30);
    insta::assert_snapshot!("imported_founder_start", screen(&state));
    press(&mut state, "<Right>");
    insta::assert_snapshot!("imported_founder_continuation", screen(&state));
}
