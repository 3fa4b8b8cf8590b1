#!/usr/bin/env bash
# Measures the context engine's token estimate against real BPE tokenizers (o200k_base and
# cl100k_base from the npm package gpt-tokenizer, installed in a scratch folder, measurement only).
# Usage: tests/bench/context_tokens.sh BUILD_DIR FILE...   (or a directory: a sample of its tracked files)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
build="$(cd "$1" && pwd)"; shift
scratch="${TOKENIZER_SCRATCH:-/tmp/oneshot-tokenizer}"
if [ ! -d "$scratch/node_modules/gpt-tokenizer" ]; then
  mkdir -p "$scratch" && (cd "$scratch" && npm init -y >/dev/null && npm install gpt-tokenizer >/dev/null)
fi
bin="$build/context_count_tokens"
g++ -std=c++20 -O2 -I"$root/src" "$here/context_count_tokens.cpp" "$build/liboneshot_core.a" -o "$bin"
files=()
for arg in "$@"; do
  if [ -d "$arg" ]; then
    while IFS= read -r f; do files+=("$arg/$f"); done < <(git -C "$arg" ls-files | grep -E '\.(c|h|py|js|ts|go|rs|java|md|json|rb|sh|cpp)$' | awk 'NR % 7 == 0' | head -300)
  else
    files+=("$arg")
  fi
done
"$bin" "${files[@]}" > /tmp/oneshot-ours.tsv
cat > "$scratch/count.cjs" <<'JS'
const fs = require('fs');
const o200k = require('gpt-tokenizer/cjs/encoding/o200k_base');
const cl100k = require('gpt-tokenizer/cjs/encoding/cl100k_base');
for (const f of process.argv.slice(2)) {
  const text = fs.readFileSync(f, 'utf8');
  console.log(`${o200k.encode(text).length}\t${cl100k.encode(text).length}\t${f}`);
}
JS
node "$scratch/count.cjs" "${files[@]}" > /tmp/oneshot-bpe.tsv
paste /tmp/oneshot-ours.tsv /tmp/oneshot-bpe.tsv | python3 -c '
import sys, statistics
rows = [l.rstrip("\n").split("\t") for l in sys.stdin]
ours = [int(r[0]) for r in rows]; o = [int(r[2]) for r in rows]; c = [int(r[3]) for r in rows]
for name, ref in (("o200k", o), ("cl100k", c)):
    errs = [(a - b) / b for a, b in zip(ours, ref) if b > 50]
    print(f"{name}: files {len(errs)}  total ours/ref {sum(ours)/sum(ref):.3f}  per-file error median {statistics.median(errs)*100:+.1f}%  "
          f"p10 {sorted(errs)[len(errs)//10]*100:+.1f}%  p90 {sorted(errs)[len(errs)*9//10]*100:+.1f}%  under by >5%: {sum(e < -0.05 for e in errs)}")
'
