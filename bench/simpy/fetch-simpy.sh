#!/bin/sh
# Puts the source of SimPy 4.1.2 (MIT licence) in bench/simpy/vendor, where
# single_lock.py looks for it, with package metadata so `simpy.__version__` reads 4.1.2.
# Usage: bench/simpy/fetch-simpy.sh [REPO]
#   REPO: a git URL or a local clone, bare or not (default: SimPy's home on GitLab).
set -eu
TAG=4.1.2
REPO=${1:-https://gitlab.com/team-simpy/simpy.git}
VENDOR=$(cd "$(dirname "$0")" && pwd)/vendor
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

if [ ! -d "$REPO" ]; then
  git clone --quiet --depth 1 --branch "$TAG" "$REPO" "$TMP/clone"
  REPO=$TMP/clone
fi
# The tag's own changelog must open with this release, or it is not the copy we want.
if ! git -C "$REPO" show "$TAG:CHANGES.rst" | grep -q "^$TAG "; then
  echo "fetch-simpy: $REPO has no tag $TAG whose CHANGES.rst opens with $TAG" >&2
  exit 1
fi
COMMIT=$(git -C "$REPO" rev-parse "$TAG^{commit}")
git -C "$REPO" archive "$TAG" src/simpy LICENSE.rst | tar -x -C "$TMP"

rm -rf "$VENDOR"
mkdir -p "$VENDOR/simpy-$TAG.dist-info"
mv "$TMP/src/simpy" "$VENDOR/simpy"
cp "$TMP/LICENSE.rst" "$VENDOR/simpy/LICENSE.rst"
printf 'Metadata-Version: 2.1\nName: simpy\nVersion: %s\nSummary: source of tag %s, commit %s\nLicense: MIT\n' \
  "$TAG" "$TAG" "$COMMIT" > "$VENDOR/simpy-$TAG.dist-info/METADATA"
echo "SimPy $TAG (commit $COMMIT) is in $VENDOR"
