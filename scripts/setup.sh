#!/usr/bin/env bash
# One command from a fresh Debian 12 machine to a working `git oneshot`: installs the packages it
# lacks, fetches the pinned grammars, builds, installs the binary, and runs the bundled example.
# Idempotent; stops at the first failing step and names it.
#   SETUP_SKIP_EXAMPLE=1   build and install only
#   PREFIX=/some/where     install prefix (default /usr/local as root, ~/.local otherwise)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD
step_name="start"
step() { step_name=$1; echo "==> $1"; }
trap 'echo "setup: FAILED during: $step_name" >&2' ERR

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "setup: needs root or sudo to install packages" >&2; exit 1; }
  sudo_cmd=(sudo)
fi

step "install Debian packages"
packages=(build-essential cmake ninja-build pkg-config git ccache ca-certificates openssl python3 make
          libgit2-dev libtree-sitter-dev libcurl4-openssl-dev nlohmann-json3-dev libdtl-dev libcli11-dev libicu-dev catch2
          zlib1g-dev libssl-dev bubblewrap)
command -v npm >/dev/null || packages+=(npm)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

step "fetch the pinned tree-sitter grammars (npm)"
grammars/fetch.sh

step "configure (build/)"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null

step "build"
cmake --build build -j"$(nproc)"

step "install git-oneshot"
if [ -z "${PREFIX:-}" ]; then
  if [ "$(id -u)" -eq 0 ]; then PREFIX=/usr/local; else PREFIX=$HOME/.local; fi
fi
# Stripped: the build keeps its debug info for gdb; users need only the program.
cmake --install build --prefix "$PREFIX" --strip >/dev/null
case ":$PATH:" in
  *":$PREFIX/bin:"*) ;;
  *) echo "note: add $PREFIX/bin to PATH to use 'git oneshot'"; export PATH="$PREFIX/bin:$PATH" ;;
esac
echo "installed $PREFIX/bin/git-oneshot ($("$PREFIX/bin/git-oneshot" --version))"

if [ -z "${SETUP_SKIP_EXAMPLE:-}" ]; then
  step "run the bundled example (offline, recorded model answer)"
  "$root/scripts/run-example.sh"
fi
trap - ERR
echo "==> setup done"
