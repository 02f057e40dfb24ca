"""The server's records: sessions, teams, progress and events (plain frozen data)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import Any

from robolab.i18n import Lang
from robolab.server.pseudonyms import describe, pseudonym


class SessionState(StrEnum):
    OPEN = "open"
    PAUSED = "paused"
    ENDED = "ended"


class Access(StrEnum):
    """How a challenge of a session opens: ``auto`` once the previous one is solved."""

    AUTO = "auto"
    OPEN = "open"
    LOCKED = "locked"


@dataclass(frozen=True)
class Session:
    id: int
    code: str
    title: str
    state: SessionState
    demo: bool
    created_at: float

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "title": self.title, "state": self.state.value}


@dataclass(frozen=True)
class Team:
    id: int
    session_id: int
    animal: str
    color: str
    created_at: float
    last_change: float

    def name(self, lang: Lang) -> str:
        return pseudonym(self.animal, self.color, lang)

    def to_json(self) -> dict[str, Any]:
        return describe(self.animal, self.color)


@dataclass(frozen=True)
class Progress:
    """A team's record on one challenge."""

    challenge_id: str
    attempts: int = 0
    best_stars: int = 0
    solved: bool = False
    last_outcome: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "attempts": self.attempts,
            "stars": self.best_stars,
            "solved": self.solved,
            "last_outcome": self.last_outcome,
        }


@dataclass(frozen=True)
class LadderEntry:
    """A challenge of a session as a team sees it."""

    challenge_id: str
    access: Access
    progress: Progress
    locked: bool


@dataclass(frozen=True)
class Event:
    """Something that happened in a session; ``id`` is its place in the session's stream.

    Stored types: ``team.joined``, ``team.resumed``, ``attempt``, ``session.state``,
    ``session.challenges``, ``session.title``, ``room.message``, ``team.message``, ``hint``. Not
    stored (live only): ``workspace.saved``, ``team.online``, ``projector.show``, ``session.deleted``.
    """

    type: str
    session_id: int
    team_id: int | None
    data: dict[str, Any] = field(default_factory=dict)
    at: float = 0.0
    id: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "id": self.id,
            "team": self.team_id,
            "at": self.at,
            "data": self.data,
        }

    @cached_property
    def wire(self) -> str:
        """The WebSocket frame pushing this event, encoded once for every subscriber."""
        return json.dumps(
            {"type": "event", "event": self.to_json()}, ensure_ascii=False, separators=(",", ":")
        )


def ladder(entries: list[tuple[str, Access]], progress: dict[str, Progress]) -> list[LadderEntry]:
    """Which challenges a team may open: ``open`` ones, and ``auto`` ones that are first, follow a
    solved challenge or were already tried (nothing a team started is ever locked again by the
    rule; a facilitator's ``locked`` wins)."""
    out: list[LadderEntry] = []
    previous_solved = True
    for challenge_id, access in entries:
        mine = progress.get(challenge_id, Progress(challenge_id))
        if access is Access.LOCKED:
            locked = True
        elif access is Access.OPEN:
            locked = False
        else:
            locked = not (previous_solved or mine.attempts > 0)
        out.append(LadderEntry(challenge_id, access, mine, locked))
        previous_solved = mine.solved
    return out
