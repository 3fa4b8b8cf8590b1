# A patch document for `apply_bench`: N files of the repository at HEAD (the larger text files),
# two edits each: one exact, one quoted with its common indentation removed (the reindent tier).
# Each quote gets context lines until it is unique even ignoring whitespace. Deterministic.
import json, random, subprocess, sys

repo, count = sys.argv[1], int(sys.argv[2])
rng = random.Random(50)
listing = subprocess.run(["git", "-C", repo, "ls-tree", "-r", "-l", "HEAD"], capture_output=True, text=True, check=True).stdout
files = [(int(f.split()[3]), f.split("\t", 1)[1]) for f in listing.splitlines() if f.split()[1] == "blob" and f.split()[3] != "-"]
files = [p for s, p in files if 4000 < s < 200000 and p.endswith((".c", ".h", ".py", ".go", ".rs", ".js"))]
rng.shuffle(files)

def loose(lines):
    return [l.strip() for l in lines if l.strip()]

def unique_quote(lines, at, keys):
    for c in range(1, 12):
        lo, hi = max(0, at - c), min(len(lines), at + 1 + c)
        q = loose(lines[lo:hi])
        if not q:
            continue
        hits = sum(1 for i in range(len(keys) - len(q) + 1) if keys[i:i + len(q)] == q)
        if hits == 1:
            return lo, hi
    return None

changes = []
for path in files:
    if len(changes) == count:
        break
    raw = subprocess.run(["git", "-C", repo, "cat-file", "blob", f"HEAD:{path}"], capture_output=True, check=True).stdout
    try:
        text = raw.decode()
    except UnicodeDecodeError:
        continue
    if "\r" in text or "\0" in text or not text.endswith("\n"):
        continue
    lines = text.split("\n")[:-1]
    keys = loose(lines)
    edits = []
    for at in sorted(rng.sample(range(2, len(lines) - 2), 2), reverse=False):
        span = unique_quote(lines, at, keys)
        if not span or (edits and span[0] <= edits[-1][1]):
            continue
        edits.append(span)
    if len(edits) != 2:
        continue
    doc_edits = []
    for n, (lo, hi) in enumerate(edits):
        quote = lines[lo:hi]
        new = quote[:]
        new.insert(len(new) // 2, (quote[len(quote) // 2][: len(quote[len(quote) // 2]) - len(quote[len(quote) // 2].lstrip())]) + "/* edited by the apply benchmark */")
        if n == 1:
            import os.path
            cut = len(os.path.commonprefix([l[: len(l) - len(l.lstrip())] for l in quote + new if l.strip()]))
            if cut:
                quote = [l[cut:] if l.strip() else l for l in quote]
                new = [l[cut:] if l.strip() else l for l in new]
        doc_edits.append({"search": "\n".join(quote) + "\n", "replace": "\n".join(new) + "\n"})
    changes.append({"path": path, "action": "modify", "new_path": None, "content": None, "edits": doc_edits})
if len(changes) < count:
    sys.exit(f"only {len(changes)} suitable files")
json.dump({"summary": f"Benchmark: edit {count} files", "explanation": "", "changes": changes}, sys.stdout, indent=1)
