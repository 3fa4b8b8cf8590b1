#!/usr/bin/env bash
# Builds the context benchmark tools against a configured build directory's libraries.
# Usage: tests/bench/context_build.sh BUILD_DIR   -> BUILD_DIR/context_run
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
build="$(cd "$1" && pwd)"
g++ -std=c++20 -O2 -g -I"$root/src" "$here/context_run.cpp" \
  "$build/liboneshot_core.a" "$build/grammars/liboneshot_grammar_table.a" "$build/grammars/liboneshot_grammars.a" \
  $(pkg-config --libs libgit2 tree-sitter) -lpthread -o "$build/context_run"
echo "$build/context_run"
