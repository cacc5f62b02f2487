"""The slow-client guard drops a client that reads an answer too slowly (ASGI, no server)."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

import pytest
from starlette.types import Message, Receive, Scope, Send

from api.http_guard import SlowClientGuard

BODY = b"x" * (20 * SlowClientGuard.CHUNK)


async def _app(scope: Scope, receive: Receive, send: Send) -> None:
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": BODY})


class _FastRateGuard(SlowClientGuard):
    MIN_BYTES_PER_S = 1 << 20  # so that 20 parts must go out in about 1.25 s after the first 0.5 s


def _run(guard: SlowClientGuard, pause_s: float) -> list[int]:
    sent: list[int] = []

    async def trickle(message: Message) -> None:
        if message["type"] == "http.response.body":
            await asyncio.sleep(pause_s)
            sent.append(len(message["body"]))

    async def nothing() -> Message:
        return {"type": "http.disconnect"}

    # A thread of its own: another test may have left an event loop running in this one.
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, guard({"type": "http"}, nothing, trickle)).result()
    return sent


def test_a_reader_taking_each_part_in_time_but_the_whole_too_slowly_is_dropped() -> None:
    with pytest.raises(TimeoutError):
        _run(_FastRateGuard(_app, timeout_s=0.5), pause_s=0.3)  # each part in time, 6 s in all


def test_a_reader_at_the_rate_gets_every_part() -> None:
    assert sum(_run(_FastRateGuard(_app, timeout_s=0.5), pause_s=0.01)) == len(BODY)
