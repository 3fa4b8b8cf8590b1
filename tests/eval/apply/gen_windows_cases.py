#!/usr/bin/env python3
"""The patch-application development set, grown with a Windows-style repository.

The shared generator (../shared/eval/apply/gen_cases.py, read-only) samples five repositories
whose files are almost all LF, and only one natural CRLF case fits its limits, so the failures
that live in Windows projects (CRLF, tab indentation, files without a final newline, BOMs, mixed
line endings) are barely measured. This wrapper imports that generator unchanged and adds:

  - notepad-plus-plus/notepad-plus-plus (C++ and NSIS installer scripts: CRLF, tabs, some files
    without a final newline), sampled with the same rules, seed and limits as the others;
  - two kinds that combine the perturbations models make on such files, for every repository
    whose commits allow them (tab-indented CRLF code):
      crlf_lf_tabs       a CRLF file quoted with LF and leading tabs written as 4 spaces in the
                         search only
      crlf_lf_tabs_both  the same in search and replace; the file must keep CRLF and its tabs

  GEN_CASES=.../shared/eval/apply/gen_cases.py REPOS_DIR=/path/to/repos \
      python3 tests/eval/apply/gen_windows_cases.py --only npp [--out DIR] [--check]

GEN_CASES defaults to shared/eval/apply/gen_cases.py beside the checkout (or beside its parent). --check compares with
manifest.tsv beside this file (the npp cases). A change to tabs_to_spaces_both: tabs written as
spaces in both search and replace must not erase what the edit changes (see lossless()).
Run the cases with the shared run.sh (OUT as its argument); it lists kinds it does not know last.
"""
import importlib.util
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True
ROOT = os.path.join(HERE, '..', '..', '..')
# shared/ sits beside the main checkout, and one level further up from a worktree under wt/
SHARED = os.environ.get('GEN_CASES') or next(
    (p for p in (os.path.join(ROOT, *up, 'shared', 'eval', 'apply', 'gen_cases.py') for up in (('..',), ('..', '..')))
     if os.path.exists(p)), 'gen_cases.py (set GEN_CASES)')
spec = importlib.util.spec_from_file_location('gen_cases', SHARED)
gc = importlib.util.module_from_spec(spec)
spec.loader.exec_module(gc)

NPP = {'name': 'npp', 'repo': 'notepad-plus-plus/notepad-plus-plus',
       'lang': 'C++ and NSIS (CRLF, tab indent, some files without a final newline)',
       'tip': 'a6c46fd4cb0fa115ced3b3bfb1ff53fbdb8989f3',
       'quota': {'tabs_to_spaces': 6, 'tabs_to_spaces_both': 6, 'crlf_lf': 6,
                 'crlf_lf_tabs': 6, 'crlf_lf_tabs_both': 6}}
NEW_KINDS = ['crlf_lf_tabs', 'crlf_lf_tabs_both']

gc.REPOS.append(NPP)
gc.KIND_ORDER.extend(NEW_KINDS)
for kind in NEW_KINDS:
    gc.EXPECT[kind] = 'apply'
    gc.QUOTA[kind] = 0
gc.HERE = HERE   # --check reads manifest.tsv from here: point it at our manifest
_shared_variants = gc.variants_for


def lossless(fn):
    """A perturbation of search and replace that keeps what the edit changes: a line the edit
    removes (or adds) must still be removed (added) once perturbed. Tabs written as spaces in both
    erase an edit that only turns spaces into tabs; no tool can apply that, so it is no case."""
    def perturb(e):
        res = fn(e)
        if res is None:
            return None
        s2, r2 = res
        removed = [l for l in e.s if l not in e.r]
        added = [l for l in e.r if l not in e.s]
        if len([l for l in s2 if l not in r2]) != len(removed) or len([l for l in r2 if l not in s2]) != len(added):
            return None
        return res
    return perturb


gc.f_tabs_both = lossless(gc.f_tabs_both)


def _lf(fn):
    def perturb(e):
        res = fn(e)
        if res is None:
            return None
        return [l.replace('\r\n', '\n') for l in res[0]], [l.replace('\r\n', '\n') for l in res[1]]
    return perturb


def variants_for(case, rng_for, props):
    yield from _shared_variants(case, rng_for, props)
    if case['pool'] != 'modify' or not (props['tabs'] and props['all_crlf']):
        return
    for kind, fn in (('crlf_lf_tabs', _lf(gc.f_tabs)), ('crlf_lf_tabs_both', _lf(gc.f_tabs_both))):
        v = gc.exact_vchanges(case)
        if gc.perturb_all(v, fn):
            yield kind, v, None


gc.variants_for = variants_for

# The stored snapshot of notepad-plus-plus lacks its blobs of 4 MiB and more (binaries); the
# generator only reads text files under 200 KB, so those absences cannot change a case (a case that
# did reach one would be skipped: build_case treats an absent blob as unusable). Commits and trees
# must all be there: git log --raw reads every one of them.
_shared_run = gc.Git.run


def run_tolerating_big_blobs(self, *args, **kw):
    out = _shared_run(self, *args, **kw)
    if args[:1] == ('rev-list',) and '--missing=print' in args and NPP['repo'].replace('/', '+') in self.gitdir:
        missing = [l for l in out.decode().split('\n') if l.startswith('?')]
        for line in missing:
            size = _shared_run(self, 'cat-file', '-t', line[1:], check=False)
            if size:   # present after all: cannot happen, keep the shared check's verdict
                return out
        print('%s: %d objects absent from the snapshot (large blobs), ignored' % (NPP['name'], len(missing)),
              file=sys.stderr)
        return b''.join(l.encode() + b'\n' for l in out.decode().split('\n') if l and not l.startswith('?'))
    return out


# Rename detection (log -M) reads blobs, so the paths that ever held an absent blob are left out of
# the history walk; they are binaries and one 8 MB vendored C file, never candidates anyway.
def paths_of_absent_blobs(git):
    absent = {l[1:] for l in _shared_run(git, 'rev-list', '--objects', '--missing=print', NPP['tip']).decode().split('\n')
              if l.startswith('?')}
    paths = set()
    for line in _shared_run(git, 'log', '--no-renames', '--raw', '--no-abbrev', '--format=', NPP['tip']).decode().split('\n'):
        meta, _, path = line.partition('\t')
        fields = meta.split()
        if len(fields) >= 4 and (fields[2] in absent or fields[3] in absent):
            paths.add(path)
    return sorted(paths)


def run_tolerating_big_blobs_everywhere(self, *args, **kw):
    if args[:1] == ('log',) and '-M' in args and NPP['repo'].replace('/', '+') in self.gitdir:
        excluded = paths_of_absent_blobs(self)
        return run_tolerating_big_blobs(self, *args, '--', '.', *(':(exclude,literal)' + p for p in excluded), **kw)
    return run_tolerating_big_blobs(self, *args, **kw)


gc.Git.run = run_tolerating_big_blobs_everywhere

# A case whose base or result tree holds an absent blob could not be checked out by run.sh: such
# commits (npp.pdb until 2015, a few days of 2019 and 2022) are skipped.
_shared_build_case = gc.build_case
_absent = {}


def tree_is_whole(git, commit):
    key = (git.gitdir, commit)
    if key not in _absent:
        if git.gitdir not in _absent:
            _absent[git.gitdir] = {l[1:] for l in _shared_run(git, 'rev-list', '--objects', '--missing=print', NPP['tip'])
                                   .decode().split('\n') if l.startswith('?')}
        blobs = {line.split()[2] for line in _shared_run(git, 'ls-tree', '-r', commit).decode().split('\n') if line}
        _absent[key] = not (blobs & _absent[git.gitdir])
    return _absent[key]


def build_case(git, c):
    if NPP['repo'].replace('/', '+') in git.gitdir and not all(tree_is_whole(git, x) for x in (c['commit'], c['parents'][0])):
        return None
    return _shared_build_case(git, c)


gc.build_case = build_case

if __name__ == '__main__':
    gc.main()
