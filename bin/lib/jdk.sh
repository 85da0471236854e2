# Shared by the bin/ scripts: choose a JDK 21+ and export JAVA_HOME, or explain and exit.

java_major() {  # prints the major version of the java binary $1, or 0
  local v
  v=$("$1" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1)
  v=${v#1.}
  echo "${v%%[.+-]*}" | grep -E '^[0-9]+$' || echo 0
}

find_jdk() {  # prints a JAVA_HOME holding java and javac 21+: $JAVA_HOME if it qualifies, else the newest under /usr/lib/jvm (or $M3SEARCH_JVM_ROOT)
  local candidates=() best="" best_major=0 home major
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  for home in "${M3SEARCH_JVM_ROOT:-/usr/lib/jvm}"/*; do [ -d "$home" ] && candidates+=("$home"); done
  for home in "${candidates[@]}"; do
    [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || continue
    major=$(java_major "$home/bin/java")
    if [ "$major" -ge 21 ]; then
      if [ -n "${JAVA_HOME:-}" ] && [ "$home" = "$JAVA_HOME" ]; then echo "$home"; return 0; fi
      if [ "$major" -gt "$best_major" ]; then best="$home"; best_major=$major; fi
    fi
  done
  [ -n "$best" ] && echo "$best"
}

use_jdk() {  # exports JAVA_HOME (and MAVEN_OPTS for JDK 24+), or exits with one clear sentence
  local jdk
  jdk=$(find_jdk || true)
  if [ -z "$jdk" ]; then
    echo "m3search needs a JDK 21 or newer, and found none in JAVA_HOME or /usr/lib/jvm (install one, e.g. Temurin 21+, or set JAVA_HOME)." >&2
    exit 1
  fi
  export JAVA_HOME="$jdk"
  if [ "$(java_major "$jdk/bin/java")" -ge 24 ]; then
    # Maven's own libraries still use sun.misc.Unsafe; keep JDK 24+'s warnings about it off the screen
    export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
  fi
  if ! command -v mvn >/dev/null 2>&1; then
    echo "m3search needs Apache Maven to build (apt-get install maven)." >&2
    exit 1
  fi
}
