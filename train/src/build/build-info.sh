#!/usr/bin/env bash
# Writes build.properties (the project version and the git commit the classes were built from)
# into the class output, for the provenance record of every checkpoint and export.
# Usage: build-info.sh OUTPUT_FILE VERSION SOURCE_DIR. Never fails the build: outside a git
# checkout (a source tarball, a copied tree) the commit is "unknown".
set -u
out="$1"; version="$2"; src="$3"
commit=unknown
dirty=unknown
if command -v git >/dev/null 2>&1 && c=$(git -C "$src" rev-parse HEAD 2>/dev/null); then
  commit="$c"
  # Tracked files changed since that commit: the classes are not exactly that commit's.
  if git -C "$src" diff --quiet HEAD -- 2>/dev/null; then dirty=false; else dirty=true; fi
fi
mkdir -p "$(dirname "$out")"
printf 'version=%s\ncommit=%s\ndirty=%s\n' "$version" "$commit" "$dirty" > "$out"
