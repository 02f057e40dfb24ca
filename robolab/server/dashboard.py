"""The facilitator's view of a session as JSON: the live dashboard's starting point.

The browser keeps this snapshot up to date from the session's events (``attempt``,
``team.joined``, ``team.online``, ``workspace.saved``, ``session.*``...), so the server sends the
grid once per (re)connection and then only what changes. Events whose ``id`` is at most the
snapshot's ``seq`` are already counted in it.
"""

from __future__ import annotations

import time
from typing import Any

from starlette.requests import HTTPConnection

from robolab.i18n import Lang
from robolab.server.catalog import Catalog
from robolab.server.dashboard_store import DashboardRows
from robolab.server.hub import Hub, team_topic
from robolab.server.models import Access, Event, Session, Team
from robolab.server.netinfo import room_base
from robolab.server.state import AppState, app_state


def join_url(conn: HTTPConnection, session: Session) -> str:
    """The address a tablet opens to join (what the QR code says)."""
    url = conn.url
    scheme = "https" if url.scheme in ("https", "wss") else "http"
    base = room_base(
        scheme, url.hostname or "127.0.0.1", url.port, app_state(conn).config.listen_host
    )
    return f"{base}/j/{session.code}"


def session_json(session: Session) -> dict[str, Any]:
    return {
        "id": session.id,
        "code": session.code,
        "title": session.title,
        "state": session.state.value,
        "demo": session.demo,
        "created_at": session.created_at,
    }


def challenge_json(
    catalog: Catalog, challenge_id: str, access: Access, lang: Lang
) -> dict[str, Any]:
    """A challenge of the ladder; a challenge no longer loaded keeps its id as title."""
    if catalog.get(challenge_id) is None:
        return {"id": challenge_id, "title": challenge_id, "access": access.value, "missing": True}
    summary = catalog.describe(challenge_id, lang)
    return {
        "id": challenge_id,
        "title": summary["title"],
        "tier": summary["tier"],
        "par": summary["par"],
        "map_svg": summary["map_svg"],
        "access": access.value,
        "missing": False,
    }


def team_json(team: Team, hub: Hub) -> dict[str, Any]:
    out = team.to_json()
    out.update(
        id=team.id,
        created_at=team.created_at,
        last_change=team.last_change,
        online=hub.count(team_topic(team.id)),
    )
    return out


def message_json(event: Event) -> dict[str, Any]:
    return {"id": event.id, "team": event.team_id, "at": event.at, "text": event.data.get("text")}


def snapshot(
    conn: HTTPConnection, state: AppState, rows: DashboardRows, lang: Lang
) -> dict[str, Any]:
    """The whole dashboard of a session, in ``lang``."""
    current = rows.current
    teams = []
    for team in rows.teams:
        item = team_json(team, state.hub)
        item["current"] = current.get(team.id)
        teams.append(item)
    session = session_json(rows.session)
    session["join_url"] = join_url(conn, rows.session)
    return {
        "session": session,
        "seq": rows.seq,
        "now": time.time(),
        "challenges": [challenge_json(state.catalog, cid, a, lang) for cid, a in rows.challenges],
        "teams": teams,
        "cells": rows.cells,
        "messages": [message_json(m) for m in rows.messages],
        "projector": list(state.projector.get(rows.session.id, [])),
        "stuck": {"minutes": state.config.stuck_minutes, "tries": state.config.stuck_tries},
        "robots": state.room.has_robots,
    }
