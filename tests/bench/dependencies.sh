#!/usr/bin/env bash
# Verification time with prepared test dependencies (issue 19): the first run (prepares the
# dependencies into <git dir>/oneshot/deps) and later runs (reuse them), default sandbox, against
# "before": what every verification did until now, a fresh checkout plus the detected command with
# its install step (e.g. `npm install && npm test`), unsandboxed, timed here the same way.
# Usage: tests/bench/dependencies.sh BUILD_DIR SOURCE_REPO [LATER_RUNS] [BEFORE_COMMAND] [TEST_CMD]
#   e.g. tests/bench/dependencies.sh build /work/.mirror/expressjs+express/repo 3 'npm install && npm test'
# TEST_CMD, when given, is passed as --test-cmd (it should start with the install step).
# SOURCE_REPO is cloned --shared into a scratch folder, never modified. Needs the registry.
set -euo pipefail
build="$(cd "$1" && pwd)"
binary="$build/git-oneshot"
source_repo="$2"
later="${3:-3}"
before_cmd="${4:-npm install && npm test}"
test_args=()
[ -n "${5:-}" ] && test_args=(--test-cmd "$5")
scratch="$(mktemp -d "${TMPDIR:-/tmp}/oneshot-deps-bench-XXXXXX")"
trap 'rm -rf "$scratch"' EXIT
git clone -q --shared "$source_repo" "$scratch/repo"
cd "$scratch/repo"
cat > "$scratch/patch.json" <<'JSON'
{"summary": "bench", "explanation": "", "changes": [{"path": "oneshot-bench.txt", "action": "create", "new_path": null, "content": "x\n", "edits": null}]}
JSON
now() { date +%s.%N; }
report() {   # label seconds report.json
  python3 - "$@" <<'PY'
import json, sys
label, wall, path = sys.argv[1], float(sys.argv[2]), sys.argv[3]
t = json.load(open(path))["tests"]
d = t.get("dependencies") or {}
print(f"{label:10} verification {wall:6.1f} s | tests' own {t['duration_s']:5.1f} s | deps {d.get('state')} "
      f"(prepare {d.get('prepare_s', 0):.1f} s) | sandbox {t['sandbox']} | exit {t['exit_code']} | `{t['command']}`")
PY
}
# Before: a fresh checkout, then the detected command with its install step, as verify used to run it.
for i in 1 2; do
  rm -rf "$scratch/before"
  t0=$(now)
  git worktree add -q --detach "$scratch/before" HEAD
  (cd "$scratch/before" && sh -c "$before_cmd" >/dev/null 2>&1) || echo "before: tests failed"
  t1=$(now)
  git worktree remove --force "$scratch/before"
  python3 -c "import sys; print(f'before {sys.argv[1]:3} verification {float(sys.argv[3]) - float(sys.argv[2]):6.1f} s (checkout + {sys.argv[4]}, unsandboxed)')" "$i" "$t0" "$t1" "$before_cmd"
done
t0=$(now); "$binary" apply --json "${test_args[@]}" --branch bench-first "$scratch/patch.json" > "$scratch/first.json" || true; t1=$(now)
report "first" "$(python3 -c "print($t1 - $t0)")" "$scratch/first.json"
for i in $(seq 1 "$later"); do
  t0=$(now); "$binary" apply --json "${test_args[@]}" --branch "bench-later-$i" "$scratch/patch.json" > "$scratch/later.json" || true; t1=$(now)
  report "later $i" "$(python3 -c "print($t1 - $t0)")" "$scratch/later.json"
done
du -sh "$scratch/repo/.git/oneshot/deps" | sed 's/^/cache size: /'
