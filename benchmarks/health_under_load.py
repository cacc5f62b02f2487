"""``/healthz`` and cheap reads while heavy console statements queue, against a real ``ecokg serve``; and
the server's memory after 1,000 mixed requests (prints tables; not a test).

Heavy statements (each a 300-million-element UNWIND that runs until the time limit) are sent by 64
clients at once and again as each returns, so the two console workers stay busy and the rest
queue for a console slot. Meanwhile one client times ``/healthz``, ``/api/meta`` and
``/api/search``. The same probes run first on the idle server, side by side.

Run: ``python benchmarks/health_under_load.py [--heavy 64] [--samples 300] [--data-dir DIR]``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import header, percentile, table  # noqa: E402
from tests.serving import serve_process  # noqa: E402

HEAVY = {"query": "UNWIND range(1, 300000000) AS x RETURN sum(x)", "timeout_ms": 5000}
PROBES = ["/healthz", "/api/meta", "/api/search?q=优必选"]
MIXED = ["/api/search?q=机器人", "/api/entities/ubtech", "/api/entities/ubtech/ego?depth=2",
         "/api/entities/leju/ego?depth=1", "/api/paths?source=limx-dynamics&target=cuhk-shenzhen",
         "/api/queries/centre_leaders", "/api/queries/company_rounds?company=逐际动力", "/healthz",
         "/api/meta", "/entity/ubtech", "/static/ecokg.js"]


def rss_mb(pid: int) -> float:
    """Resident memory of a process in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def timings(client: httpx.Client, path: str, samples: int) -> list[float]:
    out = []
    for _ in range(samples):
        started = time.perf_counter()
        response = client.get(path)
        out.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--heavy", type=int, default=64, help="clients sending heavy statements")
    parser.add_argument("--samples", type=int, default=300, help="timed requests per probe")
    parser.add_argument("--data-dir", type=Path, default=None, help="database directory (a temporary one)")
    args = parser.parse_args()
    header(f"health under load: {args.heavy} clients of heavy console statements")
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="ecokg-bench-"))
    with serve_process(data_dir) as (url, process), httpx.Client(base_url=url, timeout=60) as client:
        for path in PROBES:
            timings(client, path, 20)  # warm
        idle = {path: timings(client, path, args.samples) for path in PROBES}
        stop = threading.Event()
        answers: dict[int, int] = {}
        lock = threading.Lock()

        def hammer() -> None:
            with httpx.Client(base_url=url, timeout=60) as own:
                while not stop.is_set():
                    code = own.post("/api/cypher", json=HEAVY).status_code
                    with lock:
                        answers[code] = answers.get(code, 0) + 1

        threads = [threading.Thread(target=hammer, daemon=True) for _ in range(args.heavy)]
        for thread in threads:
            thread.start()
        time.sleep(2)  # until the workers are busy and the rest queue
        loaded = {path: timings(client, path, args.samples) for path in PROBES}
        stop.set()
        for thread in threads:
            thread.join(timeout=30)
        rows = []
        for path in PROBES:
            for state, values in (("idle", idle[path]), ("64 heavy queued", loaded[path])):
                rows.append([path, state, len(values), f"{percentile(values, 50):.1f}",
                             f"{percentile(values, 99):.1f}", f"{max(values):.1f}"])
        table(["request", "server", "n", "p50 ms", "p99 ms", "max ms"], rows)
        print(f"heavy statements answered while timed: {dict(sorted(answers.items()))} (504: time limit "
              "or no console slot free within the queue time)")

        # Memory: 1,000 mixed requests after start-up.
        before = rss_mb(process.pid)
        for i in range(1000):
            assert client.get(MIXED[i % len(MIXED)]).status_code == 200
        after = rss_mb(process.pid)
        table(["server RSS", "MB"], [["after start-up and the load above", f"{before:.0f}"],
                                     ["after 1,000 mixed requests", f"{after:.0f}"],
                                     ["growth", f"{after - before:+.0f}"]])
        print("bound: the ego answer cache (ECOKG_CACHE_MB, default 64) and the export cache "
              "(four formats, at most 64 MB each); the server process holds no database pages.")


if __name__ == "__main__":
    main()
