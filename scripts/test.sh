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

echo "== fuzz targets compile on stable (cargo-fuzz runs them on nightly: cargo fuzz run html_ingest)"
cargo check --manifest-path fuzz/Cargo.toml --target-dir target --quiet

echo "== python: pip install ./bindings/python (PyO3 + maturin, release build) and pytest"
cargo fmt --manifest-path bindings/python/Cargo.toml --check
[ -x target/pyvenv/bin/python ] || python3 -m venv target/pyvenv
target/pyvenv/bin/python -m pip install --quiet --disable-pip-version-check ./bindings/python pytest
cargo build -p epitome-cli --locked --quiet # the CLI the Python results are compared with
EPITOME_BIN=target/debug/epitome target/pyvenv/bin/python -m pytest bindings/python/tests -q

echo "== web page in Chromium (playwright-core; installs chromium and npm packages if missing)"
EPITOME_BIN=target/debug/epitome tests/web/run.sh

echo "== all checks passed"
