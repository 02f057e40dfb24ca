"""The micro:bit and ESP32 entry points, run under CPython with the shim's fake hardware modules."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from firmware_bridge.codec import LineBuffer, decode_line
from firmware_bridge.firmware.micropython import shim
from firmware_bridge.protocol import Done, Hello


@pytest.fixture
def board(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[shim.Clock, dict[str, Any]]]:
    monkeypatch.chdir(tmp_path)  # the boards store their settings in ./robolab.cfg
    clock = shim.Clock()
    fakes = shim.install(clock)
    try:
        yield clock, fakes
    finally:
        shim.uninstall()


def lines(raw: bytes) -> list[Any]:
    return [decode_line(line) for line in LineBuffer().feed(raw)]


def test_microbit_speaks_the_protocol_on_its_usb_serial_port(
    board: tuple[shim.Clock, dict[str, Any]],
) -> None:
    clock, fakes = board
    main = shim.load_entry_point("main_microbit")
    robot = main.Robot()
    uart = fakes["uart"]
    assert uart.baudrate == 115200
    (hello,) = lines(bytes(uart.sent))
    assert isinstance(hello, Hello)
    assert (hello.kind, hello.name) == ("microbit", "RoboLab-bit")
    uart.sent.clear()
    uart.incoming += b"1 HELLO\n2 NAME Bit-7\n3 ARM\n4 MOVE F2\n"
    robot.step()
    assert fakes["i2c"].writes[-1] == (0x10, bytes([0x02, 0, 204]))  # right motor forward, 80 %
    for _ in range(600):
        clock.advance(2)
        uart.incoming += b"5 HB\n"
        robot.step()
    replies = [r for r in lines(bytes(uart.sent)) if not (isinstance(r, Done) and r.seq == 5)]
    assert replies[-1] == Done(4, (("m", "ok"), ("x", "0"), ("y", "-1"), ("h", "N")))
    assert fakes["i2c"].writes[-1] == (0x10, bytes([0x02, 0, 0]))
    assert Path("robolab.cfg").read_text().count("name=Bit-7") == 1
    assert main.Robot().core.name == "Bit-7"  # the name survives a power cycle


def test_microbit_watchdog_stops_the_maqueen(board: tuple[shim.Clock, dict[str, Any]]) -> None:
    clock, fakes = board
    robot = shim.load_entry_point("main_microbit").Robot()
    fakes["uart"].incoming += b"1 CAL speed=10\n2 ARM\n3 MOVE F1\n"
    robot.step()
    assert fakes["i2c"].writes[-1][1][2] > 0
    while fakes["i2c"].writes[-1][1][2] > 0:
        clock.advance(1)
        robot.step()
    assert 400 < clock.now <= 402


def test_esp32_advertises_the_nordic_uart_service_and_answers_over_notifications(
    board: tuple[shim.Clock, dict[str, Any]],
) -> None:
    _clock, fakes = board
    main = shim.load_entry_point("main_esp32")
    robot = main.Robot()
    ble = fakes["ble"]
    _, adv, resp = ble.advertising[-1]
    assert bytes.fromhex("6E400001B5A3F393E0A9E50E24DCCA9E")[::-1] in adv
    assert b"RoboLab-ESP32" in resp
    rx = robot.link.rx
    ble.central_connects()
    robot.step()
    ble.central_writes(rx, b"1 HELLO\n")
    ble.central_writes(rx, b"2 BA")  # a frame split over two writes
    ble.central_writes(rx, b"T\n3 ARM\n4 MOVE R1\n")
    robot.step()
    packets = [data for _, handle, data in ble.notified]
    assert all(len(p) <= 20 for p in packets)
    replies = lines(b"".join(packets))
    assert isinstance(replies[0], Hello) and replies[0].kind == "esp32"
    assert Done(2, (("mv", "7398"), ("pct", "49"))) in replies
    assert (
        robot.body.in1.level == 1 and robot.body.in4.level == 1
    )  # right turn: left fwd, right back
    assert robot.body.ena.duty == 80 * 65535 // 100
    ble.central_disconnects()
    assert len(ble.advertising) == 2  # advertising again for the next connection
