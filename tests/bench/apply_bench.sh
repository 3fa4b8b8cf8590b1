#!/usr/bin/env bash
# Patch engine speed on a Linux-kernel-sized repository: a 50-file patch (two edits per file, one
# of them quoted with lost indentation) resolved in-process (apply_bench) and applied end to end
# by `git oneshot apply --no-test` (parse, resolve, tree, commit, branch), each run in a fresh clone.
# Usage: tests/bench/apply_bench.sh BUILD_DIR [REPO] [RUNS]
#   BUILD_DIR configured with -DONESHOT_BENCH=ON (apply_bench and git-oneshot are built here).
#   REPO: a repository to clone (--shared, never modified); default: a synthetic kernel-shaped
#   repository (75,000 files in 5,000 directories, ~1 GB of C-like text) made with fast-import.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
build="$(cd "$1" && pwd)"
runs="${3:-10}"
cmake --build "$build" --target apply_bench git-oneshot >/dev/null
scratch="$(mktemp -d "${TMPDIR:-/tmp}/oneshot-apply-bench-XXXXXX")"
trap 'rm -rf "$scratch"' EXIT

if [[ -n "${2:-}" ]]; then
  source_repo="$2"
else
  source_repo="$scratch/source.git"
  git init -q --bare -b main "$source_repo"
  python3 "$here/apply_bench_repo.py" | git -C "$source_repo" fast-import --quiet
fi
git clone -q --shared --no-checkout "$source_repo" "$scratch/repo"
cd "$scratch/repo"
files=$(git ls-tree -r --name-only HEAD | wc -l)
bytes=$(git ls-tree -r -l HEAD | awk '{s += $4} END {print s}')
echo "repository: ${2:-synthetic} ($files files, $((bytes / 1048576)) MiB at HEAD)"
python3 "$here/apply_bench_patch.py" . 50 > "$scratch/patch.json"

"$build/apply_bench" . "$scratch/patch.json" "$runs"

# Each end-to-end run gets its own fresh clone (--shared: refs only, objects borrowed), so every
# run writes its blobs, trees and commit for the first time, as a real apply does; re-applying in
# one repository would find all but the commit already stored.
python3 - "$build/git-oneshot" "$source_repo" "$scratch" "$runs" <<'PY'
import os, resource, subprocess, sys, time
binary, source, scratch, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
walls, cpus = [], []
for i in range(runs):
    repo = f"{scratch}/run-{i}"
    subprocess.run(["git", "clone", "-q", "--shared", "--no-checkout", source, repo], check=True)
    for key, value in (("user.name", "bench"), ("user.email", "bench@example.com")):
        subprocess.run(["git", "-C", repo, "config", key, value], check=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    with open(f"{scratch}/report.json", "wb") as report:
        subprocess.run([binary, "apply", "--json", "--no-test", "--branch", "bench", f"{scratch}/patch.json"],
                       cwd=repo, stdout=report, check=True)
    walls.append((time.monotonic() - start) * 1000)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpus.append((after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000)
    subprocess.run(["rm", "-rf", repo], check=True)
walls.sort(); cpus.sort()
print(f"git oneshot apply --no-test (50 files, fresh clone each run): wall median {walls[runs // 2]:.1f} ms"
      f"   max {walls[-1]:.1f} ms   CPU (user+sys) median {cpus[runs // 2]:.1f} ms   ({runs} runs,"
      f" load average {os.getloadavg()[0]:.2f})")
PY
