#!/usr/bin/env bash
# Runs `git oneshot` on the bundled example project (examples/inventory) with its recorded model
# answer, offline: a fresh git repository in build/example/inventory, a task, a new branch whose
# tests pass. The answer in examples/inventory/.oneshot/replay was written by us in the OpenAI
# Responses API's exact streaming wire format; no model was called.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
example=$root/examples/inventory
repo=${EXAMPLE_REPO:-$root/build/example/inventory}
tool=${ONESHOT:-git oneshot}

rm -rf "$repo"
mkdir -p "$repo"
cp -R "$example/." "$repo/"
rm -rf "$repo/.oneshot"
cd "$repo"
git init -q -b main
git config user.name >/dev/null || git config user.name "git-oneshot example"
git config user.email >/dev/null || git config user.email "example@git-oneshot.invalid"
git add -A
git commit -q -m "Inventory example"

task=$(cat "$example/TASK.txt")
echo "example repository: $repo"
echo "task: $task"
# shellcheck disable=SC2086
$tool run --provider openai --model gpt-5 --replay "$example/.oneshot/replay" "$task"
branch=$(git for-each-ref --format='%(refname:short)' 'refs/heads/oneshot/*' | head -n1)
echo
git --no-pager log --stat -1 "$branch"
