"""``robolab serve``: load the packs, open the database, print how to connect, run uvicorn.

The listening socket is bound before anything is printed, so the printed addresses are right
(``--port 0`` picks a free port) and a busy port is a clear message, not a traceback.
"""

from __future__ import annotations

import socket
import sqlite3
import sys
from dataclasses import replace
from typing import TextIO

import segno
import uvicorn

from robolab.i18n import Lang
from robolab.server import admin_store, store
from robolab.server.app import create_app
from robolab.server.catalog import Catalog
from robolab.server.db import SchemaTooNew, connect
from robolab.server.fac_keys import load_keys, new_key
from robolab.server.http import MAX_BODY
from robolab.server.models import Session
from robolab.server.netinfo import urls_for
from robolab.server.room import RoomControl
from robolab.server.state import ServerConfig
from robolab.server.texts import say


def bind(host: str, port: int) -> socket.socket:
    """A listening TCP socket on ``host:port`` (IPv6 when ``host`` is an IPv6 address)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # proto=IPPROTO_TCP matters: asyncio only sets TCP_NODELAY on accepted sockets whose proto
    # says TCP, and without it Nagle + delayed ACKs add 40 ms to every keep-alive answer.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(512)
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


def prepare(
    config: ServerConfig, catalog: Catalog, new_link: bool = False
) -> tuple[str, list[Session], int]:
    """The key of this start's facilitator link (``new_link``: the only good one from now on),
    the open sessions (creating the demo session when asked) and how many idle sessions were
    purged."""
    conn = connect(config.db_path)
    try:
        load_keys(conn)  # forgets the expired keys (and hashes an older RoboLab's plain one)
        token = new_key(conn, forget_others=new_link)
        purged = len(admin_store.purge_sessions(conn, config.keep_days))
        if config.demo:
            store.ensure_demo_session(conn, say("serve.demo_title", "fr"), catalog.ids)
        return token, store.open_sessions(conn), purged
    finally:
        conn.close()


def banner(
    urls: list[str],
    sessions: list[Session],
    token: str,
    config: ServerConfig,
    catalog: Catalog,
    lang: Lang,
    out: TextIO,
    new_link: bool = False,
) -> None:
    """What the facilitator reads in the terminal: addresses, join code and QR code, own link."""
    base = urls[0]
    print(say("serve.title", lang), file=out)
    print(
        say("serve.packs", lang, count=len(catalog.challenges), packs=len(catalog.packs)), file=out
    )
    print(say("serve.data", lang, path=config.db_path), file=out)
    print(file=out)
    print(say("serve.open", lang), file=out)
    for url in urls:
        print(f"  {url}/", file=out)
    join_url = f"{base}/"
    if sessions:
        for session in sessions:
            print(say("serve.session", lang, title=session.title, code=session.code), file=out)
        join_url = f"{base}/j/{sessions[0].code}"
        print(f"  {join_url}", file=out)
    else:
        print(say("serve.no_session", lang), file=out)
    segno.make(join_url, error="l").terminal(out=out, compact=True, border=2)
    print(say("serve.facilitator", lang), file=out)
    print(f"  {base}/facilitator?token={token}", file=out)
    print(say("serve.new_link" if new_link else "serve.link_note", lang), file=out)
    if config.keep_days > 0:
        print(say("serve.keep", lang, days=config.keep_days), file=out)
    print(say("serve.stop", lang), file=out, flush=True)


def serve(
    config: ServerConfig,
    host: str,
    port: int,
    lang: Lang,
    out: TextIO = sys.stdout,
    room: RoomControl | None = None,
    new_link: bool = False,
) -> int:
    """Runs the server until Ctrl+C; returns the exit code. ``room`` is the robots' hook;
    ``new_link`` makes a new facilitator link and lets out every browser let in before."""
    catalog = Catalog.load(config.catalog_roots)
    if not catalog.challenges:
        print(say("serve.no_challenges", lang), file=sys.stderr)
        return 2
    for problem in catalog.problems(lang):
        print(say("serve.pack_problem", lang, text=problem), file=sys.stderr)
    try:
        token, sessions, purged = prepare(config, catalog, new_link)
    except (OSError, sqlite3.Error, SchemaTooNew) as exc:
        print(say("serve.bad_data", lang, path=config.db_path, reason=exc), file=sys.stderr)
        return 2
    try:
        sock = bind(host, port)
    except OSError as exc:
        print(
            say("serve.port_busy", lang, host=host, port=port, reason=exc.strerror or exc),
            file=sys.stderr,
        )
        return 2
    bound_port = int(sock.getsockname()[1])
    banner(urls_for(host, bound_port), sessions, token, config, catalog, lang, out, new_link)
    if purged:
        print(say("serve.purged", lang, n=purged, days=config.keep_days), file=out, flush=True)
    app = create_app(replace(config, listen_host=host), catalog, room, facilitator_key=token)
    server = uvicorn.Server(
        uvicorn.Config(
            app,
            log_level="warning",
            access_log=False,
            ws_max_size=MAX_BODY,
            server_header=False,
            # no proxy in front: an X-Forwarded-For header from this machine must not choose
            # the client address that per-address limits count
            proxy_headers=False,
            timeout_graceful_shutdown=3,
            # the standard loop (robot links share it); httptools parses HTTP when installed
            loop="asyncio",
        )
    )
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
    return 0
