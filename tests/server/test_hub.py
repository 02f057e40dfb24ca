"""The publish/subscribe hub behind the WebSockets."""

from __future__ import annotations

import asyncio
import json

import pytest

from robolab.server.hub import Hub, facilitators_topic, room_topic, team_topic
from robolab.server.models import Event


@pytest.mark.asyncio
async def test_events_reach_their_audience_only() -> None:
    hub = Hub()
    mine = hub.subscribe([team_topic(1), room_topic(7)])
    other = hub.subscribe([team_topic(2), room_topic(7)])
    dashboard = hub.subscribe([facilitators_topic(7)])
    assert hub.publish(Event("attempt", 7, 1, {"stars": 3})) == 2
    assert hub.publish(Event("session.state", 7, None, {"state": "paused"})) == 3
    assert [(await mine.get()).type, (await mine.get()).type] == ["attempt", "session.state"]  # type: ignore[union-attr]
    assert (await other.get()).type == "session.state"  # type: ignore[union-attr]
    assert other.queue.empty()
    assert dashboard.queue.qsize() == 2


@pytest.mark.asyncio
async def test_a_slow_subscriber_is_dropped_not_waited_for() -> None:
    hub = Hub()
    slow = hub.subscribe([team_topic(1)], size=3)
    for n in range(10):
        hub.publish(Event("attempt", 1, 1, {"n": n}))
    assert slow.dropped
    assert await asyncio.wait_for(slow.get(), 1) is None
    assert hub.count(team_topic(1)) == 0


@pytest.mark.asyncio
async def test_closing_unsubscribes() -> None:
    hub = Hub()
    sub = hub.subscribe([team_topic(1), team_topic(1)])
    assert hub.count(team_topic(1)) == 1
    sub.close()
    assert hub.publish(Event("attempt", 1, 1)) == 0


@pytest.mark.asyncio
async def test_closing_a_session_ends_its_subscriptions_after_what_is_queued() -> None:
    hub = Hub()
    tablet = hub.subscribe([team_topic(1), room_topic(7)])
    dashboard = hub.subscribe([facilitators_topic(7)])
    elsewhere = hub.subscribe([room_topic(8)])
    hub.publish(Event("session.deleted", 7, None))
    hub.close_session(7)
    for sub in (tablet, dashboard):
        assert (await sub.get()).type == "session.deleted"  # type: ignore[union-attr]
        assert await sub.get() is None
    assert hub.count(room_topic(7)) == hub.count(team_topic(1)) == 0
    assert hub.count(room_topic(8)) == 1 and elsewhere.queue.empty()


def test_an_event_is_encoded_once_for_every_subscriber() -> None:
    event = Event("attempt", 7, 1, {"stars": 3, "text": "é"}, 12.5, 4)
    assert event.wire is event.wire
    assert json.loads(event.wire) == {"type": "event", "event": event.to_json()}
