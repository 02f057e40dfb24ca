"""The MicroPython protocol core (robocore.py) under CPython, on the shim's recording body."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from firmware_bridge.codec import decode_line, encode_frame
from firmware_bridge.errors import ProtocolError
from firmware_bridge.firmware.micropython import robocore
from firmware_bridge.firmware.micropython.shim import Clock, RecordingBody
from firmware_bridge.protocol import Ack, Done, Event, Frame, Hello, Refusal, Verb


def make(caps: tuple[str, ...] = ("identify",)) -> tuple[robocore.Core, RecordingBody, Clock]:
    clock = Clock()
    body = RecordingBody(clock, caps)
    core = robocore.Core(body, "Shim-1")
    return core, body, clock


def say(core: robocore.Core, body: RecordingBody, text: str) -> list[bytes]:
    """Sends host lines (without checksums) and returns the robot's lines, checksums removed."""
    body.take_lines()
    core.feed(text.encode() + b"\n")
    return [line.rsplit(b"*", 1)[0] for line in body.take_lines()]


def run_for(core: robocore.Core, clock: Clock, ms: int, step: int = 1) -> None:
    for _ in range(0, ms, step):
        clock.advance(step)
        core.poll()


def test_boot_says_hello_with_a_checksum_the_host_accepts() -> None:
    core, body, _ = make()
    core.boot()
    (line,) = body.take_lines()
    hello = decode_line(line)
    assert isinstance(hello, Hello)
    assert (hello.version, hello.kind, hello.name) == (1, "shim", "Shim-1")
    assert hello.caps == frozenset({"crc", "identify", "upload"})
    assert hello.watchdog_ms == 400 <= 500
    assert line.startswith(
        b"HELLO robolab/1 kind=shim name=Shim-1 fw=1.0.0 caps=crc,identify,upload"
    )


def test_a_move_is_accepted_then_done_and_only_when_armed() -> None:
    core, body, clock = make()
    assert say(core, body, "1 MOVE F3") == [b"1 ERR disarmed"]
    assert not body.motors_running
    say(core, body, "9 CAL speed=500")  # 150 mm at 500 mm/s: 300 ms, inside the watchdog
    assert say(core, body, "2 ARM") == [b"2 DONE"]
    assert say(core, body, "3 MOVE F3") == [b"3 ACK"]
    assert body.motors_running
    run_for(core, clock, 299)
    assert body.take_lines() == []
    core.feed(b"4 HB\n")
    run_for(core, clock, 2)
    assert [line.rsplit(b"*", 1)[0] for line in body.take_lines()] == [
        b"4 DONE st=busy",
        b"3 DONE m=ok x=0 y=-1 h=N",
    ]
    assert not body.motors_running


def test_a_repeated_sequence_number_is_answered_again_without_moving_twice() -> None:
    core, body, clock = make()
    say(core, body, "1 ARM")
    assert say(core, body, "2 MOVE R7") == [b"2 ACK"]
    starts = len(body.motor_log)
    assert say(core, body, "2 MOVE R7") == [b"2 ACK"]  # still running: accepted again
    assert len(body.motor_log) == starts
    for _ in range(7):
        core.feed(b"3 HB\n")
        run_for(core, clock, 100, step=50)
    assert body.take_lines()[-1].startswith(b"2 DONE m=ok x=0 y=0 h=E")
    assert say(core, body, "2 MOVE R7") == [b"2 DONE m=ok x=0 y=0 h=E"]  # finished: same answer
    assert say(core, body, "4 POSE") == [b"4 DONE x=0 y=0 h=E"]  # turned once, not twice


def test_the_watchdog_stops_the_motors_400_ms_after_the_last_frame_and_disarms() -> None:
    core, body, clock = make()
    say(core, body, "1 CAL speed=10")  # a slow robot: the move would last 15 s
    say(core, body, "2 ARM")
    say(core, body, "3 MOVE F1")
    run_for(core, clock, 400)
    assert body.motors_running
    clock.advance(1)
    core.poll()
    assert not body.motors_running
    lines = [line.rsplit(b"*", 1)[0] for line in body.take_lines()]
    assert lines == [b"3 ERR stopped", b"EV WD"]
    assert body.motor_log[-1] == (401, 0, 0)
    assert say(core, body, "4 HB") == [b"4 DONE st=wd"]
    assert say(core, body, "5 MOVE F1") == [b"5 ERR disarmed"]  # not before it is re-armed
    say(core, body, "6 ARM")
    assert say(core, body, "7 MOVE F1") == [b"7 ACK"]


def test_frames_with_a_bad_checksum_are_ignored_and_do_not_feed_the_watchdog() -> None:
    core, body, clock = make()
    say(core, body, "1 ARM")
    good = encode_frame(Frame(2, Verb.HB), checksum=True)
    assert good == b"2 HB*FC\n"
    core.feed(b"2 HB*FB\n")
    assert body.take_lines() == []
    run_for(core, clock, 401)
    assert core.state() == "wd"
    assert core.bad_frames == 1
    assert body.take_lines() == [b"EV WD*52"]
    core.feed(good)
    assert body.take_lines()[0].startswith(b"2 DONE st=wd")


def test_unknown_verbs_bad_arguments_and_overlong_lines() -> None:
    core, body, _ = make()
    assert say(core, body, "1 JUMP") == [b"1 ERR unknown"]
    assert say(core, body, "2 ARM now") == [b"2 ERR args"]
    assert say(core, body, "3 MOVE X3") == [b"3 ERR args"]
    assert say(core, body, "4 SENSE ahead") == [b"4 ERR unsupported"]
    assert say(core, body, "5 SENSE smell") == [b"5 ERR args"]
    assert say(core, body, "6 BAT") == [b"6 ERR unsupported"]
    assert say(core, body, "7 HB " + "x" * 80) == []
    assert say(core, body, "hello") == []
    assert say(core, body, "8 POSE 1 2 Q") == [b"8 ERR args"]


def test_calibration_is_checked_stored_and_loaded_again() -> None:
    core, body, _ = make()
    assert say(core, body, "1 CAL cell=5") == [b"1 ERR range key=cell min=20 max=2000"]
    assert say(core, body, "2 CAL size=5") == [b"2 ERR args key=size"]
    assert say(core, body, "3 CAL cell=180 trim=-3") == [
        b"3 DONE cell=180 speed=150 track=120 trim=-3 power=80"
    ]
    assert body.settings["cell"] == 180
    again = robocore.Core(body, "other")
    assert again.cal["trim"] == -3
    assert again.name == "Shim-1"


def test_turn_trim_changes_how_long_a_quarter_turn_lasts() -> None:
    core, body, clock = make()
    say(core, body, "1 CAL trim=10")
    say(core, body, "2 ARM")
    say(core, body, "3 MOVE L1")
    while body.motors_running:
        clock.advance(1)
        core.poll()
        core.feed(b"9 HB\n")
    # 785 * 120 mm * 110 % / (150 mm/s * 100) = 690 ms
    assert body.motor_log[-1][0] - body.motor_log[-2][0] == 690
    assert body.motor_log[-2][1:] == (-80, 80)


def test_an_uploaded_plan_runs_with_a_step_event_per_step() -> None:
    core, body, clock = make()
    say(core, body, "1 CAL cell=20 speed=5000 track=20")
    assert say(core, body, "2 PLAN 3") == [b"2 DONE"]
    assert say(core, body, "3 ADD 1 F2") == [b"3 ERR noplan"]  # no gaps
    assert say(core, body, "4 ADD 0 F1 R2") == [b"4 DONE n=2"]
    assert say(core, body, "5 RUN") == [b"5 ERR noplan"]  # not complete
    assert say(core, body, "6 ADD 2 F3") == [b"6 DONE n=3"]
    assert say(core, body, "7 ADD 2 F3 F4") == [b"7 ERR full max=3"]
    assert say(core, body, "8 RUN") == [b"8 ERR disarmed"]
    say(core, body, "9 ARM")
    assert say(core, body, "10 RUN") == [b"10 ACK"]
    run_for(core, clock, 40)
    lines = [decode_line(line) for line in body.take_lines()]
    assert lines == [
        Event("STEP", (("i", "0"), ("b", "1"), ("m", "ok"), ("x", "0"), ("y", "-1"), ("h", "N"))),
        Event("STEP", (("i", "1"), ("b", "2"), ("m", "ok"), ("x", "0"), ("y", "-1"), ("h", "E"))),
        Event("STEP", (("i", "2"), ("b", "3"), ("m", "ok"), ("x", "1"), ("y", "-1"), ("h", "E"))),
        Done(10, (("n", "3"), ("m", "ok"), ("x", "1"), ("y", "-1"), ("h", "E"))),
    ]
    assert say(core, body, "11 PLAN 17") == [b"11 ERR full max=16"]


def test_stop_ends_a_running_plan_and_reports_how_far_it_got() -> None:
    core, body, clock = make()
    say(core, body, "1 PLAN 2")
    say(core, body, "2 ADD 0 F1 F2")
    say(core, body, "3 ARM")
    say(core, body, "4 RUN")
    run_for(core, clock, 100)
    assert say(core, body, "5 STOP") == [b"4 ERR stopped n=0", b"5 DONE"]
    assert not body.motors_running
    assert say(core, body, "6 STATUS") == [b"6 DONE st=off n=0 p=2 x=0 y=0 h=N"]


def test_a_bumper_turns_a_move_into_a_crash_and_back_to_the_cell() -> None:
    core, body, clock = make(caps=("bump",))
    say(core, body, "1 ARM")
    say(core, body, "2 MOVE F4")
    run_for(core, clock, 300)
    body.bump = True
    clock.advance(1)
    core.poll()
    assert body.motor_log[-1][1:] == (-80, -80)  # reversing for as long as it went
    body.bump = False
    core.feed(b"3 HB\n")
    run_for(core, clock, 301)
    lines = [line.rsplit(b"*", 1)[0] for line in body.take_lines()]
    assert lines[-1] == b"2 DONE m=crash x=0 y=0 h=N"
    assert not body.motors_running


def test_a_bump_step_nudges_forward_and_back_and_reports_a_crash() -> None:
    core, body, clock = make()
    say(core, body, "8 CAL speed=1500")  # 100 ms per cell: 25 ms out, 25 ms back
    say(core, body, "1 ARM")
    say(core, body, "2 MOVE f9")
    run_for(core, clock, 51)
    assert body.motor_log == [(0, 80, 80), (25, -80, -80), (50, 0, 0)]
    assert body.take_lines()[-1].startswith(b"2 DONE m=crash x=0 y=0 h=N")


def test_own_sensors_answer_sense() -> None:
    core, body, _ = make(caps=("ahead", "color"))
    body.readings = {"ahead": 1, "color": "red"}
    assert say(core, body, "1 SENSE ahead") == [b"1 DONE v=1"]
    assert say(core, body, "2 SENSE color") == [b"2 DONE v=red"]


def test_hello_starts_a_fresh_session() -> None:
    core, body, _clock = make()
    say(core, body, "1 ARM")
    say(core, body, "2 MOVE F1")
    lines = say(core, body, "3 HELLO")
    assert lines[0] == b"2 ERR stopped"
    assert lines[1].startswith(b"HELLO robolab/1")
    assert lines[2] == b"3 DONE"
    assert not body.motors_running
    assert say(core, body, "4 HB") == [b"4 DONE st=off"]
    say(core, body, "5 ARM")
    assert say(core, body, "2 MOVE F1") == [b"2 ACK"]  # seq 2 is new in this session


def test_identify_blinks_for_a_second() -> None:
    core, body, clock = make()
    assert say(core, body, "1 IDENT") == [b"1 DONE"]
    seen = set()
    for _ in range(1001):
        clock.advance(1)
        core.poll()
        seen.add(body.light)
    assert seen == {True, False}
    assert body.light is False


def test_names_are_checked_and_stored() -> None:
    core, body, _ = make(caps=("name",))
    assert say(core, body, "1 NAME") == [b"1 DONE name=Shim-1"]
    assert say(core, body, "2 NAME bad*name") == []  # '*' starts a checksum: a bad frame
    assert say(core, body, "3 NAME " + "x" * 17) == [b"3 ERR args"]
    assert say(core, body, "4 NAME Robo_7") == [b"4 DONE name=Robo_7"]
    assert body.settings["name"] == "Robo_7"


@given(st.lists(st.binary(max_size=40), max_size=20))
@settings(max_examples=200)
def test_any_input_never_crashes_the_core_and_every_output_line_decodes(
    chunks: list[bytes],
) -> None:
    core, body, clock = make(caps=("ahead", "bump", "battery", "identify", "name"))
    core.feed(b"1 ARM\n")
    for chunk in chunks:
        core.feed(chunk)
        clock.advance(7)
        core.poll()
    for line in body.take_lines():
        try:
            message = decode_line(line)
        except ProtocolError as err:  # pragma: no cover - the assertion explains
            pytest.fail(f"the core sent an undecodable line {line!r}: {err.reason}")
        assert isinstance(message, Hello | Ack | Done | Refusal | Event)
