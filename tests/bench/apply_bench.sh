#!/usr/bin/env bash
# Patch engine speed on a Linux-kernel-sized repository: a 50-file patch (two edits per file, one
# of them quoted with lost indentation) resolved in-process (apply_bench) and applied end to end
# by `git oneshot apply --no-test` (parse, resolve, tree, commit, branch).
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
  git clone -q --shared --no-checkout "$2" "$scratch/repo"
else
  git init -q --bare -b main "$scratch/source.git"
  python3 "$here/apply_bench_repo.py" | git -C "$scratch/source.git" fast-import --quiet
  git clone -q --shared --no-checkout "$scratch/source.git" "$scratch/repo"
fi
cd "$scratch/repo"
git config user.name bench && git config user.email bench@example.com
files=$(git ls-tree -r --name-only HEAD | wc -l)
bytes=$(git ls-tree -r -l HEAD | awk '{s += $4} END {print s}')
echo "repository: ${2:-synthetic} ($files files, $((bytes / 1048576)) MiB at HEAD)"
python3 "$here/apply_bench_patch.py" . 50 > "$scratch/patch.json"

"$build/apply_bench" . "$scratch/patch.json" "$runs"

now() { date +%s.%N; }
samples=()
for i in $(seq 1 "$runs"); do
  t0=$(now)
  "$build/git-oneshot" apply --json --no-test --branch "bench-$i" "$scratch/patch.json" > "$scratch/report.json"
  t1=$(now)
  samples+=("$(python3 -c "print(f'{($t1 - $t0) * 1000:.1f}')")")
done
printf '%s\n' "${samples[@]}" | sort -n | python3 -c "
import sys; v = [float(x) for x in sys.stdin]
print(f'git oneshot apply --no-test (50 files, wall) median {v[len(v)//2]:.1f} ms   max {v[-1]:.1f} ms   ({len(v)} runs)')"
