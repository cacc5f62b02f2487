#!/usr/bin/env bash
# Reproduce every table of BENCHMARKS.md: synthesise the graphs, load, query, ego view, service.
#
#   benchmarks/run_all.sh [WORKDIR] [PYTHON]        (defaults: ./bench-work, python3)
#
# Sizes follow issue 7: 100k and 1M nodes (5 relationships per node). Set SIZES="100000" for a
# quick run. Needs wrk (Debian: apt-get install wrk) for the service table. Output goes to
# WORKDIR/results.md (tables as printed) besides the terminal. On the 2-core reference machine a
# full run takes about 45 minutes and ~10 GB of RAM at its peak (the 1M-node load).
set -uo pipefail
cd "$(dirname "$0")/.."
WORK="${1:-bench-work}"
PY="${2:-python3}"
SIZES="${SIZES:-100000 1000000}"
RUNS="${RUNS:-200}"
mkdir -p "$WORK"
OUT="$WORK/results.md"
: > "$OUT"
log() { tee -a "$OUT"; }
# A failing benchmark (e.g. killed for memory) is recorded and the run goes on.
run() { "$@" 2>&1 | log; local rc=${PIPESTATUS[0]}; [ "$rc" = 0 ] || echo "**FAILED (exit $rc): $***" | log; }

for n in $SIZES; do
  data="$WORK/synth-$n"
  if [ ! -f "$data/sources.yaml" ]; then
    "$PY" -c "from api.cli import main; main()" synth --nodes "$n" --seed 7 --out "$data" > "$WORK/synth-$n.txt"
  fi
  echo "synthetic graph $n: $(tail -n 1 "$WORK/synth-$n.txt")" | log
  # Load benchmark; keeps the database it built for the other benchmarks.
  run "$PY" benchmarks/load_embedded.py --data "$data" --workdir "$WORK" --keep "$WORK/db-$n.lbug"
done

for n in $SIZES; do
  # Whole-graph queries can take seconds: cap each query's warm runs at 45 s. policy_overview
  # over every policy ran out of memory at 1M nodes on 24 GB (the process was killed), so it
  # runs on its own, allowed to fail, after the others.
  run "$PY" benchmarks/queries.py --db "$WORK/db-$n.lbug" --runs "$RUNS" --budget 45 --cold 3 \
    --skip "policy_overview (all)"
  run "$PY" benchmarks/queries.py --db "$WORK/db-$n.lbug" --runs "$RUNS" --budget 45 --cold 3 \
    --only "policy_overview (all)"
  run "$PY" benchmarks/ego_view.py --db "$WORK/db-$n.lbug" --runs "$RUNS"
done

largest="${SIZES##* }"
run "$PY" benchmarks/service.py --db "$WORK/db-$largest.lbug" --data "$WORK/synth-$largest" \
  --duration 30 --connections 64 --entities 100 \
  --server-env ECOKG_TIMEOUT_MS=60000
echo "results in $OUT"
