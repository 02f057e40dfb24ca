"""The classroom's robot fleet: the asyncio API the classroom server calls."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest
import pytest_asyncio

from firmware_bridge.fleet import Fleet, RunStatus
from firmware_bridge.link import ConnectionState, LinkTiming
from firmware_bridge.reconnect import Backoff
from firmware_bridge.transports import Transport, open_transport
from firmware_bridge.transports.ble import BleTransport
from firmware_bridge.transports.ble_virtual import (
    VirtualBleClient,
    VirtualBleScanner,
    add_peripheral,
    remove_peripheral,
)
from firmware_bridge.transports.virtual import register_virtual, unregister_virtual
from firmware_bridge.virtual_robot import VirtualRobot
from robolab.challenge import Challenge
from tests.firmware_bridge.helpers import SEQUENCE, WALL_FOLLOWER

TIMING = LinkTiming(retry_after=0.05, poll_after=0.2, silence=0.5)


def transport_for(url: str) -> Transport:
    if url.startswith("ble://"):
        return BleTransport(url[6:], backend=VirtualBleClient, scanner_backend=VirtualBleScanner)
    return open_transport(url)


@pytest_asyncio.fixture
async def classroom(corner: Challenge) -> AsyncIterator[tuple[Fleet, list[VirtualRobot]]]:
    board = corner.board
    robots = [
        VirtualRobot(f"Class-{n}", grid=board.grid, start=board.start, move_ms=30) for n in (1, 2)
    ]
    for robot in robots:
        register_virtual(robot)
    fleet = Fleet(timing=TIMING, transport_for=transport_for, backoff=Backoff(first=0.05, most=0.2))
    try:
        yield fleet, robots
    finally:
        await fleet.close()
        for robot in robots:
            unregister_virtual(robot)
            await robot.aclose()


@pytest.mark.asyncio
async def test_connect_name_identify_calibrate_and_assign(
    classroom: tuple[Fleet, list[VirtualRobot]],
) -> None:
    fleet, robots = classroom
    events = fleet.subscribe()
    first = await fleet.connect("virtual://Class-1")
    second = await fleet.connect("virtual://Class-2")
    assert (first.id, second.id) == ("r1", "r2")
    assert first.link is ConnectionState.READY
    assert first.battery is not None and first.battery.percent == 80
    renamed = await fleet.rename("r1", "Tortue")
    assert renamed.name == "Tortue" and robots[0].core.name == "Tortue"
    await fleet.identify("r2")
    await asyncio.sleep(0.05)
    assert robots[1].body.light_flashes >= 1
    cal = await fleet.calibrate("r1", trim=-4)
    assert cal.trim == -4 and fleet.get("r1").calibration == cal
    fleet.assign("r1", "les-bleus")
    fleet.assign("r2", "les-bleus")  # a team has one robot: r1 is freed
    assert fleet.get("r1").team is None and fleet.robot_of("les-bleus") is fleet.get("r2")
    snapshot = fleet.snapshot()
    assert [r["name"] for r in snapshot] == ["Tortue", "Class-2"]
    assert snapshot[1]["team"] == "les-bleus" and snapshot[0]["link"] == "ready"
    assert snapshot[0]["calibration"]["trim"] == -4
    kinds = set()
    while not events.empty():
        kinds.add(events.get_nowait()["type"])
    assert kinds == {"robot"}
    with pytest.raises(KeyError, match="r9"):
        fleet.get("r9")


@pytest.mark.asyncio
async def test_a_run_publishes_progress_with_block_ids_then_the_result(
    classroom: tuple[Fleet, list[VirtualRobot]], corner: Challenge
) -> None:
    fleet, _ = classroom
    robot = await fleet.connect("virtual://Class-1")
    events = fleet.subscribe()
    outcome = await fleet.run(robot.id, corner, WALL_FOLLOWER)
    assert outcome.status is RunStatus.FINISHED
    assert outcome.report is not None and outcome.report.result.solved
    assert outcome.message["fr"].startswith("Le robot Class-1") and outcome.message["en"]
    published: list[dict[str, Any]] = []
    while not events.empty():
        published.append(events.get_nowait())
    progress = [e for e in published if e["type"] == "progress"]
    assert {e["id"] for e in progress} == {"loop", "ask", "go", "turn"}
    assert all(e["robot"] == "r1" for e in progress)
    final = [e for e in published if e["type"] == "run"]
    assert final[-1]["status"] == "finished" and final[-1]["result"]["solved"] is True
    assert final[-1]["result"]["trace"][0]["id"] == "go"


@pytest.mark.asyncio
async def test_pause_all_stops_every_robot(
    classroom: tuple[Fleet, list[VirtualRobot]], corner: Challenge
) -> None:
    fleet, robots = classroom
    for robot in robots:
        joined = await fleet.connect(f"virtual://{robot.name}")
        await fleet.calibrate(joined.id, speed=300)  # half a second per cell
    runs = [asyncio.ensure_future(fleet.run(f"r{n}", corner, SEQUENCE)) for n in (1, 2)]
    for _ in range(100):
        if all(r.motors_running for r in robots):
            break
        await asyncio.sleep(0.01)
    assert all(r.motors_running for r in robots)
    await fleet.stop_all()
    outcomes = await asyncio.gather(*runs)
    assert [o.status for o in outcomes] == [RunStatus.STOPPED, RunStatus.STOPPED]
    assert "arrêté" in outcomes[0].message["fr"]
    assert not any(r.motors_running for r in robots)
    assert all(not r.running for r in fleet.robots.values())


@pytest.mark.asyncio
async def test_a_robot_lost_mid_run_stops_by_itself_and_comes_back(
    classroom: tuple[Fleet, list[VirtualRobot]], corner: Challenge
) -> None:
    fleet, robots = classroom
    robots[0].reset_on_connect = False
    await fleet.connect("virtual://Class-1")
    await fleet.calibrate("r1", speed=1000)  # 150 ms per cell: the cut falls mid-run
    states: list[str] = []
    fleet.on_event(lambda e: states.append(e["robot"]["link"]) if e["type"] == "robot" else None)
    asyncio.get_running_loop().call_later(0.1, robots[0].cut)
    outcome = await fleet.run("r1", corner, SEQUENCE)
    assert outcome.status is RunStatus.LOST
    assert "s'est arrêté tout seul" in outcome.message["fr"]
    assert "gardé" in outcome.message["fr"] and "kept" in outcome.message["en"]
    assert outcome.last_block is not None
    stopped = await robots[0].wait_motors_stopped(1.0)
    assert robots[0].cable.cut_time is not None and stopped - robots[0].cable.cut_time <= 0.5
    robots[0].mend()  # back in range: the fleet finds it again by itself
    for _ in range(100):
        if fleet.get("r1").link is ConnectionState.READY:
            break
        await asyncio.sleep(0.05)
    assert fleet.get("r1").link is ConnectionState.READY
    assert "lost" in states and states[-1] == "ready"
    again = await fleet.run("r1", corner, SEQUENCE)
    assert again.status is RunStatus.FINISHED


@pytest.mark.asyncio
async def test_invalid_programs_and_busy_robots_are_outcomes_not_exceptions(
    classroom: tuple[Fleet, list[VirtualRobot]], corner: Challenge
) -> None:
    fleet, robots = classroom
    await fleet.connect("virtual://Class-2")
    bad = await fleet.run("r1", corner, [{"block": "fly"}])
    assert bad.status is RunStatus.INVALID
    assert "fly" in bad.message["fr"] and "fly" in bad.message["en"]
    assert not robots[1].body.motor_log or not robots[1].motors_running
    first = asyncio.ensure_future(fleet.run("r1", corner, SEQUENCE))
    await asyncio.sleep(0.05)
    busy = await fleet.run("r1", corner, SEQUENCE)
    assert busy.status is RunStatus.FAILED and "déjà" in busy.message["fr"]
    assert (await first).status is RunStatus.FINISHED


@pytest.mark.asyncio
async def test_scan_finds_ble_robots_and_the_fleet_connects_them(corner: Challenge) -> None:
    peripheral = add_peripheral(VirtualRobot("Air-1", move_ms=5), "AB:00:00:00:00:01", rssi=-55)
    fleet = Fleet(
        timing=TIMING,
        transport_for=transport_for,
        ble_client_backend=VirtualBleClient,
        ble_scanner_backend=VirtualBleScanner,
    )
    try:
        report = await fleet.scan(0.2, serial=False)
        found = {r.name: r for r in report.robots}
        assert found["Air-1"].rssi == -55 and found["Air-1"].transport == "ble"
        assert found["Air-1"].battery_percent == 80
        robot = await fleet.connect(found["Air-1"].url)
        assert robot.link is ConnectionState.READY and robot.kind == "virtual"
        outcome = await fleet.run(robot.id, corner, SEQUENCE)
        assert outcome.status is RunStatus.FINISHED
    finally:
        await fleet.close()
        remove_peripheral(peripheral.address)
        await peripheral.robot.aclose()
