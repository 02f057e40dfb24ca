"""Protocol 1 on the wire: literal bytes both ways, checksums, line reassembly, fuzzing."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from firmware_bridge.codec import (
    LineBuffer,
    crc8,
    decode_frame,
    decode_line,
    encode_frame,
    encode_line,
)
from firmware_bridge.errors import ProtocolError
from firmware_bridge.protocol import (
    ADD_PER_LINE,
    MAX_HOST_LINE,
    MAX_SEQ,
    Ack,
    Done,
    Event,
    Frame,
    Hello,
    Refusal,
    RobotLine,
    StepCode,
    Verb,
)
from firmware_bridge.session import add_chunks

FRAMES: list[tuple[Frame, bool, bytes]] = [
    (Frame(1, Verb.HELLO), False, b"1 HELLO\n"),
    (Frame(7, Verb.MOVE, ("F3",)), False, b"7 MOVE F3\n"),
    (Frame(7, Verb.MOVE, ("F3",)), True, b"7 MOVE F3*F6\n"),
    (Frame(12, Verb.CAL, ("cell=180", "trim=-3")), True, b"12 CAL cell=180 trim=-3*42\n"),
    (Frame(999, Verb.HB), True, b"999 HB*98\n"),
    (Frame(40, Verb.ADD, ("0", "F3", "F3", "L4", "f5")), False, b"40 ADD 0 F3 F3 L4 f5\n"),
    (Frame(5, Verb.POSE, ("1", "-2", "W")), False, b"5 POSE 1 -2 W\n"),
]

LINES: list[tuple[RobotLine, bool, bytes]] = [
    (Ack(7), False, b"7 ACK\n"),
    (
        Done(7, (("m", "ok"), ("x", "2"), ("y", "1"), ("h", "E"))),
        True,
        b"7 DONE m=ok x=2 y=1 h=E*7A\n",
    ),
    (Done(3), False, b"3 DONE\n"),
    (Refusal(9, "disarmed"), True, b"9 ERR disarmed*3A\n"),
    (
        Refusal(4, "range", (("key", "cell"), ("min", "20"))),
        False,
        b"4 ERR range key=cell min=20\n",
    ),
    (Event("WD"), False, b"EV WD\n"),
    (
        Event("STEP", (("i", "0"), ("b", "3"), ("m", "ok"), ("x", "2"), ("y", "1"), ("h", "E"))),
        True,
        b"EV STEP i=0 b=3 m=ok x=2 y=1 h=E*74\n",
    ),
    (
        Hello(1, "uno", "RoboLab-Uno", "1.0.0", frozenset({"battery", "crc", "upload"}), 400, 96),
        True,
        b"HELLO robolab/1 kind=uno name=RoboLab-Uno fw=1.0.0 caps=battery,crc,upload wd=400 plan=96*71\n",
    ),
]


def test_crc8_is_the_standard_crc8_smbus() -> None:
    assert crc8(b"123456789") == 0xF4
    assert crc8(b"") == 0


@pytest.mark.parametrize(("frame", "checksum", "raw"), FRAMES)
def test_frames_encode_to_these_bytes_and_back(frame: Frame, checksum: bool, raw: bytes) -> None:
    assert encode_frame(frame, checksum=checksum) == raw
    assert decode_frame(raw) == frame


@pytest.mark.parametrize(("line", "checksum", "raw"), LINES)
def test_robot_lines_encode_to_these_bytes_and_back(
    line: RobotLine, checksum: bool, raw: bytes
) -> None:
    assert encode_line(line, checksum=checksum) == raw
    assert decode_line(raw) == line
    assert decode_line(raw.replace(b"\n", b"\r\n")) == line


def test_hello_keeps_unknown_fields_for_newer_firmware() -> None:
    hello = decode_line(
        b"HELLO robolab/1 kind=esp32 name=R2 fw=2.0 caps=ahead,bump wd=300 plan=0 color=blue\n"
    )
    assert isinstance(hello, Hello)
    assert hello.caps == frozenset({"ahead", "bump"})
    assert hello.watchdog_ms == 300
    assert hello.extra == (("color", "blue"),)


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"7 DONE m=ok*00\n", "checksum mismatch"),
        (b"7 DONE m=ok*G1\n", "bad checksum field"),
        (b"0 ACK\n", "outside 1..999"),
        (b"1000 ACK\n", "bad sequence number"),
        (b"x ACK\n", "bad sequence number"),
        (b"7 NACK\n", "unknown reply"),
        (b"7 ACK extra\n", "unknown reply"),
        (b"7 DONE notafield\n", "expected key=value"),
        (b"7 ERR\n", "unknown reply"),
        (b"HELLO other/1 kind=a name=b fw=c\n", "expected 'robolab/<version>'"),
        (b"HELLO robolab/1 kind=a fw=c\n", "hello without name"),
        (b"HELLO robolab/1 kind=a name=b fw=c wd=soon\n", "whole numbers"),
        (b"\xff\xfe 7 ACK\n", "non-ASCII"),
        (b"   \n", "empty line"),
        (b"EV\n", "event without a name"),
        (b"7 DONE " + b"k=v " * 60 + b"\n", "longer than"),
    ],
)
def test_bad_robot_lines_raise_protocol_error_naming_the_problem(raw: bytes, reason: str) -> None:
    with pytest.raises(ProtocolError) as caught:
        decode_line(raw)
    assert reason in caught.value.reason
    assert caught.value.line == raw


def test_encode_refuses_what_a_robot_could_not_read() -> None:
    with pytest.raises(ValueError, match="outside"):
        encode_frame(Frame(0, Verb.HB))
    with pytest.raises(ValueError, match="spaces"):
        encode_frame(Frame(1, Verb.NAME, ("two words",)))
    with pytest.raises(ValueError, match="longer than 64"):
        encode_frame(Frame(1, Verb.ADD, ("0", *["F65535"] * 9)))


def test_line_buffer_reassembles_lines_split_anywhere_and_drops_overlong_ones() -> None:
    buffer = LineBuffer(max_line=10)
    assert buffer.feed(b"1 AC") == []
    assert buffer.feed(b"K\n2 DO") == [b"1 ACK"]
    assert buffer.feed(b"NE\r\n" + b"x" * 30 + b"\n3 ACK\n") == [b"2 DONE", b"3 ACK"]
    assert buffer.dropped == 1


@given(st.binary(max_size=300))
@settings(max_examples=400)
def test_decoding_any_bytes_never_raises_anything_but_protocol_error(raw: bytes) -> None:
    with contextlib.suppress(ProtocolError):
        decode_line(raw)


_token = st.text(
    alphabet=st.characters(min_codepoint=0x21, max_codepoint=0x7E).filter(lambda c: c != "*"),
    min_size=1,
    max_size=8,
)
_key = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789_", min_size=1, max_size=6)
_fields = st.lists(st.tuples(_key, _token | st.just("")), max_size=5).map(tuple)
_seq = st.integers(1, 999)
_lines = st.one_of(
    _seq.map(Ack),
    st.builds(Done, _seq, _fields),
    st.builds(Refusal, _seq, _token, _fields),
    st.builds(Event, _token, _fields),
)


@given(_lines, st.booleans())
def test_every_robot_line_round_trips(line: RobotLine, checksum: bool) -> None:
    assert decode_line(encode_line(line, checksum=checksum)) == line


@given(_seq, st.sampled_from(list(Verb)), st.lists(_token, max_size=4), st.booleans())
def test_every_short_frame_round_trips(
    seq: int, verb: Verb, args: list[str], checksum: bool
) -> None:
    frame = Frame(seq, verb, tuple(args))
    try:
        raw = encode_frame(frame, checksum=checksum)
    except ValueError:
        assert len(" ".join([str(seq), verb.value, *args])) + 3 * checksum > MAX_HOST_LINE
        return
    assert decode_frame(raw) == frame


@given(st.lists(_lines, min_size=1, max_size=6), st.data())
def test_lines_survive_any_chunking(lines: list[RobotLine], data: st.DataObject) -> None:
    stream = b"".join(encode_line(line, checksum=True) for line in lines)
    cuts = sorted(data.draw(st.lists(st.integers(0, len(stream)), max_size=8)))
    buffer = LineBuffer()
    received: list[bytes] = []
    for start, end in zip([0, *cuts], [*cuts, len(stream)], strict=True):
        received += buffer.feed(stream[start:end])
    assert [decode_line(raw) for raw in received] == lines


@given(st.lists(st.tuples(st.sampled_from(list(StepCode)), st.integers(0, 65535)), max_size=40))
def test_plans_are_cut_into_add_frames_that_always_fit(plan: list[tuple[StepCode, int]]) -> None:
    chunks = add_chunks(plan)
    flat = [token for _, tokens in chunks for token in tokens]
    assert flat == [f"{code.value}{block}" for code, block in plan]
    for start, tokens in chunks:
        assert 1 <= len(tokens) <= ADD_PER_LINE
        encode_frame(Frame(MAX_SEQ, Verb.ADD, (str(start), *tokens)), checksum=True)  # fits


def test_the_session_example_in_the_protocol_page_is_valid() -> None:
    page = (Path(__file__).resolve().parents[2] / "docs" / "protocol.md").read_text(
        encoding="utf-8"
    )
    example = page.split("## 10.")[1].split("```")[1]
    checked = 0
    for line in example.splitlines():
        text = line[2:].split("  ")[0].encode() + b"\n"
        if line.startswith("< "):
            decode_line(text)
            checked += 1
        elif line.startswith("> "):
            decode_frame(text)
            checked += 1
    assert checked >= 20
