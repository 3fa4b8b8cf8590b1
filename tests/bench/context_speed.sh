#!/usr/bin/env bash
# Speed of `context` on real trees, cold (empty cache) and warm (one file changed and committed),
# with peak memory, next to universal-ctags (`ctags -R`) and `repomix --compress` on the same
# trees in the same run. Not run by ctest. Prints the load average before each tree and after its
# runs: the machine may be shared, so read wall times next to CPU times and the load.
#
# Usage: tests/bench/context_speed.sh CONTEXT_CMD REPO...
#   CONTEXT_CMD  e.g. "build/git-oneshot" or "build/context_run" (called as CMD context --json --budget B TASK)
#   REPO         a git repository with a work tree (it gets one extra commit per run, on a scratch branch)
# Environment: BUDGET (default 32000), TASK, REPOMIX (command; default: npx repomix from REPOMIX_DIR),
#   REPOMIX_DIR (a folder where `npm install repomix` was run), SKIP_TOOLS=1 (ours only).
set -euo pipefail
cmd=($1); shift
budget="${BUDGET:-32000}"
task="${TASK:-Fix the error handling when reading the configuration file fails and report the path}"
measure() {   # prints "wall_s peak_mb cpu_s" (cpu = user + system: the machine may be shared)
  /usr/bin/time -f "%e %M %U %S" -o /tmp/oneshot-bench-time timeout "${TOOL_TIMEOUT:-1200}" "$@" > /dev/null 2>/tmp/oneshot-bench-err || true
  tail -1 /tmp/oneshot-bench-time | awk '{printf "%s %.0f %.1f", $1, $2/1024, $3+$4}'
}
for repo in "$@"; do
  repo="$(cd "$repo" && pwd)"
  files=$(git -C "$repo" ls-files | wc -l)
  mb=$(git -C "$repo" ls-tree -r -l HEAD | awk '$4 != "-" {s += $4} END {printf "%.0f", s / 1048576}')
  echo "== $repo: $files files, $mb MB; $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  git_dir=$(git -C "$repo" rev-parse --absolute-git-dir)
  rm -rf "$git_dir/oneshot/cache/context"
  cold=$(cd "$repo" && measure "${cmd[@]}" context --json --budget "$budget" "$task")
  same=$(cd "$repo" && measure "${cmd[@]}" context --json --budget "$budget" "$task")
  # One file changed: append a line to a tracked source file and commit it on a scratch branch.
  base=$(git -C "$repo" rev-parse HEAD)
  file=$(git -C "$repo" ls-files '*.c' '*.go' | sed -n '200p')
  git -C "$repo" checkout -q -B oneshot-bench "$base"
  echo "/* bench $(date +%s%N) */" >> "$repo/$file"
  git -C "$repo" -c user.name=bench -c user.email=bench@localhost commit -qam "bench: touch $file"
  warm=$(cd "$repo" && measure "${cmd[@]}" context --json --budget "$budget" "$task")
  other=$(cd "$repo" && measure "${cmd[@]}" context --json --budget "$budget" "Add a timeout option to the network client and document it")
  git -C "$repo" checkout -q --detach "$base"
  printf "%-34s %8s s wall %6s MB peak %8s s cpu\n" "oneshot cold (empty cache)" $cold
  printf "%-34s %8s s wall %6s MB peak %8s s cpu\n" "oneshot warm (nothing changed)" $same
  printf "%-34s %8s s wall %6s MB peak %8s s cpu\n" "oneshot warm (one file changed)" $warm
  printf "%-34s %8s s wall %6s MB peak %8s s cpu\n" "oneshot warm, another task" $other
  if [ "${SKIP_TOOLS:-0}" != 1 ]; then
    tmp=$(mktemp -d)
    ctags_r=$(cd "$repo" && measure ctags -R -f "$tmp/tags" .)
    printf "%-34s %8s s wall %6s MB peak %8s s cpu\n" "ctags -R" $ctags_r
    if [ -n "${REPOMIX:-}" ] || [ -n "${REPOMIX_DIR:-}" ]; then
      rx=(${REPOMIX:-"$REPOMIX_DIR/node_modules/.bin/repomix"})
      repomix_r=$(cd "$repo" && measure "${rx[@]}" --compress --quiet -o "$tmp/repomix.xml")
      printf "%-34s %8s s wall %6s MB peak %8s s cpu\n" "repomix --compress" $repomix_r
    fi
    rm -rf "$tmp"
  fi
  echo "   load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
done
