"""RoboLab robot protocol 1, the robot's side, for MicroPython robots and the virtual robot.

This one file runs unchanged on MicroPython (ESP32, micro:bit v2) and on CPython: the ESP32 and
micro:bit entry points, the tests (with ``shim.py``) and ``firmware_bridge``'s virtual robot all
use it. It only touches hardware through a :class:`Hardware` object, and it never blocks: feed it
the bytes you receive (:meth:`Core.feed`) and call :meth:`Core.poll` every few milliseconds.

Kept MicroPython-friendly on purpose: no dataclasses, no f-strings, no typing imports, no
``from __future__``; annotations use built-in names only (MicroPython ignores them), and type
comments where mypy needs more. ``%`` formatting and list concatenation are kept on purpose: they
work on every MicroPython port, f-strings and ``[*a, b]`` do not.
"""
# ruff: noqa: UP031, RUF005

PROTOCOL = 1
FIRMWARE = "1.0.0"
WATCHDOG_MS = 400  # motors stop this long after the last valid frame (the spec allows <= 500)
MAX_LINE = 64
MAX_SEQ = 999
IDENT_MS = 1000

SENSORS = ("ahead", "left", "right", "goal", "gem", "color")
HEADINGS = "NESW"
DELTAS = ((0, -1), (1, 0), (0, 1), (-1, 0))
STEP_CODES = "FBLRfb"
QUERIES = ("HELLO", "HB", "STOP", "SENSE", "STATUS", "BAT")
SETTERS = ("POSE", "CAL", "NAME")  # queries without arguments, remembered with arguments
CAL_KEYS = ("cell", "speed", "track", "trim", "power")
CAL_LIMITS = {
    "cell": (20, 2000),
    "speed": (10, 5000),
    "track": (20, 500),
    "trim": (-50, 50),
    "power": (10, 100),
}
DEFAULT_CAL = {"cell": 150, "speed": 150, "track": 120, "trim": 0, "power": 80}
NAME_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-"


def crc8(data: bytes) -> int:
    """CRC-8, polynomial 0x07, initial value 0 (the ``*HH`` suffix of a line)."""
    crc = 0
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = ((crc << 1) ^ 0x07) & 0xFF if crc & 0x80 else (crc << 1) & 0xFF
    return crc


def valid_name(name: str) -> bool:
    return 1 <= len(name) <= 16 and all(ch in NAME_CHARS for ch in name)


def _is_int(text: str) -> bool:
    if text[:1] == "-":
        text = text[1:]
    return 0 < len(text) <= 6 and text.isdigit()


class Hardware:
    """The robot body as the core sees it. Subclass it for a board; every method is cheap.

    ``caps`` lists the optional capabilities of the body: own sensors (``ahead``, ``left``,
    ``right``, ``goal``, ``gem``, ``color``), ``bump``, ``battery``, ``identify``, ``name``.
    The core adds ``crc`` and (when ``plan_max`` > 0) ``upload`` itself.
    """

    kind = "generic"
    caps = ()  # type: tuple[str, ...]
    plan_max = 128

    def ticks_ms(self) -> int:
        raise NotImplementedError

    def ticks_diff(self, a: int, b: int) -> int:
        """``a - b`` in milliseconds (MicroPython's ``time.ticks_diff`` on real boards)."""
        return a - b

    def write(self, data: bytes) -> None:
        """Sends bytes to the host (UART, BLE notifications)."""
        raise NotImplementedError

    def motors(self, left: int, right: int) -> None:
        """Drives the wheels, -100..100 percent each; ``(0, 0)`` stops them."""

    def indicator(self, on: bool) -> None:
        """The identify light and beeper."""

    def battery(self) -> tuple[int, int]:
        """``(millivolts, percent)``; only called with the ``battery`` capability."""
        return (0, 0)

    def sense(self, name: str, x: int, y: int, heading: int) -> "int | str":
        """An own sensor: 1/0 for path, goal and gem sensors; a colour name or "none"."""
        return 0

    def bumped(self) -> bool:
        """True while the bumper is pressed (only with the ``bump`` capability)."""
        return False

    def load(self) -> "dict[str, object]":
        """Stored settings (name and calibration), or an empty dict."""
        return {}

    def save(self, settings: "dict[str, object]") -> None:
        """Stores settings across power cycles (no-op when the board cannot)."""


class _Job:
    """A running motion: one ``MOVE`` or a whole plan (``RUN``)."""

    def __init__(self, seq: int, steps: list[tuple[str, int]], is_plan: bool) -> None:
        self.seq = seq
        self.steps = steps  # [(code, block), ...]
        self.is_plan = is_plan
        self.index = 0
        self.phases = []  # type: list[tuple[int, int, int]]
        self.phase = 0
        self.t0 = 0
        self.crashed = False


class Core:
    """The protocol engine of one robot: parses frames, drives motions, keeps the watchdog."""

    def __init__(self, hw: Hardware, name: str = "RoboLab") -> None:
        self.hw = hw
        settings = hw.load() or {}
        stored = settings.get("name", name)
        self.name = stored if isinstance(stored, str) and valid_name(stored) else name
        self.cal = dict(DEFAULT_CAL)
        for key in CAL_KEYS:
            value = settings.get(key)
            low, high = CAL_LIMITS[key]
            if isinstance(value, int) and low <= value <= high:
                self.cal[key] = value
        caps = list(hw.caps) + ["crc"]
        if hw.plan_max > 0:
            caps.append("upload")
        self.caps = sorted(caps)
        self.x = 0
        self.y = 0
        self.heading = 0
        self.plan = []  # type: list[tuple[str, int]]
        self.plan_len = 0
        self.plan_done = 0
        self.bad_frames = 0
        self._buf = bytearray()
        self._skipping = False
        self._ident_until = None  # type: int | None
        self.job = None  # type: _Job | None
        self.armed = False
        self.tripped = False
        self.last_rx = hw.ticks_ms()
        self.last_seq = 0
        self.last_reply = None  # type: str | None

    # -- input -------------------------------------------------------------------------------

    def boot(self) -> None:
        """Announces the robot (call once after power-up or when a host connects)."""
        self.send(self.hello_line())

    def feed(self, data: bytes) -> None:
        """Handles received bytes; complete lines are executed at once."""
        for byte in data:
            if byte == 10:
                if not self._skipping:
                    self._line(bytes(self._buf))
                self._buf = bytearray()
                self._skipping = False
            elif not self._skipping:
                self._buf.append(byte)
                if len(self._buf) > MAX_LINE + 1:
                    self._skipping = True
                    self.bad_frames += 1

    def poll(self) -> None:
        """Runs timers: the watchdog, the current motion, the identify blink."""
        now = self.hw.ticks_ms()
        if self.armed and self.hw.ticks_diff(now, self.last_rx) > WATCHDOG_MS:
            self._trip()
        if self.job is not None:
            self._advance(self.job, now)
        if self._ident_until is not None:
            left = self.hw.ticks_diff(self._ident_until, now)
            if left <= 0:
                self._ident_until = None
                self.hw.indicator(False)
            else:
                self.hw.indicator((left // 100) % 2 == 0)

    def _line(self, raw: bytes) -> None:
        if raw[-1:] == b"\r":
            raw = raw[:-1]
        for byte in raw:
            if byte < 32 or byte > 126:
                self.bad_frames += 1
                return
        text = raw.decode()
        star = text.rfind("*")
        if star >= 0:
            digits = text[star + 1 :]
            text = text[:star]
            if len(digits) != 2 or not _is_hex(digits) or int(digits, 16) != crc8(text.encode()):
                self.bad_frames += 1
                return
        parts = text.split()
        if len(parts) < 2 or len(parts[0]) > 3 or not parts[0].isdigit() or int(parts[0]) < 1:
            self.bad_frames += 1
            return
        self.last_rx = self.hw.ticks_ms()  # a valid frame: it feeds the watchdog
        self._frame(int(parts[0]), parts[1], parts[2:])

    def _frame(self, seq: int, verb: str, args: list[str]) -> None:
        handler = getattr(self, "_do_" + verb, None) if verb.isupper() else None
        if handler is None:
            self.send("%d ERR unknown" % seq)
            return
        remembered = verb not in QUERIES and not (verb in SETTERS and not args)
        if remembered:
            if seq == self.last_seq:
                self.send(self.last_reply or "%d ACK" % seq)
                return
            self.last_seq = seq
            self.last_reply = None
        reply = handler(seq, args)
        if reply is not None:
            if remembered:
                self.last_reply = reply
            self.send(reply)

    # -- output ------------------------------------------------------------------------------

    def send(self, text: str) -> None:
        payload = text.encode()
        self.hw.write(payload + b"*%02X\n" % crc8(payload))

    def hello_line(self) -> str:
        return "HELLO robolab/%d kind=%s name=%s fw=%s caps=%s wd=%d plan=%d" % (
            PROTOCOL,
            self.hw.kind,
            self.name,
            FIRMWARE,
            ",".join(self.caps),
            WATCHDOG_MS,
            self.hw.plan_max,
        )

    def state(self) -> str:
        if self.job is not None:
            return "busy"
        if self.armed:
            return "ready"
        return "wd" if self.tripped else "off"

    def pose_fields(self) -> str:
        return "x=%d y=%d h=%s" % (self.x, self.y, HEADINGS[self.heading])

    # -- commands ----------------------------------------------------------------------------

    def _do_HELLO(self, seq: int, args: list[str]) -> str:
        self._abort()
        self.armed = False
        self.tripped = False
        self.last_seq = 0
        self.last_reply = None
        self.send(self.hello_line())
        return "%d DONE" % seq

    def _do_HB(self, seq: int, args: list[str]) -> str:
        return "%d DONE st=%s" % (seq, self.state())

    def _do_ARM(self, seq: int, args: list[str]) -> str:
        if args:
            return "%d ERR args" % seq
        self.armed = True
        self.tripped = False
        return "%d DONE" % seq

    def _do_STOP(self, seq: int, args: list[str]) -> str:
        self._abort()
        self.armed = False
        return "%d DONE" % seq

    def _do_MOVE(self, seq: int, args: list[str]) -> "str | None":
        step = _parse_step(args[0]) if len(args) == 1 else None
        if step is None:
            return "%d ERR args" % seq
        return self._start(seq, [step], False)

    def _do_SENSE(self, seq: int, args: list[str]) -> str:
        if len(args) != 1 or args[0] not in SENSORS:
            return "%d ERR args" % seq
        if args[0] not in self.caps:
            return "%d ERR unsupported" % seq
        value = self.hw.sense(args[0], self.x, self.y, self.heading)
        if args[0] != "color":
            value = 1 if value else 0
        return "%d DONE v=%s" % (seq, value)

    def _do_POSE(self, seq: int, args: list[str]) -> str:
        if args:
            if len(args) != 3 or not _is_int(args[0]) or not _is_int(args[1]):
                return "%d ERR args" % seq
            if len(args[2]) != 1 or args[2] not in HEADINGS:
                return "%d ERR args" % seq
            if self.job is not None:
                return "%d ERR busy" % seq
            self.x, self.y, self.heading = int(args[0]), int(args[1]), HEADINGS.index(args[2])
        return "%d DONE %s" % (seq, self.pose_fields())

    def _do_STATUS(self, seq: int, args: list[str]) -> str:
        return "%d DONE st=%s n=%d p=%d %s" % (
            seq,
            self.state(),
            self.plan_done,
            self.plan_len,
            self.pose_fields(),
        )

    def _do_CAL(self, seq: int, args: list[str]) -> str:
        changes = {}
        for arg in args:
            key, _, value = arg.partition("=")
            if key not in CAL_LIMITS or not _is_int(value):
                return "%d ERR args key=%s" % (seq, key or "?")
            low, high = CAL_LIMITS[key]
            if not low <= int(value) <= high:
                return "%d ERR range key=%s min=%d max=%d" % (seq, key, low, high)
            changes[key] = int(value)
        if changes:
            if self.job is not None:
                return "%d ERR busy" % seq
            self.cal.update(changes)
            self._save()
        fields = " ".join("%s=%d" % (k, self.cal[k]) for k in CAL_KEYS)
        return "%d DONE %s" % (seq, fields)

    def _do_BAT(self, seq: int, args: list[str]) -> str:
        if "battery" not in self.caps:
            return "%d ERR unsupported" % seq
        mv, pct = self.hw.battery()
        return "%d DONE mv=%d pct=%d" % (seq, mv, pct)

    def _do_IDENT(self, seq: int, args: list[str]) -> str:
        if "identify" not in self.caps:
            return "%d ERR unsupported" % seq
        self._ident_until = self.hw.ticks_ms() + IDENT_MS
        self.hw.indicator(True)
        return "%d DONE" % seq

    def _do_NAME(self, seq: int, args: list[str]) -> str:
        if args:
            if "name" not in self.caps:
                return "%d ERR unsupported" % seq
            if len(args) != 1 or not valid_name(args[0]):
                return "%d ERR args" % seq
            self.name = args[0]
            self._save()
        return "%d DONE name=%s" % (seq, self.name)

    def _do_PLAN(self, seq: int, args: list[str]) -> str:
        if "upload" not in self.caps:
            return "%d ERR unsupported" % seq
        if len(args) != 1 or not args[0].isdigit():
            return "%d ERR args" % seq
        if self.job is not None:
            return "%d ERR busy" % seq
        total = int(args[0])
        if not 1 <= total <= self.hw.plan_max:
            return "%d ERR full max=%d" % (seq, self.hw.plan_max)
        self.plan = []
        self.plan_len = total
        self.plan_done = 0
        return "%d DONE" % seq

    def _do_ADD(self, seq: int, args: list[str]) -> str:
        if "upload" not in self.caps:
            return "%d ERR unsupported" % seq
        if len(args) < 2 or not args[0].isdigit():
            return "%d ERR args" % seq
        start = int(args[0])
        steps = []  # type: list[tuple[str, int]]
        for token in args[1:]:
            step = _parse_step(token)
            if step is None:
                return "%d ERR args" % seq
            steps.append(step)
        if self.plan_len == 0 or start > len(self.plan):
            return "%d ERR noplan" % seq
        if start + len(steps) > self.plan_len:
            return "%d ERR full max=%d" % (seq, self.plan_len)
        self.plan = self.plan[:start] + steps + self.plan[start + len(steps) :]
        return "%d DONE n=%d" % (seq, len(self.plan))

    def _do_RUN(self, seq: int, args: list[str]) -> "str | None":
        if "upload" not in self.caps:
            return "%d ERR unsupported" % seq
        if self.plan_len == 0 or len(self.plan) != self.plan_len:
            return "%d ERR noplan" % seq
        self.plan_done = 0
        return self._start(seq, list(self.plan), True)

    # -- motion ------------------------------------------------------------------------------

    def _start(self, seq: int, steps: list[tuple[str, int]], is_plan: bool) -> "str | None":
        if not self.armed:
            return "%d ERR disarmed" % seq
        if self.job is not None:
            return "%d ERR busy" % seq
        job = _Job(seq, steps, is_plan)
        self.job = job
        self.send("%d ACK" % seq)
        self._begin_step(job, self.hw.ticks_ms())
        return None

    def _phases(self, code: str) -> list[tuple[int, int, int]]:
        power = self.cal["power"]
        cell_ms = self.cal["cell"] * 1000 // self.cal["speed"]
        # a quarter turn: each wheel runs a quarter of the circle of diameter "track"
        turn_ms = 785 * self.cal["track"] * (100 + self.cal["trim"]) // (self.cal["speed"] * 100)
        nudge = max(cell_ms // 4, 1)
        if code == "F":
            return [(power, power, cell_ms)]
        if code == "B":
            return [(-power, -power, cell_ms)]
        if code == "L":
            return [(-power, power, max(turn_ms, 1))]
        if code == "R":
            return [(power, -power, max(turn_ms, 1))]
        if code == "f":
            return [(power, power, nudge), (-power, -power, nudge)]
        return [(-power, -power, nudge), (power, power, nudge)]

    def _begin_step(self, job: _Job, now: int) -> None:
        job.phases = self._phases(job.steps[job.index][0])
        job.phase = 0
        job.crashed = False
        job.t0 = now
        left, right, _ = job.phases[0]
        self.hw.motors(left, right)

    def _advance(self, job: _Job, now: int) -> None:
        code = job.steps[job.index][0]
        left, right, duration = job.phases[job.phase]
        elapsed = self.hw.ticks_diff(now, job.t0)
        if code in "FB" and not job.crashed and "bump" in self.caps and self.hw.bumped():
            # back to the middle of the cell, for as long as we drove out of it
            job.phases = [(-left, -right, max(elapsed, 1))]
            job.phase = 0
            job.crashed = True
            job.t0 = now
            self.hw.motors(-left, -right)
            return
        if elapsed < duration:
            return
        job.phase += 1
        if job.phase < len(job.phases):
            job.t0 = now
            left, right, _ = job.phases[job.phase]
            self.hw.motors(left, right)
            return
        self.hw.motors(0, 0)
        self._end_step(job, now)

    def _end_step(self, job: _Job, now: int) -> None:
        code, block = job.steps[job.index]
        crashed = job.crashed or code in "fb"
        if not crashed:
            if code in "FB":
                dx, dy = DELTAS[self.heading if code == "F" else (self.heading + 2) % 4]
                self.x += dx
                self.y += dy
            else:
                self.heading = (self.heading + (3 if code == "L" else 1)) % 4
        motion = "crash" if crashed else "ok"
        job.index += 1
        if not job.is_plan:
            self._finish(job, "%d DONE m=%s %s" % (job.seq, motion, self.pose_fields()))
            return
        self.plan_done = job.index
        self.send("EV STEP i=%d b=%d m=%s %s" % (job.index - 1, block, motion, self.pose_fields()))
        if crashed or job.index >= len(job.steps):
            self._finish(
                job, "%d DONE n=%d m=%s %s" % (job.seq, job.index, motion, self.pose_fields())
            )
        else:
            self._begin_step(job, now)

    def _finish(self, job: _Job, reply: str) -> None:
        seq = job.seq
        self.job = None
        if seq == self.last_seq:
            self.last_reply = reply
        self.send(reply)

    def _abort(self) -> None:
        self.hw.motors(0, 0)
        job = self.job
        if job is not None:
            if job.is_plan:
                self._finish(job, "%d ERR stopped n=%d" % (job.seq, job.index))
            else:
                self._finish(job, "%d ERR stopped" % job.seq)

    def _trip(self) -> None:
        self._abort()
        self.armed = False
        self.tripped = True
        self.send("EV WD")

    def _save(self) -> None:
        settings = {"name": self.name}  # type: dict[str, object]
        settings.update(self.cal)
        self.hw.save(settings)


def _is_hex(text: str) -> bool:
    return all(ch in "0123456789ABCDEFabcdef" for ch in text)


def _parse_step(token: str) -> "tuple[str, int] | None":
    """``"F3"`` -> ``("F", 3)``; ``None`` when malformed."""
    if not token or token[0] not in STEP_CODES:
        return None
    digits = token[1:]
    if digits and (not digits.isdigit() or len(digits) > 5 or int(digits) > 65535):
        return None
    return (token[0], int(digits) if digits else 0)
