"""A small keep-alive HTTP/1.1 client for the load generator (one connection per tablet).

The tablets of a load test are many and share a 2-core machine with the server, so each one uses
this client rather than a full library: just enough HTTP for JSON requests with a
``Content-Length`` answer, nothing else. Each tablet connects from its own loopback address
(``127.0.x.y``), as the tablets of a room come from their own addresses, so that per-address
limits (joins, failed tokens) apply to each tablet as they would in a room.
"""

from __future__ import annotations

import asyncio
import json
import re
from dataclasses import dataclass
from typing import Any

_LENGTH = re.compile(rb"(?im)^content-length:[ \t]*(\d+)[ \t]*\r?$")
_CLOSE = re.compile(rb"(?im)^connection:[ \t]*close[ \t]*\r?$")
MAX_ANSWER = 16 * 1024 * 1024


class HttpError(Exception):
    """The connection failed or the answer could not be read (the request may not have run)."""


@dataclass(frozen=True)
class Answer:
    status: int
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body) if self.body else None


class HttpClient:
    """One tablet's HTTP/1.1 connection to the server, opened again when the server closed it.

    Args:
        host: the server's address.
        port: the server's port.
        local_host: the address this client connects from (``None``: any).
        timeout: seconds for one request, answer included.
    """

    def __init__(
        self, host: str, port: int, *, local_host: str | None = None, timeout: float = 10.0
    ) -> None:
        self.host = host
        self.port = port
        self.local_host = local_host
        self.timeout = timeout
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None
        self._turn = asyncio.Lock()  # one request at a time on one HTTP/1.1 connection

    async def _connect(self) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        local = (self.local_host, 0) if self.local_host else None
        reader, writer = await asyncio.open_connection(self.host, self.port, local_addr=local)
        self._reader, self._writer = reader, writer
        return reader, writer

    def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
        self._reader = self._writer = None

    async def request(
        self,
        method: str,
        path: str,
        body: Any = None,
        headers: dict[str, str] | None = None,
    ) -> Answer:
        """Sends one request (``body`` as JSON) and reads the whole answer.

        A keep-alive connection the server closed while idle is opened again and the request sent
        again once, as browsers do: the server had not read it.

        Raises:
            HttpError: the server could not be reached or the answer is broken.
        """
        data = b"" if body is None else json.dumps(body, separators=(",", ":")).encode()
        lines = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}"]
        if body is not None:
            lines.append("Content-Type: application/json")
        lines.append(f"Content-Length: {len(data)}")
        lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
        raw = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + data
        async with self._turn:
            fresh = self._writer is None or self._reader is None or self._reader.at_eof()
            try:
                try:
                    return await asyncio.wait_for(self._exchange(raw, fresh), self.timeout)
                except _StaleConnection:
                    return await asyncio.wait_for(self._exchange(raw, True), self.timeout)
            except (OSError, TimeoutError, asyncio.IncompleteReadError, ValueError) as exc:
                self.close()
                raise HttpError(f"{method} {path}: {type(exc).__name__}: {exc}") from None

    async def _exchange(self, raw: bytes, fresh: bool) -> Answer:
        if fresh:
            self.close()
            reader, writer = await self._connect()
        else:
            assert self._reader is not None and self._writer is not None
            reader, writer = self._reader, self._writer
        try:
            writer.write(raw)
            await writer.drain()
            head = await reader.readuntil(b"\r\n\r\n")
        except (ConnectionError, asyncio.IncompleteReadError) as exc:
            self.close()
            if not fresh and (not isinstance(exc, asyncio.IncompleteReadError) or not exc.partial):
                raise _StaleConnection from None
            raise
        status = int(head[9:12])
        found = _LENGTH.search(head)
        if found is None:
            self.close()
            raise ValueError("answer without Content-Length")
        length = int(found.group(1))
        if length > MAX_ANSWER:
            self.close()
            raise ValueError(f"answer of {length} bytes")
        body = await reader.readexactly(length)
        if _CLOSE.search(head):
            self.close()
        return Answer(status, body)


class _StaleConnection(Exception):
    """The idle keep-alive connection was closed by the server before it read the request."""
