#!/usr/bin/env bash
# Every test the project has, plus the checks CI will not forgive. Run from anywhere.
# Needs only the Rust toolchain (cargo fetches the crates it needs).
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== cargo fmt --check"
cargo fmt --all --check

echo "== cargo clippy (all targets, warnings are errors)"
cargo clippy --workspace --all-targets --locked -- -D warnings

echo "== cargo test: unit, integration, property, snapshot tests; examples and benches in test mode"
cargo test --workspace --all-targets --locked

echo "== cargo test --doc"
cargo test --workspace --doc --locked

echo "== cargo doc (warnings are errors)"
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --locked --quiet

echo "== all checks passed"
