"""The level editor's API (facilitators only): packs and files, live check, trying the
reference solution, saving a challenge file.

| method and path | does |
|---|---|
| ``GET /api/facilitator/editor/packs`` | the packs (writable or not) and their files, the map colours |
| ``GET /api/facilitator/editor/challenges/{pack}/{name}`` | opens a file as a draft |
| ``POST /api/facilitator/editor/check`` | ``{draft, pack?, name?}``: solvable? best steps, problems, the file's text |
| ``POST /api/facilitator/editor/try`` | ``{draft, program}``: the run of a reference solution on every map |
| ``POST /api/facilitator/editor/save`` | ``{draft, pack, name, new_pack?, replace?}``: writes the file |

Every route needs the facilitator cookie, and POSTs the CSRF header (same-origin is enforced
for every POST by :class:`robolab.server.guard.OriginGuard`). Bodies are at most 256 KiB. The
solver and the checker run in a worker thread, one request at a time, so a big map never stalls
the tablets' requests.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from robolab import palette
from robolab.challenge_loader import (
    MAX_FILE_BYTES,
    MAX_HINTS,
    MAX_TEXT,
    MAX_VARIANTS,
    parse_challenge_text,
)
from robolab.errors import ProgramError
from robolab.grid import MAX_GEMS, MAX_SIDE
from robolab.i18n import Lang
from robolab.program_loader import MAX_STATEMENTS
from robolab.runner import invalid_result
from robolab.server.catalog import Catalog
from robolab.server.editor_check import analyse, build, problem_json, try_solution
from robolab.server.editor_files import (
    PackPlace,
    challenge_file,
    create_pack,
    file_sha,
    find_place,
    pack_places,
    place_challenges,
    write_atomic,
)
from robolab.server.editor_model import (
    MAX_PACK_ID,
    PLACEHOLDER_ID,
    Draft,
    draft_from_challenge,
    draft_from_json,
    draft_to_json,
    valid_name,
)
from robolab.server.editor_yaml import challenge_yaml
from robolab.server.grading import read_program
from robolab.server.guard import require_facilitator
from robolab.server.http import ApiError, json_response, read_json_object, request_lang
from robolab.server.state import AppState
from robolab.server.texts import both, ui_texts
from robolab.vocabulary import COLORS, SENSORS, STATEMENT_BLOCKS

EDITOR_BODY = 256 * 1024
EDIT_WIDTH = 24
EDIT_HEIGHT = 16
MAX_ID = 100


@dataclass
class EditorLocks:
    """One heavy computation at a time, one save at a time (per app)."""

    work: asyncio.Lock = field(default_factory=asyncio.Lock)
    save: asyncio.Lock = field(default_factory=asyncio.Lock)


def _locks(request: Request) -> EditorLocks:
    locks = getattr(request.app.state, "robolab_editor", None)
    if not isinstance(locks, EditorLocks):
        locks = EditorLocks()
        request.app.state.robolab_editor = locks
    return locks


BLOCK_WORDS = (
    "when_run", "times", "do", "else", "not", "procedure", "procedure_default", "call",
    "color_red", "color_green", "color_blue", "color_yellow", "tooltip_max",
)  # fmt: skip


def block_texts(lang: Lang) -> dict[str, str]:
    """The words of the tablet's blocks (``static/js/blocks.js``) and the block labels, for the
    facilitator's page, where the editor shows the same Blockly blocks."""
    words = ui_texts(lang)
    return {k: v for k, v in words.items() if k in BLOCK_WORDS or k.startswith("label.")}


def _look() -> dict[str, Any]:
    """The map colours of the simulator and the tablets (``robolab.palette``)."""
    h = palette.hex_color
    return {
        "wall": h(palette.WALL),
        "wall_edge": h(palette.WALL_EDGE),
        "floor": h(palette.FLOOR),
        "floor_line": h(palette.FLOOR_LINE),
        "start": h(palette.START),
        "goal": h(palette.GOAL),
        "flag": h(palette.FLAG),
        "gem": h(palette.GEM),
        "water": h(palette.WATER),
        "water_wave": h(palette.WATER_WAVE),
        "robot": h(palette.ROBOT),
        "robot_edge": h(palette.ROBOT_EDGE),
        "background": h(palette.BACKGROUND),
        "paint": {name: h(palette.PAINT[name]) for name in COLORS},
    }


def _place_json(place: PackPlace, lang: Lang) -> dict[str, Any]:
    return {
        "id": place.id,
        "title": place.title_in(lang),
        "writable": place.writable,
        "source": place.source,
        "folder": str(place.folder),
        "challenges": place_challenges(place, lang),
    }


async def list_packs(request: Request) -> Response:
    """``GET /api/facilitator/editor/packs``: what the editor can open and where it can save."""
    state = require_facilitator(request)
    lang = request_lang(request)

    def work() -> list[dict[str, Any]]:
        return [_place_json(p, lang) for p in pack_places(state.config)]

    packs = await asyncio.to_thread(work)
    return json_response(
        {
            "packs": packs,
            "user_folder": str(state.config.user_packs_dir),
            "look": _look(),
            "blocks": list(STATEMENT_BLOCKS),
            "sensors": list(SENSORS),
            "limits": {
                "width": EDIT_WIDTH,
                "height": EDIT_HEIGHT,
                "side": MAX_SIDE,
                "gems": MAX_GEMS,
                "hints": MAX_HINTS,
                "variants": MAX_VARIANTS,
                "text": MAX_TEXT,
                "blocks": MAX_STATEMENTS,
            },
        }
    )


def _path_name(request: Request, key: str, longest: int) -> str:
    value = str(request.path_params.get(key, ""))
    if not valid_name(value, longest=longest):
        raise ApiError(404, "api.not_found")
    return value


async def open_challenge(request: Request) -> Response:
    """``GET /api/facilitator/editor/challenges/{pack}/{name}``: a file as a draft to edit."""
    state = require_facilitator(request)
    lang = request_lang(request)
    pack_id = _path_name(request, "pack", MAX_PACK_ID)
    name = _path_name(request, "name", MAX_ID)

    def work() -> dict[str, Any]:
        place = find_place(pack_places(state.config), pack_id)
        if place is None:
            raise ApiError(404, "editor.unknown_pack", pack=pack_id)
        path, exists = challenge_file(place, name)
        if not exists:
            raise ApiError(404, "editor.no_file", pack=pack_id, name=name)
        try:
            raw = path.read_bytes()[: MAX_FILE_BYTES + 1]
        except OSError as exc:
            raise ApiError(
                404, "editor.unreadable", file=str(path), reason=exc.strerror or str(exc)
            ) from None
        challenge, problems = parse_challenge_text(raw, name=str(path), path=path)
        if challenge is None or problems:
            text = raw.decode("utf-8", "replace")
            raise ApiError(
                422,
                "editor.broken_file",
                file=str(path),
                extra={"problems": [problem_json(p, text, lang) for p in problems]},
            )
        draft = draft_from_challenge(challenge)
        original = raw.decode("utf-8", "replace")
        return {
            "pack": place.id,
            "name": name,
            "id": challenge.id,
            "writable": place.writable,
            "file": str(path),
            "sha": file_sha(path),
            "rewritten": challenge_yaml(draft) != original,
            "draft": draft_to_json(draft),
        }

    return json_response(await asyncio.to_thread(work))


def _ident(body: dict[str, Any]) -> str:
    """``pack/name`` when both are valid (the check works without them)."""
    pack_id, name = body.get("pack"), body.get("name")
    if valid_name(pack_id, longest=MAX_PACK_ID) and valid_name(name):
        ident = f"{pack_id}/{name}"
        if len(ident) <= MAX_ID:
            return ident
    return PLACEHOLDER_ID


async def check_draft(request: Request) -> Response:
    """``POST /api/facilitator/editor/check {draft, pack?, name?}``: the live check."""
    require_facilitator(request)
    body = await read_json_object(request, EDITOR_BODY)
    lang = request.state.lang = request_lang(request, body)
    draft = draft_from_json(body.get("draft"), _ident(body))
    async with _locks(request).work:
        report = await asyncio.to_thread(analyse, draft, lang)
    return json_response(report)


async def try_draft(request: Request) -> Response:
    """``POST /api/facilitator/editor/try {draft, program}``: runs a candidate solution."""
    require_facilitator(request)
    body = await read_json_object(request, EDITOR_BODY)
    lang = request.state.lang = request_lang(request, body)
    draft = draft_from_json(body.get("draft"), _ident(body))
    if "program" not in body:
        raise ApiError(400, "api.missing_field", field="program")
    try:
        program = read_program(body["program"])
    except ProgramError as err:
        built = build(draft, full=False)
        if built.challenge is None:
            raise ApiError(422, "editor.not_ready") from None
        return json_response(invalid_result(built.challenge, err, lang).to_json(trace=True))
    async with _locks(request).work:
        result = await asyncio.to_thread(try_solution, draft, program, lang)
    if result is None:
        raise ApiError(422, "editor.not_ready")
    return json_response(result)


def _texts(value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        return {}
    return {
        k: " ".join(v.split())[:80]
        for k, v in value.items()
        if k in ("fr", "en") and isinstance(v, str)
    }


def _save(
    state: AppState,
    draft: Draft,
    pack_id: str,
    name: str,
    replace: dict[str, Any] | None,
    new_pack: dict[str, Any] | None,
    lang: Lang,
) -> dict[str, Any]:
    """Checks and writes the file (in a worker thread, under the save lock)."""
    config = state.config
    place = find_place(pack_places(config), pack_id)
    if place is None and new_pack is None:
        raise ApiError(404, "editor.unknown_pack", pack=pack_id)
    if place is not None and new_pack is not None:
        raise ApiError(409, "editor.pack_exists", pack=pack_id)
    if place is not None and not place.writable:
        raise ApiError(403, "editor.read_only", pack=pack_id)
    home = config.user_packs_dir
    if place is None and (home / pack_id).is_dir() and (home / pack_id / "pack.yaml").exists():
        raise ApiError(409, "editor.pack_exists", pack=pack_id)
    folder_place = place or PackPlace(pack_id, home / pack_id, {}, True, "user")
    path, exists = challenge_file(folder_place, name)
    editing = replace is not None and replace.get("pack") == pack_id and replace.get("name") == name
    if exists and not editing:
        raise ApiError(409, "editor.exists", pack=pack_id, name=name)
    if exists and editing and replace is not None and file_sha(path) != replace.get("sha"):
        raise ApiError(409, "editor.changed_on_disk", file=str(path))
    other = state.catalog.get(draft.id)
    if other is not None and other.path is not None and other.path.resolve() != path.resolve():
        raise ApiError(409, "editor.id_taken", id=draft.id, file=str(other.path))
    built = build(draft, name=str(path))
    if not built.ok:
        raise ApiError(
            422,
            "editor.invalid",
            count=len(built.problems),
            extra={
                "problems": [problem_json(p, built.text, lang) for p in built.problems],
                "yaml": built.text,
            },
        )
    try:
        created_pack = False
        if place is None:
            place = create_pack(home, pack_id, _texts((new_pack or {}).get("title")))
            created_pack = True
        write_atomic(path, built.text.encode("utf-8"), exclusive=not exists)
    except FileExistsError:
        raise ApiError(409, "editor.exists", pack=pack_id, name=name) from None
    except OSError as exc:
        raise ApiError(
            500, "editor.write_failed", file=str(path), reason=exc.strerror or str(exc)
        ) from None
    return {
        "id": draft.id,
        "pack": pack_id,
        "name": name,
        "file": str(path),
        "sha": file_sha(path),
        "created": not exists,
        "created_pack": created_pack,
        "warnings": [problem_json(w, built.text, lang) for w in built.warnings],
    }


async def save_draft(request: Request) -> Response:
    """``POST /api/facilitator/editor/save``: checks like ``robolab check``, writes the file
    atomically, and reloads the packs so new sessions can use it."""
    state = require_facilitator(request)
    body = await read_json_object(request, EDITOR_BODY)
    lang = request.state.lang = request_lang(request, body)
    pack_id, name = body.get("pack"), body.get("name")
    if not valid_name(pack_id, longest=MAX_PACK_ID):
        raise ApiError(400, "editor.bad_pack", name=str(pack_id)[:60])
    if not valid_name(name) or len(f"{pack_id}/{name}") > MAX_ID:
        raise ApiError(400, "editor.bad_name", name=str(name)[:60])
    assert isinstance(pack_id, str) and isinstance(name, str)
    draft = draft_from_json(body.get("draft"), f"{pack_id}/{name}")
    if draft.solution_error is not None:
        err = draft.solution_error
        raise ApiError(
            422, "editor.bad_solution", extra={"error": err.to_json(lang)}, text=err.message(lang)
        )
    replace = body.get("replace")
    new_pack = body.get("new_pack")
    for key, value in (("replace", replace), ("new_pack", new_pack)):
        if value is not None and not isinstance(value, dict):
            raise ApiError(400, "api.bad_field", field=key, want=both("api.want_object"))
    async with _locks(request).save:
        out = await asyncio.to_thread(_save, state, draft, pack_id, name, replace, new_pack, lang)
        state.catalog = await asyncio.to_thread(Catalog.load, state.config.catalog_roots)
    out["in_catalog"] = state.catalog.get(draft.id) is not None
    return json_response(out, status=201 if out["created"] else 200)


ROUTES = [
    Route("/api/facilitator/editor/packs", list_packs, methods=["GET"]),
    Route("/api/facilitator/editor/challenges/{pack}/{name}", open_challenge, methods=["GET"]),
    Route("/api/facilitator/editor/check", check_draft, methods=["POST"]),
    Route("/api/facilitator/editor/try", try_draft, methods=["POST"]),
    Route("/api/facilitator/editor/save", save_draft, methods=["POST"]),
]
