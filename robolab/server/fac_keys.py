"""The facilitator's secret links, kept as SHA-256 hashes only (``facilitator_keys``).

A facilitator key is 192 random bits. ``robolab serve`` makes a new one at every start and
prints it in the facilitator link (``/facilitator?token=KEY``): the database never holds a key
itself, so the link cannot be printed again. Opening a link puts its key in the browser's
cookie; the key stays good :data:`KEY_DAYS` days after its last use (its creation, or a
login with its link), as long as the cookie lives, then it is forgotten at the next start.

"A new secret link" (``robolab serve --new-facilitator-link``, or the facilitator pages) forgets
every key at once and makes one new: every link printed before and every browser let in before
stop working. Comparisons are constant-time (:func:`holds` compares the hash of what a browser
sends with every known hash, without stopping at the first that matches).
"""

from __future__ import annotations

import hashlib
import secrets
import sqlite3
import time
from dataclasses import dataclass, field

from robolab.server.db import transaction

KEY_BYTES = 24
KEY_DAYS = 30
"""A key unused this long is forgotten (the facilitator cookie lives as long)."""
DAY = 86400.0
MAX_KEY_LENGTH = 200


def key_hash(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8", "replace")).hexdigest()


def _expired_before(now: float) -> float:
    return now - KEY_DAYS * DAY


def load_keys(conn: sqlite3.Connection, now: float | None = None) -> dict[str, float]:
    """The hashes of the keys that are good now, with their last use.

    Forgets the expired ones, and moves a key of an older RoboLab (kept in plain text in
    ``meta.facilitator_token``) to its hash, so its link and cookies keep working.
    """
    now = time.time() if now is None else now
    with transaction(conn):
        old = conn.execute("SELECT value FROM meta WHERE key = 'facilitator_token'").fetchone()
        if old is not None:
            conn.execute(
                "INSERT OR IGNORE INTO facilitator_keys (hash, created_at, used_at) "
                "VALUES (?, ?, ?)",
                (key_hash(str(old[0])), now, now),
            )
            conn.execute("DELETE FROM meta WHERE key = 'facilitator_token'")
        conn.execute("DELETE FROM facilitator_keys WHERE used_at < ?", (_expired_before(now),))
        rows = conn.execute("SELECT hash, used_at FROM facilitator_keys").fetchall()
    if old is not None:  # the plain key must not stay readable in the write-ahead log
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return {str(r[0]): float(r[1]) for r in rows}


def new_key(conn: sqlite3.Connection, *, forget_others: bool = False) -> str:
    """A new key, stored as its hash; ``forget_others`` forgets every other key first."""
    key = secrets.token_urlsafe(KEY_BYTES)
    now = time.time()
    with transaction(conn):
        if forget_others:
            conn.execute("DELETE FROM facilitator_keys")
        conn.execute(
            "INSERT INTO facilitator_keys (hash, created_at, used_at) VALUES (?, ?, ?)",
            (key_hash(key), now, now),
        )
    return key


def touch_key(conn: sqlite3.Connection, hashed: str, now: float) -> None:
    """Records a login with the key (its link was opened): good for :data:`KEY_DAYS` more."""
    with transaction(conn):
        conn.execute("UPDATE facilitator_keys SET used_at = ? WHERE hash = ?", (now, hashed))


@dataclass
class FacilitatorKeys:
    """The keys that open the facilitator pages now (hash -> last use), in memory."""

    used: dict[str, float] = field(default_factory=dict)

    def holds(self, key: str, now: float | None = None) -> str | None:
        """The hash of ``key`` when it is good now, else ``None`` (constant-time)."""
        if not key or len(key) > MAX_KEY_LENGTH:
            return None
        hashed = key_hash(key).encode()
        limit = _expired_before(time.time() if now is None else now)
        found: str | None = None
        for known, used_at in list(self.used.items()):
            if secrets.compare_digest(hashed, known.encode()) and used_at >= limit:
                found = known
        return found

    def add(self, key: str, now: float | None = None) -> str:
        hashed = key_hash(key)
        self.used[hashed] = time.time() if now is None else now
        return hashed

    def replace(self, key: str) -> str:
        """Only ``key`` is good from now on."""
        self.used.clear()
        return self.add(key)
