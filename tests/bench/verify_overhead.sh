#!/usr/bin/env bash
# Overhead of verification beyond the test command's own time: the temporary worktree's creation
# (checkout of the whole tree) and removal, measured on a large repository.
# Usage: tests/bench/verify_overhead.sh BUILD_DIR SOURCE_REPO [RUNS]
# SOURCE_REPO is never modified: it is cloned with --shared --no-checkout (objects borrowed, no
# working tree of its own) into a scratch folder, and the tool runs `apply` there with a patch
# that creates one file: once with --no-test, once with --test-cmd true (a command that takes no
# time). The difference, minus the test process's own duration, is the verification overhead.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
build="$(cd "$1" && pwd)"
binary="$build/git-oneshot"
source_repo="$2"
runs="${3:-3}"
scratch="$(mktemp -d "${TMPDIR:-/tmp}/oneshot-verify-bench-XXXXXX")"
trap 'rm -rf "$scratch"' EXIT
git clone -q --shared --no-checkout "$source_repo" "$scratch/repo"
cd "$scratch/repo"
git config user.name bench && git config user.email bench@example.com
files=$(git ls-tree -r --name-only HEAD | wc -l)
bytes=$(git ls-tree -r -l HEAD | awk '{s += $4} END {print s}')
echo "repository: $source_repo ($files files, $((bytes / 1048576)) MiB at HEAD), $runs runs"
cat > "$scratch/patch.json" <<'JSON'
{"summary": "bench", "explanation": "", "changes": [{"path": "oneshot-bench.txt", "action": "create", "new_path": null, "content": "x\n", "edits": null}]}
JSON
now() { date +%s.%N; }
for i in $(seq 1 "$runs"); do
  t0=$(now)
  "$binary" apply --json --no-test --branch "bench-plain-$i" "$scratch/patch.json" > "$scratch/plain.json"
  t1=$(now)
  TMPDIR="$scratch" "$binary" apply --json --test-cmd true --branch "bench-tested-$i" "$scratch/patch.json" > "$scratch/tested.json"
  t2=$(now)
  leftovers=$(find "$scratch" -maxdepth 1 -name 'git-oneshot-*' | wc -l)
  python3 - "$t0" "$t1" "$t2" "$scratch/tested.json" "$leftovers" <<'PY'
import json, sys
t0, t1, t2 = map(float, sys.argv[1:4])
report = json.load(open(sys.argv[4]))
test_s = report["tests"]["duration_s"]
plain, tested = t1 - t0, t2 - t1
print(f"apply --no-test {plain:.2f} s; --test-cmd true {tested:.2f} s; test command itself {test_s:.3f} s; "
      f"verification overhead {tested - plain - test_s:.2f} s; leftover temp folders {sys.argv[5]}")
PY
done
echo "-- the worktree alone (verify_worktree_bench):"
g++ -std=c++20 -O2 -I"$root/src" "$here/verify_worktree_bench.cpp" "$build/liboneshot_core.a" -lgit2 -o "$scratch/verify_worktree_bench"
"$scratch/verify_worktree_bench" "$scratch/repo" "$runs"
echo "-- git itself, for comparison (git worktree add --detach / remove --force):"
for i in $(seq 1 "$runs"); do
  t0=$(now); git worktree add -q --detach "$scratch/git-wt" HEAD; t1=$(now); git worktree remove --force "$scratch/git-wt"; t2=$(now)
  python3 -c "import sys; a, b, c = map(float, sys.argv[1:]); print(f'git worktree add {b - a:.3f} s, remove {c - b:.3f} s')" "$t0" "$t1" "$t2"
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
echo "worktrees registered after the runs: $(git worktree list | tail -n +2 | wc -l)"
