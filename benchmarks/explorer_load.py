"""Load test: the explorer's API mix against a real ``ecokg serve`` over loopback, with wrk.

    python benchmarks/explorer_load.py [--duration 60] [--connections 64] [--threads 2] [--data DIR]

Starts ``ecokg serve`` on a free port over a fresh embedded database built from ``data/`` (or
``--data``), then runs ``wrk`` (Debian package ``wrk``) with a Lua script that cycles through
the requests the explorer's pages make — search, entity detail, ego networks at depth 1 and 2,
paths to innovation centres, canned queries, metadata and console Cypher — and prints a table
with the machine, package versions, the command, throughput, latency percentiles, the error
count and the server's peak resident memory.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from importlib.metadata import version
from pathlib import Path
from urllib.parse import quote, urlencode

REPO = Path(__file__).resolve().parents[1]
# (weight, method, path, JSON body): the explorer's calls, in the proportions a session makes them.
MIX: list[tuple[int, str, str, dict[str, object] | None]] = [
    (6, "GET", "/api/search?" + urlencode({"q": "机器人"}), None),
    (4, "GET", "/api/search?" + urlencode({"q": "優必選"}), None),
    (4, "GET", "/api/search?" + urlencode({"q": "创新中心"}), None),
    (4, "GET", "/api/entities/ubtech", None),
    (3, "GET", "/api/entities/" + quote("乐聚机器人"), None),
    (6, "GET", "/api/entities/ubtech/ego?depth=1", None),
    (4, "GET", "/api/entities/huawei/ego?depth=2", None),
    (3, "GET", "/api/entities/leju/ego?depth=2&types=" + quote("牵头,合作"), None),
    (3, "GET", "/api/paths/to-label?" + urlencode({"source": "leju", "label": "InnovationCenter"}), None),
    (2, "GET", "/api/paths?" + urlencode({"source": "limx-dynamics", "target": "cuhk-shenzhen"}), None),
    (2, "GET", "/api/queries", None),
    (3, "GET", "/api/queries/centre_leaders", None),
    (2, "GET", "/api/queries/company_centres?" + urlencode({"company": "乐聚机器人"}), None),
    (2, "GET", "/api/queries/most_connected?limit=20", None),
    (2, "GET", "/api/meta", None),
    (2, "POST", "/api/cypher", {"query": "MATCH (c:Company)-[r:融资]->(f:FundingRound) "
                                         "RETURN c.name, f.name LIMIT 20"}),
]


def lua_script(mix: list[tuple[int, str, str, dict[str, object] | None]]) -> str:
    """A wrk script that sends the mix round-robin, by weight."""
    entries = []
    for weight, method, path, body in mix:
        payload = json.dumps(body, ensure_ascii=False) if body is not None else ""
        entry = (f'{{method = "{method}", path = {json.dumps(path)}, body = {json.dumps(payload)}}}')
        entries.extend([entry] * weight)
    return (
        "local requests = {\n  " + ",\n  ".join(entries) + "\n}\n"
        "local i = 0\n"
        "request = function()\n"
        "  i = i % #requests + 1\n"
        "  local r = requests[i]\n"
        "  local headers = {}\n"
        '  if r.body ~= "" then headers["Content-Type"] = "application/json" end\n'
        '  return wrk.format(r.method, r.path, headers, r.body ~= "" and r.body or nil)\n'
        "end\n"
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_up(url: str, server: subprocess.Popen[bytes], seconds: float = 300) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"ecokg serve exited with {server.returncode}")
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("ecokg serve did not come up")


def check_mix(url: str) -> None:
    """Every request of the mix answers 2xx before the load starts (so errors mean load)."""
    for _, method, path, body in MIX:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(url + path, data=data, method=method,
                                         headers={"Content-Type": "application/json"} if data else {})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                response.read()
        except urllib.error.HTTPError as exc:
            raise SystemExit(f"{method} {path}: {exc.code} {exc.read().decode()[:300]}") from None


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def parse_wrk(output: str) -> dict[str, str]:
    """The figures of wrk's summary (with ``--latency``)."""
    found: dict[str, str] = {}
    patterns = {
        "requests": r"(\d+) requests in", "rps": r"Requests/sec:\s+([\d.]+)",
        "p50": r"\s50%\s+([\d.]+\w+)", "p75": r"\s75%\s+([\d.]+\w+)", "p90": r"\s90%\s+([\d.]+\w+)",
        "p99": r"\s99%\s+([\d.]+\w+)", "non2xx": r"Non-2xx or 3xx responses: (\d+)",
        "socket": r"Socket errors: (.+)",
    }
    for key, pattern in patterns.items():
        match = re.search(pattern, output)
        found[key] = match.group(1).strip() if match else ("0" if key in ("non2xx", "socket") else "?")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=int, default=60, help="seconds of load")
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--data", type=Path, default=REPO / "data", help="curated data directory")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk not found: apt-get install wrk")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory(prefix="ecokg-load-") as tmp:
        env = dict(os.environ, ECOKG_DATA_DIR=tmp, ECOKG_CURATED_DIR=str(args.data))
        server = subprocess.Popen([sys.executable, "-c", "from api.cli import main; main()", "serve",
                                   "--port", str(port)], cwd=REPO, env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_until_up(url, server)
            check_mix(url)
            script = Path(tmp) / "mix.lua"
            script.write_text(lua_script(MIX), encoding="utf-8")
            wrk = ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{args.duration}s", "--latency",
                   "-s", str(script), url]
            load_before = os.getloadavg()[0]
            output = subprocess.run(wrk, capture_output=True, text=True, check=True).stdout
            rss = peak_rss_mb(server.pid)
        finally:
            server.terminate()
            server.wait(timeout=30)
    figures = parse_wrk(output)
    print(f"command: python {' '.join(sys.argv)}")
    print(f"machine: {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"load average before the run {load_before:.2f}")
    wrk_version = subprocess.run(["wrk", "--version"], capture_output=True, text=True).stdout.split()[1]
    print(f"packages: ladybug {version('ladybug')}, fastapi {version('fastapi')}, "
          f"uvicorn {version('uvicorn')}, wrk {wrk_version}")
    print(f"load: wrk {' '.join(wrk[1:-3])} over {len(MIX)} distinct requests "
          f"(search, entity, ego depth 1 and 2, paths, canned queries, meta, Cypher)")
    print()
    rows = [("requests", figures["requests"]), ("requests/s", figures["rps"]),
            ("latency p50", figures["p50"]), ("latency p90", figures["p90"]), ("latency p99", figures["p99"]),
            ("non-2xx responses", figures["non2xx"]), ("socket errors", figures["socket"]),
            ("server peak RSS", f"{rss:.0f} MB")]
    print(f"| {'measure':<20} | {'value':>40} |")
    print(f"|{'-' * 22}|{'-' * 42}|")
    for name, value in rows:
        print(f"| {name:<20} | {value:>40} |")


if __name__ == "__main__":
    main()
