//! Any bytes as an issue file: `load` returns an issue or errors, never
//! panics; what it accepts keeps the format's rules; and the header that
//! listing reads agrees (tests/support/load_checks.rs, shared with the
//! property tests).

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/support/load_checks.rs"]
mod load_checks;

fuzz_target!(|bytes: &[u8]| {
    if let Err(broken) = load_checks::check(bytes) {
        panic!("{broken}");
    }
});
