"""The publish/subscribe hub behind the WebSockets."""

from __future__ import annotations

import asyncio

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
