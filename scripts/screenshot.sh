#!/usr/bin/env bash
# Makes docs/screenshot.svg, the README's screenshot, from the real program:
# the release binary in a pseudo-terminal, read back by a terminal emulator.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked
cargo run --release --locked --example screenshot -- docs/screenshot.svg
