"""The machine's LAN addresses, so tablets in the room know where to connect."""

from __future__ import annotations

import contextlib
import ipaddress
import socket
import struct
import sys
import time


def lan_addresses() -> list[str]:
    """Every IPv4 address of this machine other than loopback, the default route's first."""
    found: list[str] = []
    found += _default_route_address()
    found += _interface_addresses()
    with contextlib.suppress(OSError):
        found += [
            str(info[4][0])
            for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
        ]
    out: list[str] = []
    for address in found:
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            continue
        if ip.is_loopback or ip.is_unspecified or ip.is_link_local or address in out:
            continue
        out.append(address)
    return out


def _default_route_address() -> list[str]:
    # Connecting a UDP socket sends nothing; it only picks the outgoing interface.
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("10.254.254.254", 1))
            return [str(s.getsockname()[0])]
    except OSError:
        return []


def _interface_addresses() -> list[str]:
    """Linux: the address of every interface (SIOCGIFADDR); elsewhere nothing."""
    if not sys.platform.startswith("linux"):
        return []
    import fcntl

    out: list[str] = []
    try:
        names = [name for _, name in socket.if_nameindex()]
    except OSError:
        return []
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        for name in names:
            packed = struct.pack("256s", name.encode()[:15])
            try:
                answer = fcntl.ioctl(s.fileno(), 0x8915, packed)  # SIOCGIFADDR
            except OSError:
                continue
            out.append(socket.inet_ntoa(answer[20:24]))
    return out


def urls_for(host: str, port: int) -> list[str]:
    """The base URLs tablets can use for a server listening on ``host:port``."""
    every = host in ("0.0.0.0", "", "::")
    hosts = (lan_addresses() or ["127.0.0.1"]) if every else [host]
    return [f"http://{_bracket(h)}:{port}" for h in hosts]


def _bracket(host: str) -> str:
    return f"[{host}]" if ":" in host else host


_LOOPBACK_NAMES = ("localhost", "localhost.localdomain", "ip6-localhost")
_cache: tuple[float, list[str]] = (0.0, [])


def _cached_lan_addresses(max_age: float = 30.0) -> list[str]:
    global _cache
    now = time.monotonic()
    if now - _cache[0] > max_age:
        _cache = (now, lan_addresses())
    return _cache[1]


def _is_loopback(host: str) -> bool:
    if host.lower() in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def room_base(scheme: str, host: str, port: int | None, listen_host: str | None) -> str:
    """The base URL tablets should use, seen from a request to ``scheme://host:port``.

    A facilitator often browses the server as ``localhost``, which means nothing to a tablet:
    when the server listens on every interface, the join link uses the LAN address instead.
    """
    if listen_host in ("0.0.0.0", "", "::") and _is_loopback(host):
        lan = _cached_lan_addresses()
        if lan:
            host = lan[0]
    suffix = f":{port}" if port is not None else ""
    return f"{scheme}://{_bracket(host.strip('[]'))}{suffix}"
