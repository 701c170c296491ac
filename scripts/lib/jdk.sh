# Shared by ./ferry and scripts/*: picks a JDK >= 21 and runs Maven with it.

ferry_java_major() { # JAVA_HOME -> major version, or nothing
  local release="$1/release"
  [ -f "$release" ] || return 1
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release"
}

ferry_find_jdk() {
  local candidate major
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] || continue
    major="$(ferry_java_major "$candidate")" || continue
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      echo "$candidate"
      return 0
    fi
  done
  echo "ferry: no JDK >= 21 found (looked at JAVA_HOME and /usr/lib/jvm/*); install one, e.g. apt-get install -y openjdk-21-jdk-headless, or set JAVA_HOME" >&2
  return 1
}

ferry_mvn() {
  # Maven's own Guava touches sun.misc.Unsafe, which JDK 24+ warns about on every run.
  local opts="${MAVEN_OPTS:-}"
  if [ "$(ferry_java_major "$JAVA_HOME")" -ge 24 ]; then
    opts="$opts --sun-misc-unsafe-memory-access=allow"
  fi
  MAVEN_OPTS="$opts" mvn "$@"
}
