"""The classroom side of the hints engine (:mod:`robolab.hints`, docs/hints.md).

Hints are computed from what the server stored for the team's own attempt: the canonical program
(with the editor's block ids), or the Blockly workspace as sent when it could not be read. Nothing
the tablet says about its run is used. The analysis is language-neutral (an
:class:`~robolab.hints.Advice`), so it is computed once per attempt, kept in a small cache, and
said in the asker's language for each level.

The analysis runs in one thread of its own: a few milliseconds usually, a few tens for a program
that loops until the tick budget runs out, and the event loop keeps serving other tablets
meanwhile. One thread also means the engine's per-challenge distance cache is never filled twice
at the same time.
"""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor

from starlette.requests import HTTPConnection

from robolab.challenge import Challenge
from robolab.hints import Advice, Hint, advise, render
from robolab.hints.levels import Level, make_advice
from robolab.hints.words import Say
from robolab.i18n import Lang
from robolab.server.hints_store import HintTarget
from robolab.server.state import RateLimiter

log = logging.getLogger("robolab.server")

CACHE_SIZE = 512
HINTS_PER_MINUTE = 20
"""Hint requests per team and minute: a teen asks at most three per run, so this only stops a
tablet (or a script) that asks in a loop."""


class HintDesk:
    """Per app: the analyses of recent attempts, the analysis thread and the rate limit."""

    def __init__(self, limit: int = HINTS_PER_MINUTE, cache_size: int = CACHE_SIZE) -> None:
        self.limiter = RateLimiter(limit, 60.0)
        self.cache_size = cache_size
        self._cache: OrderedDict[int, tuple[Challenge, Advice]] = OrderedDict()
        self._executor: ThreadPoolExecutor | None = None

    def allow(self, team_id: int) -> bool:
        return self.limiter.allow(f"team:{team_id}")

    async def advice(self, challenge: Challenge, target: HintTarget) -> Advice:
        """The analysis of the attempt (cached per attempt and challenge object)."""
        cached = self._cache.get(target.attempt_id)
        if cached is not None and cached[0] is challenge:
            self._cache.move_to_end(target.attempt_id)
            return cached[1]
        if self._executor is None:
            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="robolab-hints")
        loop = asyncio.get_running_loop()
        advice = await loop.run_in_executor(self._executor, analyse, challenge, target)
        self._cache[target.attempt_id] = (challenge, advice)
        while len(self._cache) > self.cache_size:
            self._cache.popitem(last=False)
        return advice

    async def hint(
        self, challenge: Challenge, target: HintTarget, level: int, lang: Lang
    ) -> tuple[Hint, bool]:
        """The hint of ``level``, and whether a higher level says something else (for a program
        that cannot run, every level gives the same message)."""
        advice = await self.advice(challenge, target)
        hint = render(advice, level, lang)
        same = (hint.text, hint.block_id, hint.action)
        more = any(
            (h.text, h.block_id, h.action) != same
            for h in (render(advice, higher, lang) for higher in range(level + 1, 4))
        )
        return hint, more


def analyse(challenge: Challenge, target: HintTarget) -> Advice:
    """The engine's advice for a stored attempt; never raises."""
    if target.program is not None:
        source = target.program
    elif target.workspace is not None:
        source = target.workspace  # a program that could not be read: the engine says why
    else:
        return _stored_error(challenge, target.error)
    try:
        return advise(challenge, source)
    except Exception:  # the engine never raises for a bad program; a bug must not be a 500
        log.exception("hints failed for attempt %s on %s", target.attempt_id, challenge.id)
        return _stored_error(challenge, target.error)


def _stored_error(challenge: Challenge, error: dict[str, object] | None) -> Advice:
    """The run's own error message at every level (a program sent neither as canonical JSON nor
    as a workspace and that could not be read: only its error was kept)."""
    error = error or {}
    message = str(error.get("message") or "")
    block_id = error.get("id")
    number = error.get("number")
    level = Level(
        (Say("run.invalid", why={"fr": message, "en": message}),),
        number if isinstance(number, int) else None,
        block_id if isinstance(block_id, str) else None,
    )
    return make_advice(challenge, "invalid", (level, level, level))


def hint_desk(conn: HTTPConnection) -> HintDesk:
    """The app's :class:`HintDesk` (made on first use)."""
    state = conn.app.state
    desk = getattr(state, "robolab_hints", None)
    if not isinstance(desk, HintDesk):
        desk = HintDesk()
        state.robolab_hints = desk
    return desk
