"""Facilitator API: a session's results, for the organisers' records.

- ``export.csv``: one row per team and challenge of the ladder (untried ones included), in the
  request's language, UTF-8 with a BOM so spreadsheets read the accents; ``?sep=semicolon`` for
  spreadsheets set up for French. Cells that a spreadsheet would read as a formula are quoted.
- ``export.json``: everything (``robolab/session-export@1``): the session, its ladder, teams,
  progress (with the hints used), every attempt with its program, workspace and result (trace),
  autosaved workspaces, the event stream and every hint shown. Team tokens are never exported.

Both are downloads built on this machine; nothing is sent anywhere.
"""

from __future__ import annotations

import csv
import io
from datetime import datetime
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from robolab.i18n import Lang
from robolab.messages import translate
from robolab.server.catalog import Catalog
from robolab.server.dashboard import challenge_json, session_json
from robolab.server.dashboard_store import export_rows
from robolab.server.http import ApiError, json_response, request_lang
from robolab.server.models import Session
from robolab.server.routes.fac_common import facilitator_session
from robolab.server.texts import say

EXPORT_FORMAT = "robolab/session-export@1"
COLUMNS = (
    "session", "code", "team", "animal", "color", "position", "challenge", "title", "access",
    "attempts", "stars", "solved", "first_attempt", "solved_at", "last_attempt", "last_outcome",
    "best_blocks", "best_steps", "par_blocks", "par_steps", "hints",
)  # fmt: skip
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def iso(at: float | None) -> str | None:
    """A time as local ISO 8601 with its offset (what the facilitator's clock said)."""
    if at is None:
        return None
    return datetime.fromtimestamp(at).astimezone().isoformat(timespec="seconds")


def _cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA):
        return "'" + value
    return value


def _filename(session: Session, ext: str) -> str:
    day = datetime.fromtimestamp(session.created_at).strftime("%Y-%m-%d")
    return f"robolab-{session.code}-{day}.{ext}"


def _download(body: bytes, media: str, filename: str) -> Response:
    return Response(
        body,
        media_type=media,
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "no-store",
        },
    )


async def _export(request: Request) -> tuple[Catalog, Session, dict[str, Any], Lang]:
    state, session = await facilitator_session(request)
    data = await state.db.run(export_rows, session.id)
    if data is None:
        raise ApiError(404, "session.not_found")
    return state.catalog, session, data, request_lang(request)


async def export_csv(request: Request) -> Response:
    """``GET /api/facilitator/sessions/{id}/export.csv[?sep=semicolon]``."""
    catalog, session, data, lang = await _export(request)
    rows = data["rows"]
    cells = {(c["team"], c["challenge"]): c for c in rows.cells}
    out = io.StringIO()
    sep = ";" if request.query_params.get("sep") == "semicolon" else ","
    writer = csv.writer(out, delimiter=sep, lineterminator="\r\n")
    writer.writerow([say(f"export.{name}", lang) for name in COLUMNS])
    yes, no = say("export.yes", lang), say("export.no", lang)
    for team in rows.teams:
        for position, (cid, access) in enumerate(rows.challenges, start=1):
            info = challenge_json(catalog, cid, access, lang)
            cell = cells.get((team.id, cid), {})
            par = info.get("par") or {}
            outcome = cell.get("last_outcome")
            row = [
                session.title, session.code, team.name(lang), team.animal, team.color, position,
                cid, info["title"], say(f"export.access_{access.value}", lang),
                cell.get("attempts", 0), cell.get("stars", 0), yes if cell.get("solved") else no,
                iso(cell.get("first_at")), iso(cell.get("solved_at")), iso(cell.get("last_at")),
                translate(f"outcome.{outcome}", lang) if outcome else None,
                cell.get("best_blocks"), cell.get("best_steps"),
                par.get("blocks"), par.get("steps"), cell.get("hints", 0),
            ]  # fmt: skip
            writer.writerow([_cell(v) for v in row])
    body = ("\ufeff" + out.getvalue()).encode("utf-8")
    return _download(body, "text/csv; charset=utf-8", _filename(session, "csv"))


async def export_json(request: Request) -> Response:
    """``GET /api/facilitator/sessions/{id}/export.json``: the whole session."""
    catalog, session, data, lang = await _export(request)
    rows = data["rows"]
    body = {
        "format": EXPORT_FORMAT,
        "exported_at": iso(datetime.now().timestamp()),
        "session": {**session_json(session), "created_at": iso(session.created_at)},
        "challenges": [
            {**challenge_json(catalog, cid, a, lang), "position": i}
            for i, (cid, a) in enumerate(rows.challenges, start=1)
        ],
        "teams": [
            {
                **t.to_json(),
                "id": t.id,
                "created_at": iso(t.created_at),
                "last_change": iso(t.last_change),
            }
            for t in rows.teams
        ],
        "progress": [
            {
                **c,
                "first_at": iso(c["first_at"]),
                "last_at": iso(c["last_at"]),
                "solved_at": iso(c["solved_at"]),
            }
            for c in rows.cells
        ],
        "attempts": [{**a, "at": iso(a["at"])} for a in data["attempts"]],
        "workspaces": [{**w, "at": iso(w["at"])} for w in data["workspaces"]],
        "events": [{**e.to_json(), "at": iso(e.at)} for e in data["events"]],
        "hints": [{**x, "at": iso(x["at"]), "last_at": iso(x["last_at"])} for x in data["hints"]],
    }
    response = json_response(body)
    return _download(bytes(response.body), "application/json", _filename(session, "json"))


ROUTES = [
    Route("/api/facilitator/sessions/{session_id}/export.csv", export_csv, methods=["GET"]),
    Route("/api/facilitator/sessions/{session_id}/export.json", export_json, methods=["GET"]),
]
