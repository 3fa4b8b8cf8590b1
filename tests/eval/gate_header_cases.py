#!/usr/bin/env python3
"""Replay cases for ../shared/eval/gate/gold_replay.py from a project whose C++ headers end in `.h`:
the newest real commits that change at least one `.h` file (first-parent, no merges, at most
MAX_FILES files, text only), as JSON lines {id, repo, commit, parent, task}. The development set
of the replay has no such project; this adds one without copying any of its code.

  tests/eval/gate_header_cases.py --repos-dir /work/.mirror --repo google/leveldb --count 25 > cases.jsonl
  REPOS_DIR=/work/.mirror ../shared/eval/gate/gold_replay.py --oneshot build/git-oneshot --cases cases.jsonl
"""
import argparse, json, os, subprocess, sys

ap = argparse.ArgumentParser()
ap.add_argument("--repos-dir", default=os.environ.get("REPOS_DIR"), required=os.environ.get("REPOS_DIR") is None)
ap.add_argument("--repo", default="google/leveldb")
ap.add_argument("--count", type=int, default=25)
ap.add_argument("--max-files", type=int, default=8)
a = ap.parse_args()

base = os.path.join(a.repos_dir, a.repo.replace("/", "+"))
gd = next((g for g in (os.path.join(base, "repo"), base, os.path.join(base, ".git"))
           if os.path.isdir(os.path.join(g, "objects"))), None)
if gd is None:
    sys.exit(f"no repository for {a.repo} under {a.repos_dir}")


def git(*args):
    return subprocess.run(["git", "--git-dir", gd, *args], capture_output=True, text=True, errors="replace", check=True).stdout


n = 0
for line in git("log", "--first-parent", "--no-merges", "--format=%H %P", "HEAD").splitlines():
    commit, *parents = line.split()
    if len(parents) != 1:
        continue
    stat = git("diff", "--numstat", "--no-renames", parents[0], commit).splitlines()
    paths = [s.split("\t")[2] for s in stat]
    # Binary files show "-" counts; a replayed model answer never holds them.
    if not paths or len(paths) > a.max_files or any(s.startswith("-\t") for s in stat):
        continue
    if not any(p.endswith(".h") for p in paths):
        continue
    name = a.repo.split("/")[1]
    print(json.dumps({"id": f"{name}-{commit[:10]}", "repo": a.repo, "commit": commit, "parent": parents[0],
                      "task": git("log", "-1", "--format=%B", commit).strip()}))
    n += 1
    if n == a.count:
        break
