#!/usr/bin/env bash
# Time the business-time arithmetic (src/spec/worktime.rs) on a million
# records: release build of examples/worktime.rs. Usage: benches/worktime.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo run --release --quiet --example worktime
