# A kernel-shaped repository as a git fast-import stream on stdout: 75,000 text files in 5,000
# directories up to 4 levels deep, ~1 GB. Contents come from a pool of generated C-like texts, each
# file made distinct by a header line (cheap to generate; git still stores 75,000 blobs).
# Deterministic.
import random, sys

rng = random.Random(1991)
out = sys.stdout.buffer
words = ["static", "int", "struct", "return", "if", "else", "for", "while", "unsigned", "long", "const", "void",
         "dev", "buf", "len", "err", "ret", "priv", "ops", "data", "lock", "irq", "page", "node", "list", "entry"]

def line(depth):
    ws = "\t" * depth
    kind = rng.random()
    if kind < 0.15:
        return ""
    if kind < 0.3:
        return f"{ws}/* {' '.join(rng.choices(words, k=6))} */"
    name = "_".join(rng.choices(words, k=3))
    return f"{ws}{rng.choice(words)} {name}({rng.choice(words)} *{rng.choice(words)}, {rng.randint(0, 99999)});"

def text(size):
    lines, depth, total = [], 0, 0
    while total < size:
        if rng.random() < 0.08:
            lines.append(f"static int fn_{rng.randint(0, 10**9)}(void)\n{{"); depth = 1
        elif depth and rng.random() < 0.06:
            lines.append("}\n"); depth = 0
        lines.append(line(depth)); total += len(lines[-1]) + 1
    return ("\n".join(lines) + "\n}\n").encode()

dirs = []
for d in range(5000):
    depth = rng.randint(1, 4)
    dirs.append("/".join(f"{rng.choice(words)}{rng.randint(0, 40)}" for _ in range(depth)) + f"/d{d}")
pool = [text(int(rng.lognormvariate(9.2, 1.0)) + 200) for _ in range(600)]
mark = 0
paths = []
for n in range(75000):
    mark += 1
    data = b"/* file %d */\n" % n + pool[n % len(pool)]
    out.write(b"blob\nmark :%d\ndata %d\n" % (mark, len(data)) + data + b"\n")
    paths.append((f"{dirs[n % len(dirs)]}/file{n}.c", mark))
out.write(b"commit refs/heads/main\ncommitter bench <bench@example.com> 1700000000 +0000\ndata 5\nbase\n")
for path, m in paths:
    out.write(b"M 100644 :%d %s\n" % (m, path.encode()))
out.write(b"\n")
