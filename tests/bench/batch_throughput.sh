#!/usr/bin/env bash
# Batch throughput (tasks per minute) against the fake model server answering every request after a
# fixed delay, with --jobs 1 and --jobs 8: the difference is the model latency that --jobs overlaps.
# Not run by ctest. Usage: tests/bench/batch_throughput.sh [BUILD_DIR] [TASKS] [DELAY_S]
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
build="$(cd "${1:-$here/build}" && pwd)"
tasks="${2:-24}"
delay="${3:-0.5}"
tool="$build/git-oneshot"
work="$(mktemp -d /tmp/oneshot-bench-batch-XXXXXX)"
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT

make_batch() {   # $1: folder; 2 repositories, $tasks tasks, a script with one answer per task
    mkdir -p "$1"
    for r in 1 2; do
        git init -q -b main "$1/r$r"
        printf '# r%s\n' "$r" > "$1/r$r/README.md"
        git -C "$1/r$r" add -A
        git -C "$1/r$r" -c user.name=Bench -c user.email=b@example.com commit -q -m initial
    done
    python3 - "$1" "$tasks" "$delay" <<'PY'
import json, sys
root, n, delay = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
steps = []
with open(f"{root}/tasks.jsonl", "w") as tasks:
    for i in range(1, n + 1):
        tid = f"t{i:03d}"
        marker = f"[[task {tid}]]"
        tasks.write(json.dumps({"id": tid, "task": f"Add the note for {marker}", "repo": f"r{1 + i % 2}"}) + "\n")
        answer = {"summary": f"Add note {tid}", "explanation": "bench", "changes": [
            {"path": f"notes/{tid}.txt", "action": "create", "new_path": None, "content": f"{tid}\n", "edits": None}]}
        steps.append({"match": marker, "answer": json.dumps(answer), "delay_s": delay})
json.dump(steps, open(f"{root}/script.json", "w"))
PY
}

run_once() {   # $1: jobs
    local dir="$work/jobs$1"
    make_batch "$dir"
    python3 "$here/tests/support/fake_model_server.py" --script "$dir/script.json" --port-file "$dir/port" --log "$dir/log.jsonl" &
    server=$!
    for _ in $(seq 100); do [ -s "$dir/port" ] && break; sleep 0.05; done
    local start end
    start=$(date +%s.%N)
    (cd "$dir" && env OPENAI_BASE_URL="http://127.0.0.1:$(cat "$dir/port")/v1" OPENAI_API_KEY=sk-bench \
        "$tool" batch tasks.jsonl --jobs "$1" --no-test --provider openai --model o3 --answer-format json -q) || true
    end=$(date +%s.%N)
    kill "$server"; wait "$server" 2>/dev/null || true
    local done_count
    done_count=$(grep -c '"status":"untested"' "$dir/tasks.report.jsonl" 2>/dev/null || echo 0)
    python3 -c "import sys; s=float(sys.argv[2])-float(sys.argv[1]); n=int(sys.argv[3]); print(f'jobs={sys.argv[4]:>2}  tasks={n}  wall={s:6.2f} s  throughput={n/s*60:7.1f} tasks/min')" \
        "$start" "$end" "$done_count" "$1"
}

echo "fake model delay ${delay} s per answer, ${tasks} tasks over 2 repositories, --no-test"
run_once 1
run_once 8
