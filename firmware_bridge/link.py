"""The link layer: hello handshake, sequence numbers, acks, retries, heartbeat, connection state.

Every wait is raced against the link dropping, so nothing hangs on an unplugged robot: a waiting
call raises :class:`~firmware_bridge.errors.LinkLost` as soon as the transport reports the loss
or the robot has been silent for ``LinkTiming.silence`` seconds.

Frames that change something (``MOVE``, ``ADD``, ``RUN``, ``ARM``...) are sent one at a time
and repeated with the *same* sequence number until a final reply comes, so the robot can answer a
repeat without acting twice. Queries (``HB``, ``STOP``, ``SENSE``...) may overtake them.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any, TypeVar

from firmware_bridge.codec import LineBuffer, decode_line, encode_frame
from firmware_bridge.errors import (
    HelloTimeout,
    IncompatibleRobot,
    LinkLost,
    ProtocolError,
    RobotRefused,
    RobotTimeout,
)
from firmware_bridge.protocol import (
    MAX_SEQ,
    PROTOCOL_VERSION,
    QUERIES,
    WATCHDOG_LIMIT_MS,
    Ack,
    Capability,
    Done,
    Event,
    EventName,
    Frame,
    Hello,
    Refusal,
    RobotLine,
    Verb,
)
from firmware_bridge.transports.base import Transport

log = logging.getLogger(__name__)
T = TypeVar("T")


class ConnectionState(StrEnum):
    """Where a link is in its life."""

    DISCONNECTED = "disconnected"
    """Not opened yet."""
    CONNECTING = "connecting"
    """Opening the port or the Bluetooth connection."""
    HANDSHAKE = "handshake"
    """Waiting for the robot's hello."""
    READY = "ready"
    """Hello received; commands may be sent."""
    LOST = "lost"
    """Dropped by itself (unplugged, out of range, silent, reset); a reconnect may follow."""
    CLOSED = "closed"
    """Closed on purpose."""


@dataclass(frozen=True, slots=True)
class LinkTiming:
    """Timeouts of a link, in seconds (defaults suit USB serial; BLE doubles ``retry_after``).

    Attributes:
        hello_wait: how long to wait for the robot's own hello before asking (see
            :attr:`Transport.hello_wait`); ``None`` takes the transport's value.
        hello_timeout: how long to keep asking for a hello before giving up.
        heartbeat: the longest gap between two frames; the robot's watchdog is at most 0.5 s.
        retry_after: a frame with no reply at all is sent again after this long
            (``None``: the transport's value).
        retries: how many times; then :class:`RobotTimeout`.
        poll_after: an accepted command (``ACK``) is sent again after this long to learn its end.
        done_timeout: the longest an accepted command may take.
        silence: no line at all from the robot for this long means the link is lost.
    """

    hello_wait: float | None = None
    hello_timeout: float = 3.0
    heartbeat: float = 0.1
    retry_after: float | None = None
    retries: int = 4
    poll_after: float = 1.0
    done_timeout: float = 60.0
    silence: float = 1.2


@dataclass(slots=True)
class LinkStats:
    """Counters for diagnostics (``robolab robots test``) and the fleet panel."""

    sent: int = 0
    received: int = 0
    bad_lines: int = 0
    resent: int = 0
    rtt: float | None = None
    robot_state: str = ""
    rtts: list[float] = field(default_factory=list)


class _Pending:
    __slots__ = ("acked", "final", "verb")

    def __init__(self, loop: asyncio.AbstractEventLoop, verb: Verb) -> None:
        self.verb = verb
        self.acked: asyncio.Future[None] = loop.create_future()
        self.final: asyncio.Future[Done | Refusal] = loop.create_future()


StateListener = Callable[["ConnectionState"], None]
EventListener = Callable[[Event], None]


class RobotLink:
    """A conversation with one robot over a :class:`Transport`.

    Use ``await RobotLink(transport).open()``, then :meth:`request`; :meth:`close` when done.
    """

    def __init__(self, transport: Transport, *, timing: LinkTiming | None = None) -> None:
        self.transport = transport
        timing = timing or LinkTiming()
        self.timing = replace(
            timing,
            hello_wait=transport.hello_wait if timing.hello_wait is None else timing.hello_wait,
            retry_after=transport.retry_after if timing.retry_after is None else timing.retry_after,
        )
        self.state = ConnectionState.DISCONNECTED
        self.hello: Hello | None = None
        self.stats = LinkStats()
        self.lost_reason = ""
        self.checksum = False
        self._loop: asyncio.AbstractEventLoop | None = None
        self._lines = LineBuffer()
        self._pending: dict[int, _Pending] = {}
        self._heartbeats: dict[int, float] = {}
        self._seq = 0
        self._last_remembered = 0
        self._exclusive = asyncio.Lock()
        self._lost: asyncio.Future[str] | None = None
        self._hello_seen: asyncio.Future[Hello] | None = None
        self._heartbeat_task: asyncio.Task[None] | None = None
        self._background: set[asyncio.Task[None]] = set()
        self._last_rx = 0.0
        self._last_tx = 0.0
        self._state_listeners: list[StateListener] = []
        self._event_listeners: list[EventListener] = []
        transport.bind(self._on_data, self._on_lost)

    # -- public ------------------------------------------------------------------------------

    @property
    def label(self) -> str:
        """The robot's name once known, else the transport's URL (for messages)."""
        return self.hello.name if self.hello is not None else self.transport.url

    @property
    def is_ready(self) -> bool:
        return self.state is ConnectionState.READY

    def has(self, cap: Capability) -> bool:
        return self.hello is not None and self.hello.has(cap)

    def on_state(self, listener: StateListener) -> Callable[[], None]:
        """Calls ``listener(state)`` on every state change; returns a function that unsubscribes."""
        self._state_listeners.append(listener)
        return lambda: _discard(self._state_listeners, listener)

    def on_event(self, listener: EventListener) -> Callable[[], None]:
        """Calls ``listener(event)`` for every ``EV`` line; returns a function that unsubscribes."""
        self._event_listeners.append(listener)
        return lambda: _discard(self._event_listeners, listener)

    async def open(self) -> Hello:
        """Connects, waits for the robot's hello and starts the heartbeat.

        Raises:
            TransportError: the port or the Bluetooth connection cannot be opened.
            HelloTimeout: no hello came (not a RoboLab robot?).
            IncompatibleRobot: the robot speaks another protocol version.
        """
        self._loop = asyncio.get_running_loop()
        self._lost = self._loop.create_future()
        self._hello_seen = self._loop.create_future()
        self._set_state(ConnectionState.CONNECTING)
        try:
            await self.transport.open()
            self._set_state(ConnectionState.HANDSHAKE)
            self._last_rx = self._loop.time()
            hello = await self._handshake()
        except BaseException:
            await self._shutdown(ConnectionState.CLOSED, "")
            raise
        self.hello = hello
        self.checksum = hello.has(Capability.CRC)
        self._set_state(ConnectionState.READY)
        self._heartbeat_task = self._loop.create_task(self._heartbeat_forever())
        return hello

    async def request(self, verb: Verb, *args: str) -> Done:
        """Sends one command and returns its final ``DONE``.

        Raises:
            RobotRefused: the robot answered ``ERR``.
            RobotTimeout: no final reply after every retry.
            LinkLost: the link dropped meanwhile.
        """
        self._require_ready()
        if verb in QUERIES or (verb in (Verb.POSE, Verb.CAL, Verb.NAME) and not args):
            return await self._exchange(verb, args)
        async with self._exclusive:
            return await self._exchange(verb, args, remembered=True)

    async def close(self, *, stop: bool = True) -> None:
        """Stops the robot (when asked and still connected) and closes the transport."""
        if stop and self.state is ConnectionState.READY:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._exchange(Verb.STOP, (), tries=1), 0.5)
        await self._shutdown(ConnectionState.CLOSED, "closed")

    def stop_heartbeat(self) -> None:
        """Stops sending heartbeats (and watching for silence): the robot's watchdog will trip.

        For checking that watchdog (tests, ``make bench``); commands still work afterwards.
        """
        if self._heartbeat_task is not None:
            self._heartbeat_task.cancel()
            self._heartbeat_task = None

    async def wait_lost(self) -> str:
        """Waits until the link drops; returns why."""
        if self._lost is None:
            raise RuntimeError("open() the link first")
        return await asyncio.shield(self._lost)

    # -- sending -----------------------------------------------------------------------------

    def _next_seq(self) -> int:
        self._seq = self._seq % MAX_SEQ + 1
        return self._seq

    async def _send(self, frame: Frame) -> None:
        data = encode_frame(frame, checksum=self.checksum)
        assert self._loop is not None
        self._last_tx = self._loop.time()
        self.stats.sent += 1
        await self._race(self.transport.write(data))

    async def _exchange(
        self, verb: Verb, args: tuple[str, ...], *, tries: int = 0, remembered: bool = False
    ) -> Done:
        assert self._loop is not None
        loop = self._loop
        seq = self._next_seq()
        if remembered:
            # After 999 frames the numbers wrap: a new remembered frame must not reuse the number
            # of the one the robot still remembers, or it would be taken for a repeat.
            if seq == self._last_remembered:
                seq = self._next_seq()
            self._last_remembered = seq
        frame = Frame(seq, verb, args)
        pending = _Pending(loop, verb)
        self._pending[seq] = pending
        retry_after = self.timing.retry_after or 0.25
        tries = tries or self.timing.retries + 1
        try:
            await self._send(frame)
            sent = 1
            acked_at: float | None = None
            while True:
                waiting: set[asyncio.Future[Any]] = {pending.final}
                if acked_at is None:
                    waiting.add(pending.acked)
                timeout = retry_after if acked_at is None else self.timing.poll_after
                await self._race_many(waiting, timeout)
                if pending.final.done():
                    break
                now = loop.time()
                if acked_at is None and pending.acked.done():
                    acked_at = now
                    continue
                if acked_at is None and sent >= tries:
                    raise RobotTimeout(verb.value, seq, retry_after * sent, robot=self.label)
                if acked_at is not None and now - acked_at > self.timing.done_timeout:
                    raise RobotTimeout(verb.value, seq, now - acked_at, robot=self.label)
                self.stats.resent += 1
                sent += 1
                await self._send(frame)  # the same seq: the robot answers without acting twice
        finally:
            del self._pending[seq]
        reply = pending.final.result()
        if isinstance(reply, Refusal):
            raise RobotRefused(verb.value, seq, reply.code, robot=self.label)
        return reply

    async def _race(self, work: Coroutine[Any, Any, None]) -> None:
        """Awaits ``work`` unless the link drops first."""
        task = asyncio.ensure_future(work)
        try:
            await self._race_many({task}, None)
        finally:
            if not task.done():
                task.cancel()
            elif not task.cancelled():
                task.exception()  # retrieved even when the loss won the race
        task.result()

    async def _race_many(self, futures: set[asyncio.Future[Any]], timeout: float | None) -> None:
        assert self._lost is not None
        if self._lost.done():
            raise LinkLost(self._lost.result(), robot=self.label)
        await asyncio.wait(
            {*futures, self._lost}, timeout=timeout, return_when=asyncio.FIRST_COMPLETED
        )
        if self._lost.done() and not any(f.done() for f in futures):
            raise LinkLost(self._lost.result(), robot=self.label)

    # -- handshake and heartbeat -------------------------------------------------------------

    async def _handshake(self) -> Hello:
        assert self._hello_seen is not None and self._loop is not None
        loop = self._loop
        start = loop.time()
        wait = self.timing.hello_wait or 0.0
        if wait > 0:
            with contextlib.suppress(TimeoutError):
                await self._race_many({self._hello_seen}, wait)
        # Always end with our own HELLO: it resets the robot's session (disarmed, fresh sequence
        # memory) and its DONE marks the point after which any other hello means a reboot.
        deadline = start + wait + self.timing.hello_timeout
        retry = max(self.timing.retry_after or 0.25, 0.3)
        while True:
            try:
                await self._exchange(Verb.HELLO, (), tries=1)
                if self._hello_seen.done():
                    break
            except RobotTimeout:
                pass
            except RobotRefused as err:
                raise HelloTimeout(self.transport.url, loop.time() - start) from err
            if loop.time() + retry > deadline:
                raise HelloTimeout(self.transport.url, loop.time() - start)
        hello = self._hello_seen.result()
        if hello.version != PROTOCOL_VERSION:
            raise IncompatibleRobot(hello.version, PROTOCOL_VERSION, robot=hello.name)
        if not 0 < hello.watchdog_ms <= WATCHDOG_LIMIT_MS:
            raise IncompatibleRobot(hello.version, PROTOCOL_VERSION, robot=hello.name)
        return hello

    async def _heartbeat_forever(self) -> None:
        assert self._loop is not None
        loop = self._loop
        period = self.timing.heartbeat
        if self.hello is not None:
            period = min(period, self.hello.watchdog_ms / 4000)
        while self.state is ConnectionState.READY:
            now = loop.time()
            if now - self._last_rx > self.timing.silence:
                self._lose("silent")
                return
            if now - self._last_tx >= period * 0.9:
                seq = self._next_seq()
                self._heartbeats[seq] = now
                if len(self._heartbeats) > 32:
                    self._heartbeats.pop(next(iter(self._heartbeats)))
                try:
                    await self._send(Frame(seq, Verb.HB))
                except (LinkLost, OSError):
                    return
            await asyncio.sleep(period / 2)

    # -- receiving ---------------------------------------------------------------------------

    def _on_data(self, data: bytes) -> None:
        for raw in self._lines.feed(data):
            try:
                line = decode_line(raw)
            except ProtocolError as err:
                self.stats.bad_lines += 1
                log.debug("%s: ignored %r (%s)", self.label, raw, err.reason)
                continue
            self.stats.received += 1
            if self._loop is not None:
                self._last_rx = self._loop.time()
            self._dispatch(line)
        self.stats.bad_lines += self._lines.dropped
        self._lines.dropped = 0

    def _dispatch(self, line: RobotLine) -> None:
        if isinstance(line, Hello):
            if self.state is ConnectionState.HANDSHAKE and self._hello_seen is not None:
                if self._hello_seen.done():
                    self._hello_seen = _resolved(self._loop, line)
                else:
                    self._hello_seen.set_result(line)
            elif self.state is ConnectionState.READY:
                self._lose("reset")  # the robot rebooted: its session is gone
            return
        if isinstance(line, Event):
            self._on_robot_event(line)
            return
        pending = self._pending.get(line.seq)
        if pending is None:
            self._on_unmatched(line)
            return
        if isinstance(line, Ack):
            if not pending.acked.done():
                pending.acked.set_result(None)
        elif not pending.final.done():
            pending.final.set_result(line)

    def _on_unmatched(self, line: Ack | Done | Refusal) -> None:
        sent = self._heartbeats.pop(line.seq, None)
        if sent is None or not isinstance(line, Done) or self._loop is None:
            return  # a late answer to a repeated frame: already handled
        rtt = self._loop.time() - sent
        self.stats.rtt = rtt
        self.stats.rtts.append(rtt)
        del self.stats.rtts[:-100]
        self.stats.robot_state = line.get("st", "") or ""

    def _on_robot_event(self, event: Event) -> None:
        if event.name == EventName.WD:
            self.stats.robot_state = "wd"
        for listener in list(self._event_listeners):
            try:
                listener(event)
            except Exception:
                log.exception("%s: event listener failed", self.label)

    def _on_lost(self, reason: str) -> None:
        self._lose(reason or "unplugged")

    # -- state -------------------------------------------------------------------------------

    def _require_ready(self) -> None:
        if self.state is not ConnectionState.READY:
            raise LinkLost(self.lost_reason or self.state.value, robot=self.label)

    def _lose(self, reason: str) -> None:
        if self.state in (ConnectionState.LOST, ConnectionState.CLOSED):
            return
        self.lost_reason = reason
        if self._lost is not None and not self._lost.done():
            self._lost.set_result(reason)
        self._set_state(ConnectionState.LOST)
        if self._loop is not None:
            task = self._loop.create_task(self._shutdown(ConnectionState.LOST, reason))
            self._background.add(task)
            task.add_done_callback(self._background.discard)

    async def _shutdown(self, state: ConnectionState, reason: str) -> None:
        if self._lost is not None and not self._lost.done():
            self._lost.set_result(reason or "closed")
        task, self._heartbeat_task = self._heartbeat_task, None
        if task is not None and task is not asyncio.current_task():
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        if state is ConnectionState.CLOSED:
            self._set_state(ConnectionState.CLOSED)
        with contextlib.suppress(Exception):
            await self.transport.close()

    def _set_state(self, state: ConnectionState) -> None:
        if state is self.state:
            return
        self.state = state
        for listener in list(self._state_listeners):
            try:
                listener(state)
            except Exception:
                log.exception("%s: state listener failed", self.label)


def _resolved(loop: asyncio.AbstractEventLoop | None, hello: Hello) -> asyncio.Future[Hello]:
    assert loop is not None
    future: asyncio.Future[Hello] = loop.create_future()
    future.set_result(hello)
    return future


def _discard(items: list[T], item: T) -> None:
    with contextlib.suppress(ValueError):
        items.remove(item)
