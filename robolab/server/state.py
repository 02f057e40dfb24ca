"""What the routes share: configuration, challenges, database, hub, rate limits."""

from __future__ import annotations

import time
from collections import defaultdict, deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from starlette.requests import HTTPConnection

from robolab.pack import bundled_packs_root
from robolab.server.catalog import Catalog
from robolab.server.db import DB_FILE, Database
from robolab.server.db_problems import ProblemNotices
from robolab.server.fac_keys import FacilitatorKeys
from robolab.server.hub import Hub
from robolab.server.room import RoomControl


@dataclass
class ServerConfig:
    """How to run the server.

    Attributes:
        data_dir: where the database lives (the user's data folder by default, see the CLI).
        pack_roots: folders of challenge packs (``None``: the bundled packs).
        demo: keep an open demo session with every loaded challenge.
        join_limit: joins, resumes and code look-ups per minute and client address.
        keep_days: sessions without activity for this many days are deleted with all their
            data (0: never).
        stuck_minutes: a team trying the same challenge this long without solving it is shown
            as stuck on the dashboard.
        stuck_tries: ... or after this many tries without solving it.
        listen_host: the address the server listens on (the join QR code uses a LAN address
            when it listens on every interface and the facilitator browses on localhost).
    """

    data_dir: Path
    pack_roots: list[Path] | None = None
    demo: bool = False
    join_limit: int = 30
    keep_days: int = 30
    stuck_minutes: float = 5.0
    stuck_tries: int = 5
    listen_host: str | None = None

    @property
    def db_path(self) -> Path:
        return self.data_dir / DB_FILE

    @property
    def user_packs_dir(self) -> Path:
        """Where the level editor saves new packs: ``packs/`` in the data folder."""
        return self.data_dir / "packs"

    @property
    def catalog_roots(self) -> list[Path]:
        """The folders of packs to load: ``pack_roots`` (or the bundled packs), then the
        editor's packs (:attr:`user_packs_dir`) when there are some."""
        roots = list(self.pack_roots or [bundled_packs_root()])
        user = self.user_packs_dir
        if user.is_dir() and all(r.resolve() != user.resolve() for r in roots):
            roots.append(user)
        return roots


class RateLimiter:
    """At most ``limit`` events per ``window`` seconds per key (for example failed resumes per
    client address), so pseudonyms cannot be guessed by trying them all."""

    def __init__(self, limit: int = 30, window: float = 60.0) -> None:
        self.limit = limit
        self.window = window
        self._hits: dict[str, deque[float]] = defaultdict(deque)

    def _recent(self, key: str, now: float) -> deque[float]:
        hits = self._hits[key]
        while hits and hits[0] <= now - self.window:
            hits.popleft()
        return hits

    def full(self, key: str) -> bool:
        """True when ``key`` has used up its hits for now (records nothing)."""
        return key in self._hits and len(self._recent(key, time.monotonic())) >= self.limit

    def allow(self, key: str) -> bool:
        """Records a hit for ``key``; False when over the limit."""
        now = time.monotonic()
        hits = self._recent(key, now)
        if len(hits) >= self.limit:
            return False
        hits.append(now)
        if len(self._hits) > 10_000:  # forget idle keys
            for other in [k for k, v in self._hits.items() if not v]:
                del self._hits[other]
        return True


GUESS_LIMIT = 120
"""Wrong join codes or pseudonyms per minute from every address together: above it, joining
waits a minute for everyone (a room mistypes a few; guessing a 6-digit code takes thousands)."""


@dataclass
class AppState:
    config: ServerConfig
    catalog: Catalog
    db: Database
    hub: Hub
    facilitator_token: str
    """The key of the facilitator link printed at this start (in memory only: the database keeps
    its hash); a new secret link replaces it."""
    limiter: RateLimiter = field(default_factory=RateLimiter)
    room: RoomControl = field(default_factory=RoomControl)
    projector: dict[int, list[int]] = field(default_factory=dict)
    """Per session, the attempts shown big on the projector ("watch this run")."""
    guesses: RateLimiter = field(default_factory=lambda: RateLimiter(GUESS_LIMIT))
    """Wrong join codes and pseudonyms from every address together (one key, ``"all"``)."""
    db_notices: ProblemNotices = field(default_factory=ProblemNotices)
    """Database problems (full disk, lock) already told to the facilitators, and when."""
    keys: FacilitatorKeys = field(default_factory=FacilitatorKeys)
    """The facilitator keys that are good now (``facilitator_token`` among them)."""

    def __post_init__(self) -> None:
        if self.facilitator_token and self.keys.holds(self.facilitator_token) is None:
            self.keys.add(self.facilitator_token)


def app_state(conn: HTTPConnection) -> AppState:
    return cast(AppState, conn.app.state.robolab)
