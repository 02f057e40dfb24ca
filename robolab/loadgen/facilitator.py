"""The facilitator of a load test, over HTTP: the session, the robots, the queue, messages."""

from __future__ import annotations

import asyncio
import contextlib
import time
from typing import Any

from robolab.loadgen.httpclient import Answer, HttpClient
from robolab.loadgen.metrics import Metrics, timed
from robolab.server.guard import csrf_token


class FacilitatorError(RuntimeError):
    """A facilitator action the load test needs failed (the message says which and why)."""


class Facilitator:
    """The facilitator's laptop: the cookie, the CSRF header, and the actions a load test needs."""

    def __init__(self, host: str, port: int, token: str, metrics: Metrics) -> None:
        self.host = host
        self.port = port
        self.token = token
        self.metrics = metrics
        self.http = HttpClient(host, port, timeout=30.0)

    def _headers(self) -> dict[str, str]:
        return {
            "Cookie": f"robolab_facilitator={self.token}",
            "X-RoboLab-CSRF": csrf_token(self.token),
            "Origin": f"http://{self.host}:{self.port}",
        }

    async def call(
        self, name: str, method: str, path: str, body: Any = None, ok: tuple[int, ...] = (200,)
    ) -> Answer | None:
        """One request, timed as ``facilitator.<name>``; ``None`` when it failed (an error)."""
        return await timed(
            self.metrics, self.http, f"facilitator.{name}", method, path, body, self._headers(), ok
        )

    async def must(
        self, name: str, method: str, path: str, body: Any = None, ok: tuple[int, ...] = (200,)
    ) -> Any:
        answer = await self.call(name, method, path, body, ok)
        if answer is None:
            raise FacilitatorError(f"{method} {path} failed")
        return answer.json()

    async def create_session(self, title: str, challenges: list[str]) -> tuple[int, str]:
        """A new session with every challenge open; returns its id and join code."""
        body = {"title": title, "challenges": [{"id": c, "access": "open"} for c in challenges]}
        made = await self.must("create", "POST", "/api/facilitator/sessions", body, ok=(201,))
        session = made.get("session", made)
        return int(session["id"]), str(session["code"])

    async def team_ids(self, session_id: int) -> dict[tuple[str, str], int]:
        """The session's teams by pseudonym (animal, colour), from the dashboard's snapshot."""
        snap = await self.must("snapshot", "GET", f"/api/facilitator/sessions/{session_id}")
        return {(t["animal"], t["color"]): int(t["id"]) for t in snap["teams"]}

    async def ready_robots(self, count: int, timeout: float = 30.0) -> list[str]:
        """The ids of ``count`` connected robots (waits until they are ready)."""
        deadline = time.perf_counter() + timeout
        while True:
            fleet = await self.must("robots", "GET", "/api/facilitator/robots")
            ready = [r["id"] for r in fleet["robots"] if r["link"] == "ready"]
            if len(ready) >= count or time.perf_counter() > deadline:
                return sorted(ready)[:count]
            await asyncio.sleep(0.2)

    async def assign(self, robot_id: str, session_id: int, team_id: int) -> None:
        body = {"session": session_id, "team": team_id}
        await self.must("assign", "POST", f"/api/facilitator/robots/{robot_id}/team", body)

    async def approve_forever(self, session_id: int, stop: asyncio.Event, every: float) -> None:
        """Starts every waiting program, as a facilitator watching the queue would."""
        path = f"/api/facilitator/sessions/{session_id}/robot-jobs"
        while not stop.is_set():
            answer = await self.call("jobs", "GET", path)
            if answer is not None:
                for job in answer.json()["jobs"]:
                    if job["status"] == "waiting":
                        # 409: the robot is not ready yet, or busy: try again on the next round
                        await self.call(
                            "approve", "POST", f"{path}/{job['id']}/approve", {}, ok=(200, 409)
                        )
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), every)

    async def message(self, session_id: int, text: str) -> None:
        await self.call(
            "message",
            "POST",
            f"/api/facilitator/sessions/{session_id}/messages",
            {"text": text},
            ok=(201,),
        )

    async def export(self, session_id: int) -> dict[str, Any]:
        result: dict[str, Any] = await self.must(
            "export", "GET", f"/api/facilitator/sessions/{session_id}/export.json"
        )
        return result

    def close(self) -> None:
        self.http.close()
