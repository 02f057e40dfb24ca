"""Bytes on the wire for protocol 1: host frames, robot lines, checksums and line reassembly.

Encoding and decoding are symmetric (``decode_x(encode_x(m)) == m``); the tests check both
directions against literal bytes. Decoders raise :class:`~firmware_bridge.errors.ProtocolError`
for anything malformed and never anything else.
"""

from __future__ import annotations

from firmware_bridge.errors import ProtocolError
from firmware_bridge.protocol import (
    MAX_HOST_LINE,
    MAX_ROBOT_LINE,
    MAX_SEQ,
    PROTOCOL_NAME,
    Ack,
    Done,
    Event,
    Frame,
    Hello,
    Refusal,
    ReplyKind,
    RobotLine,
    Verb,
)

Fields = tuple[tuple[str, str], ...]

_TOKEN_CHARS = frozenset(range(0x21, 0x7F)) - {ord("*")}
_KEY_CHARS = frozenset(b"abcdefghijklmnopqrstuvwxyz0123456789_")
_HEX = frozenset(b"0123456789ABCDEFabcdef")


def crc8(data: bytes) -> int:
    """CRC-8 (polynomial 0x07, initial value 0, no reflection): ``crc8(b"123456789") == 0xF4``."""
    crc = 0
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = ((crc << 1) ^ 0x07) & 0xFF if crc & 0x80 else (crc << 1) & 0xFF
    return crc


def _seal(payload: bytes, checksum: bool) -> bytes:
    if checksum:
        payload += b"*%02X" % crc8(payload)
    return payload + b"\n"


def _unseal(line: bytes) -> bytes:
    """Strips the newline and checks the checksum, if any; returns the payload."""
    text = line.rstrip(b"\r\n")
    star = text.rfind(b"*")
    if star < 0:
        return text
    payload, digits = text[:star], text[star + 1 :]
    if len(digits) != 2 or not all(c in _HEX for c in digits):
        raise ProtocolError(line, "bad checksum field")
    if int(digits, 16) != crc8(payload):
        raise ProtocolError(line, "checksum mismatch")
    return payload


def _check_token(token: str, what: str) -> str:
    raw = token.encode("ascii", "replace")
    if not raw or not all(c in _TOKEN_CHARS for c in raw):
        raise ValueError(f"{what} {token!r}: printable ASCII without spaces or '*' expected")
    return token


def _encode_fields(fields: Fields) -> str:
    parts = []
    for key, value in fields:
        if not key or not all(c in _KEY_CHARS for c in key.encode("ascii", "replace")):
            raise ValueError(f"field name {key!r}: lowercase letters, digits and '_' expected")
        if value:
            _check_token(value, "field value")
        parts.append(f"{key}={value}")
    return " ".join(parts)


def _decode_fields(tokens: list[str], line: bytes) -> Fields:
    out = []
    for token in tokens:
        key, eq, value = token.partition("=")
        if not eq or not key or not all(c in _KEY_CHARS for c in key.encode()):
            raise ProtocolError(line, f"expected key=value, got {token!r}")
        out.append((key, value))
    return tuple(out)


def _parse_seq(token: str, line: bytes) -> int:
    if not token.isascii() or not token.isdigit() or len(token) > 3:
        raise ProtocolError(line, f"bad sequence number {token!r}")
    seq = int(token)
    if not 1 <= seq <= MAX_SEQ:
        raise ProtocolError(line, f"sequence number {seq} outside 1..{MAX_SEQ}")
    return seq


def _text(payload: bytes, line: bytes) -> list[str]:
    if not all(0x20 <= c < 0x7F for c in payload):
        raise ProtocolError(line, "non-ASCII or control bytes")
    tokens = payload.decode("ascii").split()
    if not tokens:
        raise ProtocolError(line, "empty line")
    return tokens


# -- host frames ---------------------------------------------------------------------------------


def encode_frame(frame: Frame, *, checksum: bool = False) -> bytes:
    """``Frame(7, Verb.MOVE, ("F3",))`` -> ``b"7 MOVE F3\\n"`` (``b"7 MOVE F3*C4\\n"`` with a checksum).

    Raises:
        ValueError: a bad sequence number, argument, or a frame longer than 64 bytes.
    """
    if not 1 <= frame.seq <= MAX_SEQ:
        raise ValueError(f"sequence number {frame.seq} outside 1..{MAX_SEQ}")
    words = [str(frame.seq), frame.verb.value, *(_check_token(a, "argument") for a in frame.args)]
    out = _seal(" ".join(words).encode("ascii"), checksum)
    if len(out) - 1 > MAX_HOST_LINE:
        raise ValueError(f"frame longer than {MAX_HOST_LINE} bytes: {out!r}")
    return out


def decode_frame(line: bytes) -> Frame:
    """The inverse of :func:`encode_frame` (what a robot does with a line)."""
    if len(line.rstrip(b"\r\n")) > MAX_HOST_LINE:
        raise ProtocolError(line, f"frame longer than {MAX_HOST_LINE} bytes")
    tokens = _text(_unseal(line), line)
    if len(tokens) < 2:
        raise ProtocolError(line, "expected '<seq> <verb>'")
    seq = _parse_seq(tokens[0], line)
    try:
        verb = Verb(tokens[1])
    except ValueError:
        raise ProtocolError(line, f"unknown verb {tokens[1]!r}") from None
    return Frame(seq, verb, tuple(tokens[2:]))


# -- robot lines ---------------------------------------------------------------------------------


def encode_line(message: RobotLine, *, checksum: bool = False) -> bytes:
    """A robot line: ``Ack(7)`` -> ``b"7 ACK\\n"``; ``Event("WD")`` -> ``b"EV WD\\n"``."""
    if isinstance(message, Hello):
        caps = ",".join(sorted(message.caps))
        head: Fields = (
            ("kind", message.kind),
            ("name", message.name),
            ("fw", message.firmware),
        )
        tail: Fields = ((("caps", caps),) if caps else ()) + (
            ("wd", str(message.watchdog_ms)),
            ("plan", str(message.plan_max)),
        )
        body = _encode_fields(head + tail + message.extra)
        text = f"HELLO {PROTOCOL_NAME}/{message.version} {body}"
    elif isinstance(message, Ack):
        text = f"{message.seq} ACK"
    elif isinstance(message, Done):
        text = " ".join(filter(None, [f"{message.seq} DONE", _encode_fields(message.fields)]))
    elif isinstance(message, Refusal):
        code = _check_token(message.code, "error code")
        text = " ".join(filter(None, [f"{message.seq} ERR {code}", _encode_fields(message.fields)]))
    else:
        name = _check_token(message.name, "event name")
        text = " ".join(filter(None, [f"EV {name}", _encode_fields(message.fields)]))
    return _seal(text.encode("ascii"), checksum)


def decode_line(line: bytes) -> RobotLine:
    """Parses one robot line (with or without its newline and checksum).

    Raises:
        ProtocolError: the line is too long, not ASCII, has a wrong checksum or a bad shape.
    """
    if len(line.rstrip(b"\r\n")) > MAX_ROBOT_LINE:
        raise ProtocolError(line, f"line longer than {MAX_ROBOT_LINE} bytes")
    tokens = _text(_unseal(line), line)
    head = tokens[0]
    if head == ReplyKind.HELLO:
        return _decode_hello(tokens[1:], line)
    if head == ReplyKind.EV:
        if len(tokens) < 2:
            raise ProtocolError(line, "event without a name")
        return Event(tokens[1], _decode_fields(tokens[2:], line))
    seq = _parse_seq(head, line)
    if len(tokens) < 2:
        raise ProtocolError(line, "reply without a kind")
    kind = tokens[1]
    if kind == ReplyKind.ACK and len(tokens) == 2:
        return Ack(seq)
    if kind == ReplyKind.DONE:
        return Done(seq, _decode_fields(tokens[2:], line))
    if kind == ReplyKind.ERR and len(tokens) >= 3:
        return Refusal(seq, tokens[2], _decode_fields(tokens[3:], line))
    raise ProtocolError(line, f"unknown reply {kind!r}")


def _decode_hello(tokens: list[str], line: bytes) -> Hello:
    if not tokens:
        raise ProtocolError(line, "hello without a protocol version")
    name, slash, version = tokens[0].partition("/")
    if name != PROTOCOL_NAME or not slash or not version.isascii() or not version.isdigit():
        raise ProtocolError(line, f"expected '{PROTOCOL_NAME}/<version>', got {tokens[0]!r}")
    fields = dict(_decode_fields(tokens[1:], line))
    known = ("kind", "name", "fw", "caps", "wd", "plan")
    missing = [k for k in known[:3] if not fields.get(k)]
    if missing:
        raise ProtocolError(line, f"hello without {', '.join(missing)}")
    try:
        watchdog = int(fields.get("wd", "500"))
        plan = int(fields.get("plan", "0"))
    except ValueError:
        raise ProtocolError(line, "wd= and plan= must be whole numbers") from None
    caps = fields.get("caps", "")
    return Hello(
        version=int(version[:6]),
        kind=fields["kind"],
        name=fields["name"],
        firmware=fields["fw"],
        caps=frozenset(c for c in caps.split(",") if c),
        watchdog_ms=watchdog,
        plan_max=plan,
        extra=tuple((k, v) for k, v in fields.items() if k not in known),
    )


class LineBuffer:
    """Reassembles lines from chunks (BLE packets, serial reads); drops over-long lines.

    Attributes:
        dropped: how many over-long lines were discarded.
    """

    def __init__(self, max_line: int = MAX_ROBOT_LINE) -> None:
        self.max_line = max_line
        self.dropped = 0
        self._buf = bytearray()
        self._skipping = False

    def feed(self, data: bytes) -> list[bytes]:
        """Adds ``data`` and returns the complete lines (without ``\\r\\n``), oldest first."""
        lines: list[bytes] = []
        start = 0
        while True:
            end = data.find(b"\n", start)
            if end < 0:
                self._append(data[start:])
                return lines
            self._append(data[start:end])
            if not self._skipping:
                lines.append(bytes(self._buf).rstrip(b"\r"))
            self._buf.clear()
            self._skipping = False
            start = end + 1

    def _append(self, chunk: bytes) -> None:
        if self._skipping:
            return
        self._buf += chunk
        if len(self._buf) > self.max_line + 1:
            self._buf.clear()
            self._skipping = True
            self.dropped += 1
