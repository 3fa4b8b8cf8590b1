#!/usr/bin/env bash
# Runs the whole test suite (unit, integration and end-to-end tests) with CTest.
# Builds first if needed (after scripts/setup.sh this is only an up-to-date check).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
[ -f build/build.ninja ] || cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)"
ctest --test-dir build --output-on-failure -j"$(nproc)" "$@"
