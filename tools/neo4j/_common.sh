# Shared by ./start and ./import (sourced, not executed): build on demand, then exec the JVM.
# shellcheck shell=bash

NEO4J_TOOL_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

# Rebuild when the build output is missing or older than the pom or any source file.
neo4j_is_built() {
    local dir="$NEO4J_TOOL_DIR" stamp="$NEO4J_TOOL_DIR/target/.built"
    [[ -f "$stamp" && -d "$dir/target/lib" && -f "$dir/target/classes/ecokg/neo4j/Neo4jServer.class" ]] &&
        [[ -z "$(find "$dir/pom.xml" "$dir/src" -newer "$stamp" -print -quit)" ]]
}

neo4j_build_if_needed() {
    local dir="$NEO4J_TOOL_DIR" stamp="$NEO4J_TOOL_DIR/target/.built"
    neo4j_is_built && return 0
    mkdir -p "$dir/target"
    (
        # Two servers started at once (e.g. parallel CI jobs) must not build into the same target/ together.
        flock 9
        neo4j_is_built && exit 0 # another process built it while we waited
        echo "neo4j: building $dir (first run resolves Neo4j into ~/.m2) ..." >&2
        local mvn=(mvn -q -B -Dstyle.color=never -f "$dir/pom.xml" package -DskipTests)
        # Offline first (works without network once ~/.m2 is filled), online as fallback.
        # Maven -q prints errors on stdout: keep them off our stdout (which carries the ready line).
        if ! "${mvn[@]}" -o >/dev/null 2>&1; then
            "${mvn[@]}" >&2 || { echo "neo4j: maven build failed" >&2; exit 1; }
        fi
        touch "$stamp"
    ) 9>"$dir/target/.build.lock"
}

# JVM flags: the subset of the server.jvm.additional defaults in Neo4j 5.26's packaged conf/neo4j.conf
# that matters for an embedded, non-production server (plus -Dfile.encoding=UTF-8, which Neo4j's
# bootloader adds itself). Left out on purpose: -XX:+AlwaysPreTouch (slow start), -XX:+TrustFinalNonStaticFields
# (neo4j.conf says to disable it in embedded mode), and the profiling-only flight-recorder/safepoint flags.
neo4j_java_cmd() {
    local java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
    NEO4J_JAVA_CMD=(
        "$java"
        # Heap: initial = max, as Neo4j recommends (it warns otherwise); not pre-touched, so cheap.
        "-Xms${NEO4J_HEAP:-1g}" "-Xmx${NEO4J_HEAP:-1g}"
        -XX:+UseG1GC
        -XX:-OmitStackTraceInFastThrow
        -XX:+DisableExplicitGC
        -Djdk.nio.maxCachedBufferSize=1024
        -Dio.netty.tryReflectionSetAccessible=true
        -Djdk.tls.ephemeralDHKeySize=2048
        -Djdk.tls.rejectClientInitiatedRenegotiation=true
        --add-opens=java.base/java.nio=ALL-UNNAMED
        --add-opens=java.base/java.io=ALL-UNNAMED
        --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
        --enable-native-access=ALL-UNNAMED
        -Dlog4j2.disable.jmx=true
        -Dlog4j.layout.jsonTemplate.maxStringLength=32768
        -Dfile.encoding=UTF-8
        ${NEO4J_JAVA_OPTS:-}   # extra JVM flags, word-split on purpose (e.g. "-XX:TieredStopAtLevel=1")
        -cp "$NEO4J_TOOL_DIR/target/classes:$NEO4J_TOOL_DIR/target/lib/*"
        ecokg.neo4j.Neo4jServer
    )
}
