#!/usr/bin/env bash
# Downloads the pinned tree-sitter grammar packages (grammars.tsv) from the npm registry into
# grammars/.sources/<package>-<version>/, checking each tarball against its pinned integrity.
# Idempotent: a package already unpacked is not downloaded again.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
dest=${GRAMMAR_SOURCES:-$here/.sources}
mkdir -p "$dest"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
grep -v '^#' "$here/grammars.tsv" | while IFS=$'\t' read -r lang pkg version dir symbol integrity; do
  target="$dest/$pkg-$version"
  [ -f "$target/.complete" ] && continue
  echo "grammars: fetching $pkg@$version"
  tarball=$(cd "$tmp" && npm pack --silent "$pkg@$version")
  got="sha512-$(openssl dgst -sha512 -binary "$tmp/$tarball" | base64 -w0)"
  if [ "$got" != "$integrity" ]; then
    echo "grammars: $pkg@$version integrity mismatch: got $got, pinned $integrity" >&2
    exit 1
  fi
  rm -rf "$target" && mkdir -p "$target"
  tar xzf "$tmp/$tarball" -C "$target" --strip-components=1
  rm -f "$tmp/$tarball"
  if ! grep -q 'LANGUAGE_VERSION 1[34]$' "$target/$dir/parser.c"; then
    echo "grammars: $pkg@$version is not ABI 13-14; libtree-sitter 0.20.7 cannot load it" >&2
    exit 1
  fi
  touch "$target/.complete"
done
