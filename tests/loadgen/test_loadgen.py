"""The load generator's parts: percentiles, outage windows, back-off, its HTTP client, its plan
checks and its command (a tiny real run through ``robolab loadtest``)."""

from __future__ import annotations

import asyncio
import json
import math
import random
import subprocess
import sys
from pathlib import Path

import pytest

from robolab.loadgen import LoadConfig
from robolab.loadgen.actors import backoff, tablet_address
from robolab.loadgen.httpclient import HttpClient, HttpError
from robolab.loadgen.metrics import Metrics, Series, percentile

ROOT = Path(__file__).resolve().parents[2]


def test_percentiles_are_nearest_rank() -> None:
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 50) == 50.0
    assert percentile(values, 99) == 99.0
    assert percentile([3.0], 99) == 3.0
    assert math.isnan(percentile([], 50))
    series = Series.of("run", [0.001, 0.002, 0.100])
    assert (series.count, series.p50, series.max) == (3, 2.0, 100.0)


def test_failures_while_the_server_was_down_on_purpose_are_not_errors() -> None:
    metrics = Metrics()
    metrics.outage_begins(10.0)
    metrics.unreachable("http.run", "refused", 10.5, 10.6)  # during the outage
    metrics.unreachable("http.run", "reset", 9.0, 10.1)  # in flight when it was killed
    metrics.outage_ends(11.0)
    metrics.unreachable("http.run", "refused", 12.0, 12.1)  # after: a real error
    assert metrics.counters["outage.http.run"] == 2
    assert metrics.errors["http.run"] == 1
    assert metrics.samples["http.run"] == ["refused"]


def test_reconnections_back_off_with_jitter_up_to_8_seconds() -> None:
    rng = random.Random(1)
    delays = [backoff(n, rng) for n in range(12)]
    assert 0.125 <= delays[0] <= 0.25
    assert all(4.0 <= d <= 8.0 for d in delays[6:])
    addresses = {tablet_address(i) for i in range(240)}
    assert len(addresses) == 240 and all(a.startswith("127.0.") for a in addresses)


@pytest.mark.parametrize(
    "bad",
    [
        {"tablets": 0},
        {"tablets": 241},
        {"robots": 5, "tablets": 3},
        {"seconds": 601},
        {"run_every": 0},
        {"kill_at": 5.0, "seconds": 5.0},
    ],
)
def test_plans_are_bounded(bad: dict[str, float]) -> None:
    with pytest.raises(ValueError):
        LoadConfig(**bad).check()  # type: ignore[arg-type]


def test_the_http_client_keeps_its_connection_and_reopens_a_stale_one() -> None:
    async def scenario() -> tuple[list[int], list[str], int]:
        peers: list[str] = []
        connections = 0

        async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            nonlocal connections
            connections += 1
            peers.append(writer.get_extra_info("peername")[0])
            await reader.readuntil(b"\r\n\r\n")
            body = b'{"n":1}'
            writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body))
            await writer.drain()
            writer.close()  # as a server closing an idle keep-alive connection

        server = await asyncio.start_server(serve, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        client = HttpClient("127.0.0.1", port, local_host="127.0.3.7", timeout=5)
        statuses = []
        for _ in range(3):
            statuses.append((await client.request("GET", "/x")).status)
            await asyncio.sleep(0.05)
        client.close()
        server.close()
        await server.wait_closed()
        with pytest.raises(HttpError):
            await HttpClient("127.0.0.1", port, timeout=1).request("GET", "/")
        return statuses, peers, connections

    statuses, peers, connections = asyncio.run(scenario())
    assert statuses == [200, 200, 200]
    assert set(peers) == {"127.0.3.7"}  # each tablet from its own address
    assert connections == 3


def test_the_command_plays_a_tiny_room_and_reports_in_json(tmp_path: Path) -> None:
    cmd = [sys.executable, "-m", "robolab", "loadtest", "--tablets", "3", "--dashboards", "1"]
    cmd += ["--robots", "1", "--seconds", "1.5", "--warmup", "0", "--json"]
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=120, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    report = json.loads(done.stdout)
    assert report["goals_met"] is True
    assert report["errors"] == {} and report["lost_attempts"] == []
    assert report["series"]["run"]["count"] > 0
    assert report["server"]["connections"] == 3 * 2 + 1
    refused = subprocess.run(
        [sys.executable, "-m", "robolab", "loadtest", "--tablets", "0"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert refused.returncode == 2
    assert "tablets: 1 to 240" in refused.stdout
    assert "Traceback" not in refused.stdout + refused.stderr
