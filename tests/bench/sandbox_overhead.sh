#!/usr/bin/env bash
# The test sandbox's cost per test run: the same `apply` with the same test command, default
# (bubblewrap) and --no-sandbox, interleaved in one run, on a small project (a test command that
# does nothing: pure sandbox start-up) and a larger one (SOURCE_REPO's own tests).
# Usage: tests/bench/sandbox_overhead.sh BUILD_DIR SOURCE_REPO 'TEST COMMAND' [RUNS]
# e.g.   tests/bench/sandbox_overhead.sh build /work/.mirror/more-itertools+more-itertools/repo \
#          'python3 -m unittest discover -s tests -t .' 5
# Reports the median of tests.duration_s (the test process as the tool timed it) for each mode and
# the ratio sandboxed / unsandboxed. SOURCE_REPO is cloned --shared, never modified.
set -euo pipefail
build="$(cd "$1" && pwd)"
binary="$build/git-oneshot"
source_repo="$2"
test_command="$3"
runs="${4:-5}"
scratch="$(mktemp -d "${TMPDIR:-/tmp}/oneshot-sandbox-bench-XXXXXX")"
trap 'rm -rf "$scratch"' EXIT
cat > "$scratch/patch.json" <<'JSON'
{"summary": "bench", "explanation": "", "changes": [{"path": "oneshot-bench.txt", "action": "create", "new_path": null, "content": "x\n", "edits": null}]}
JSON

git init -q "$scratch/small"
(cd "$scratch/small" && echo hi > README && git add README && git -c user.name=b -c user.email=b@e commit -qm base)
git clone -q --shared "$source_repo" "$scratch/large"

measure() {   # name dir command
  local name=$1 dir=$2 cmd=$3 i mode
  : > "$scratch/$name.times"
  for i in $(seq 1 "$runs"); do
    for mode in sandbox no-sandbox; do
      local flag=""
      [ "$mode" = no-sandbox ] && flag="--no-sandbox"
      (cd "$dir" && "$binary" apply --json $flag --test-cmd "$cmd" --branch "bench-$mode-$i" "$scratch/patch.json" > "$scratch/out.json") || true
      python3 - "$scratch/out.json" "$mode" >> "$scratch/$name.times" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
t = r["tests"]
print(sys.argv[2], t["sandbox"], t["duration_s"], t["exit_code"])
PY
    done
  done
  python3 - "$scratch/$name.times" "$name" "$cmd" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
def med(mode):
    return statistics.median(float(r[2]) for r in rows if r[0] == mode)
s, n = med("sandbox"), med("no-sandbox")
kinds = sorted(set(r[1] for r in rows if r[0] == "sandbox"))
exits = sorted(set(r[3] for r in rows))
print(f"{sys.argv[2]:6} `{sys.argv[3]}`: sandbox ({','.join(kinds)}) {s:.3f} s, none {n:.3f} s, "
      f"overhead {s - n:+.3f} s per run, ratio {s / n:.2f} (median of {len(rows) // 2}; exit codes {','.join(exits)})")
PY
}
echo "sandbox overhead, $runs runs per mode, interleaved"
measure small "$scratch/small" true
measure large "$scratch/large" "$test_command"
