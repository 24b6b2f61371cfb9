#!/usr/bin/env bash
# javac with -Werror's effect for every warning but one, for this module's compiles: the SIMD
# kernels import jdk.incubator.vector, and JDK 17's javac always warns "using incubating module(s)"
# when that module is resolved, with no -Xlint key to turn it off (-Xlint:-incubating exists from
# JDK 22, JDK-8187591), so plain -Werror would fail every build. Any other warning fails the compile.
set -uo pipefail
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then javac="$JAVA_HOME/bin/javac"; else javac=javac; fi
out=$("$javac" "$@" 2>&1)
rc=$?
[ -n "$out" ] && printf '%s\n' "$out"
[ "$rc" -ne 0 ] && exit "$rc"
if printf '%s\n' "$out" | grep -v 'warning: using incubating module(s)' | grep -q 'warning:'; then
  echo "error: warnings found (only the incubating-module warning is allowed here)" >&2
  exit 1
fi
exit 0
