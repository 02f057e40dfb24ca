"""In-process publish/subscribe for WebSocket pushes (tablets now, facilitator dashboards next).

Topics name an audience, so privacy is decided where events are published:

- ``team:<id>``: one team's tablets (its own runs and messages),
- ``room:<session id>``: every tablet of a session (pause, resume, a message to all),
- ``facilitators:<session id>``: the session's dashboards (every event of the session).
- ``fleet``: every facilitator page (the robots' state, see :mod:`robolab.server.robots`).

Publishing never blocks: each subscriber has a bounded queue; a subscriber that falls too far
behind is dropped (its socket closes and the client reconnects, catching up from the stored
event stream).
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Iterable

from robolab.server.models import Event

QUEUE_SIZE = 256


def team_topic(team_id: int) -> str:
    return f"team:{team_id}"


def room_topic(session_id: int) -> str:
    return f"room:{session_id}"


def facilitators_topic(session_id: int) -> str:
    return f"facilitators:{session_id}"


FLEET_TOPIC = "fleet"
"""Every facilitator page, whatever its session: the robot fleet is the room's, not a session's."""


def audience(event: Event) -> list[str]:
    """Who hears an event: facilitators always; the team its own; the room session changes."""
    topics = [facilitators_topic(event.session_id)]
    if event.type.startswith("session.") or event.type == "room.message":
        topics.append(room_topic(event.session_id))
    elif event.team_id is not None:
        topics.append(team_topic(event.team_id))
    return topics


class Subscription:
    """A subscriber's queue of events; ``dropped`` is set when it fell behind."""

    def __init__(self, hub: Hub, topics: tuple[str, ...], size: int) -> None:
        self.hub = hub
        self.topics = topics
        self.queue: asyncio.Queue[Event | None] = asyncio.Queue(size)
        self.dropped = False
        self.close_code = 4409
        """How its socket closes when the subscription ends (4409: reconnect)."""

    async def get(self) -> Event | None:
        """The next event, or ``None`` once the subscription was dropped or closed."""
        if self.dropped:
            return None
        return await self.queue.get()

    def close(self) -> None:
        self.hub.unsubscribe(self)


class Hub:
    def __init__(self) -> None:
        self._subscribers: dict[str, set[Subscription]] = defaultdict(set)

    def subscribe(self, topics: Iterable[str], size: int = QUEUE_SIZE) -> Subscription:
        sub = Subscription(self, tuple(dict.fromkeys(topics)), size)
        for topic in sub.topics:
            self._subscribers[topic].add(sub)
        return sub

    def unsubscribe(self, sub: Subscription) -> None:
        for topic in sub.topics:
            subs = self._subscribers.get(topic)
            if subs is not None:
                subs.discard(sub)
                if not subs:
                    del self._subscribers[topic]

    def publish(self, event: Event, topics: Iterable[str] | None = None) -> int:
        """Queues ``event`` for every subscriber of its audience (once each); returns how many."""
        targets: set[Subscription] = set()
        for topic in audience(event) if topics is None else topics:
            targets |= self._subscribers.get(topic, set())
        for sub in targets:
            try:
                sub.queue.put_nowait(event)
            except asyncio.QueueFull:
                self._drop(sub)
        return len(targets)

    def _drop(self, sub: Subscription) -> None:
        sub.dropped = True
        self.unsubscribe(sub)
        while not sub.queue.empty():
            sub.queue.get_nowait()
        sub.queue.put_nowait(None)

    def close_session(self, session_id: int) -> None:
        """Ends every subscription of a session's room and dashboards (the session is gone),
        after the events already queued."""
        for topic in (room_topic(session_id), facilitators_topic(session_id)):
            for sub in list(self._subscribers.get(topic, ())):
                self.unsubscribe(sub)
                try:
                    sub.queue.put_nowait(None)
                except asyncio.QueueFull:
                    self._drop(sub)

    def close_topic(self, topic: str, code: int) -> int:
        """Ends every subscription of ``topic`` now; their sockets close with ``code``."""
        subs = list(self._subscribers.get(topic, ()))
        for sub in subs:
            sub.close_code = code
            self._drop(sub)
        return len(subs)

    def count(self, topic: str) -> int:
        return len(self._subscribers.get(topic, ()))
