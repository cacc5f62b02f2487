"""Benchmark: the HTTP service under load (wrk, 64 connections, loopback) and its peak memory.

    python benchmarks/service.py --db FILE --data DIR [--duration 30] [--connections 64]

Starts ``ecokg serve`` on the database (read-only, one process), waits for ``/healthz``, then:

1. warms the ego-response cache over the entity set: ``--entities`` ids (the ten highest-degree
   entities plus a uniform sample), each asked once, untimed (the statuses are shown);
2. ``wrk`` for ``--duration`` seconds at ``--connections`` connections on
   ``/api/entities/{id}/ego?depth=N`` (default 1, the endpoint's default) with the id drawn at
   random from that set per request;
3. the same on a canned query, ``/api/queries/company_rounds?company={id}`` over companies
   (canned queries are not cached: each request runs the query);

and reads the server's peak resident set size (``VmHWM``) after start-up and at the end.
Errors are non-2xx answers plus socket errors (connect, read, write, time-out), as wrk counts.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from common import ROOT, header, met, table

from graph.stores.embedded import open_store


def vm_kb(pid: int, field: str) -> int:
    """A ``/proc/PID/status`` memory field in kB (VmRSS, VmHWM)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def entity_ids(db: Path, n: int, seed: int) -> tuple[list[str], list[str]]:
    """(mixed entity ids with the hubs first, company ids) drawn from the database."""
    store = open_store(db)
    try:
        hubs = [r[0] for r in store.query(
            "MATCH (n) RETURN n.id AS id ORDER BY n.degree DESC, id LIMIT 10",
            max_rows=10, timeout_ms=600_000).rows]
        ids = [r[0] for r in store.query("MATCH (n) RETURN n.id", max_rows=100_000_000).rows]
        companies = [r[0] for r in store.query("MATCH (n:Company) RETURN n.id", max_rows=100_000_000).rows]
    finally:
        store.close()
    r = random.Random(seed)
    return hubs + r.sample(ids, max(0, n - len(hubs))), r.sample(companies, min(1000, len(companies)))


def lua_script(paths: list[str], out: Path) -> Path:
    """A wrk script that requests one of ``paths`` at random per request."""
    quoted = ",\n".join('"' + p.replace('"', '\\"') + '"' for p in paths)
    out.write_text("local paths = {\n" + quoted + "\n}\nmath.randomseed(7)\n"
                   "request = function()\n  return wrk.format(\"GET\", paths[math.random(#paths)])\nend\n")
    return out


def run_wrk(url: str, script: Path, duration: int, connections: int, threads: int) -> dict[str, float]:
    """Run wrk; requests/s, latency percentiles (ms) and the error count."""
    out = subprocess.run(["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency",
                          "--timeout", "10s", "-s", str(script), url],
                         capture_output=True, text=True, check=True).stdout
    result: dict[str, float] = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1]),  # type: ignore[index]
                                "requests": float(re.search(r"(\d+) requests in", out)[1])}  # type: ignore[index]
    for q in ("50", "90", "99"):
        m = re.search(rf"^\s+{q}%\s+([\d.]+)(us|ms|s)\s*$", out, re.MULTILINE)
        if m:
            scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[m[2]]
            result[f"p{q}"] = float(m[1]) * scale
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    result["errors"] = ((int(non2xx[1]) if non2xx else 0)
                        + (sum(int(x) for x in sockets.groups()) if sockets else 0))
    print(out)
    return result


def get(url: str) -> int:
    """The HTTP status of a GET (errors included)."""
    try:
        with urllib.request.urlopen(url, timeout=600) as response:
            response.read()
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--data", type=Path, required=True, help="the data directory it was built from")
    parser.add_argument("--duration", type=int, default=30)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--entities", type=int, default=100)
    parser.add_argument("--depth", type=int, default=1, help="ego depth (the endpoint's default: 1)")
    parser.add_argument("--server-env", action="append", default=[],
                        help="ECOKG_*=value for the server, repeatable")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed (Debian: apt-get install wrk)")
    header(f"Service — ecokg serve on {args.db.name}")
    ids, companies = entity_ids(args.db, args.entities, args.seed)
    base = f"http://127.0.0.1:{args.port}"
    env = {**os.environ, "PYTHONUNBUFFERED": "1",
           **dict(item.split("=", 1) for item in args.server_env)}
    log = Path(tempfile.mkstemp(prefix="ecokg-serve-", suffix=".log")[1])
    started = time.perf_counter()
    with log.open("w") as out:
        server = subprocess.Popen([sys.executable, "-c", "from api.cli import main; main()", "serve",
                                   "--db", str(args.db), "--data", str(args.data), "--port", str(args.port)],
                                  cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        while True:
            if server.poll() is not None:
                sys.exit(f"the server stopped:\n{log.read_text()}")
            try:
                get(f"{base}/healthz")
                break
            except OSError:
                time.sleep(0.5)
        ready = time.perf_counter() - started
        rss_start = vm_kb(server.pid, "VmRSS")
        print(f"server ready after {ready:.1f} s (RSS {rss_start / 1024:.0f} MB); server settings: "
              f"{' '.join(args.server_env) or 'defaults'}", flush=True)
        ego_paths = [f"/api/entities/{i}/ego?depth={args.depth}" for i in ids]
        t = time.perf_counter()
        with ThreadPoolExecutor(2) as pool:
            statuses = list(pool.map(lambda p: get(base + p), ego_paths))
        warm = time.perf_counter() - t
        work = Path(tempfile.mkdtemp(prefix="ecokg-wrk-"))
        print(f"cache warmed over "
              f"{len(ego_paths)} ego requests in {warm:.1f} s ({warm / len(ego_paths) * 1000:.0f} ms each "
              f"on average, statuses {sorted(set(statuses))})")
        print()
        ego = run_wrk(base, lua_script(ego_paths, work / "ego.lua"), args.duration, args.connections,
                      args.threads)
        query_paths = [f"/api/queries/company_rounds?company={c}" for c in companies]
        canned = run_wrk(base, lua_script(query_paths, work / "query.lua"), args.duration,
                         args.connections, args.threads)
        peak = vm_kb(server.pid, "VmHWM")
        rows = []
        ego_name = f"`/api/entities/{{id}}/ego?depth={args.depth}` (cached)"
        for name, r, distinct in ((ego_name, ego, len(ego_paths)),
                                  ("`/api/queries/company_rounds?company={id}`", canned, len(query_paths))):
            rows.append([name, f"{distinct}", f"{r['requests']:,.0f}", f"{r['rps']:,.0f}", f"{r['p50']:.1f}",
                         f"{r['p99']:.1f}", f"{r['errors']:.0f}"])
        table(["endpoint", "distinct URLs", "requests", "requests/s", "p50 ms", "p99 ms", "errors"], rows)
        table(["target", "measured", "met?"], [
            ["ego endpoint ≥ 1,000 requests/s", f"{ego['rps']:,.0f}",
             "yes" if ego["rps"] >= 1000 else "**no**"],
            ["ego endpoint p99 ≤ 100 ms", f"{ego['p99']:.1f} ms", met(ego["p99"], 100)],
            ["ego endpoint errors = 0", f"{ego['errors']:.0f}", "yes" if ego["errors"] == 0 else "**no**"],
            ["server peak RSS ≤ 2 GB", f"{peak / 1024 / 1024:.2f} GB", met(peak / 1024 / 1024, 2.0)],
        ])
        print(f"server: ready in {ready:.1f} s; RSS after start {rss_start / 1024:.0f} MB; "
              f"peak RSS (VmHWM) {peak / 1024:.0f} MB")
    finally:
        server.terminate()
        server.wait(timeout=60)


if __name__ == "__main__":
    main()
