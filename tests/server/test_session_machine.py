"""A classroom session in random orders (Hypothesis stateful testing), on a real app and SQLite.

Facilitators create sessions, lock and open challenges, pause, end, reopen, send messages,
export and delete; teams join, resume on another tablet, autosave, run and peek at other teams'
attempts, in any order. A small model says what each answer must be; after every step: never a
500, and every attempt the server acknowledged is in the session's export, exactly. At the end
the database passes ``PRAGMA integrity_check``.

``ROBOLAB_FUZZ_EXAMPLES`` raises the number of random sessions (``make fuzz``).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from httpx import Response
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    initialize,
    precondition,
    rule,
)
from starlette.testclient import TestClient

from robolab.server import ServerConfig, create_app, pseudonyms
from tests.server.conftest import LINE, PACKS, login

CHALLENGES = ("tiny/line", "tiny/gems", "tiny/maze")
FAILING = [{"block": "turn_left"}]  # never solves any of them
ACCESS = ("auto", "open", "locked")
FAC = "/api/facilitator/sessions"
EXAMPLES = int(os.environ.get("ROBOLAB_FUZZ_EXAMPLES", "12"))


@dataclass
class SessionModel:
    id: int
    code: str
    state: str = "open"
    access: dict[str, str] = field(default_factory=dict)
    deleted: bool = False
    attempts: set[int] = field(default_factory=set)
    taken: set[tuple[str, str]] = field(default_factory=set)


@dataclass
class TeamModel:
    session: SessionModel
    pseudonym: tuple[str, str]
    tokens: list[str]
    tried: dict[str, int] = field(default_factory=dict)
    solved: set[str] = field(default_factory=set)
    attempts: list[int] = field(default_factory=list)

    @property
    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[-1]}"}

    def locked(self, challenge: str) -> bool:
        """``robolab.server.models.ladder``'s rule, written again from docs/server.md."""
        previous_solved = True
        for cid in CHALLENGES:
            access = self.session.access[cid]
            locked = access == "locked" or (
                access == "auto" and not (previous_solved or self.tried.get(cid, 0) > 0)
            )
            if cid == challenge:
                return locked
            previous_solved = cid in self.solved
        raise AssertionError(challenge)


PSEUDONYMS = st.tuples(
    st.sampled_from([a.key for a in pseudonyms.ANIMALS[:4]]),
    st.sampled_from([c.key for c in pseudonyms.COLOURS[:3]]),
)
TEXTS = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=300
) | st.sampled_from(["<script>alert(1)</script>", "=SUM(A1)", "  ", "\u202etxt"])


class Classroom(RuleBasedStateMachine):
    sessions = Bundle("sessions")
    teams = Bundle("teams")

    def __init__(self) -> None:
        super().__init__()
        self.tmp = Path(tempfile.mkdtemp(prefix="robolab-machine-"))
        config = ServerConfig(data_dir=self.tmp / "data", pack_roots=[PACKS], join_limit=100_000)
        self.client = TestClient(create_app(config))
        self.client.__enter__()
        self.csrf = login(self.client)
        self.db_path = config.db_path
        self.all: list[SessionModel] = []

    # -- helpers ---------------------------------------------------------------------------

    def call(self, method: str, path: str, **kwargs: Any) -> Response:
        answer = self.client.request(method, path, **kwargs)
        assert answer.status_code < 500, (method, path, answer.text)
        if answer.status_code >= 400:
            assert answer.json()["error"]["message"], answer.text  # a sentence, always
        return answer

    def fac(self, method: str, path: str, body: Any = None) -> Response:
        return self.call(method, f"{FAC}{path}", json=body, headers=self.csrf)

    # -- the facilitator -------------------------------------------------------------------

    @initialize(target=sessions, access=st.lists(st.sampled_from(ACCESS), min_size=3, max_size=3))
    def first_session(self, access: list[str]) -> SessionModel:
        return self.create(access)

    @rule(target=sessions, access=st.lists(st.sampled_from(ACCESS), min_size=3, max_size=3))
    def create(self, access: list[str]) -> SessionModel:
        ladder = [{"id": c, "access": a} for c, a in zip(CHALLENGES, access, strict=True)]
        made = self.fac("POST", "", {"challenges": ladder})
        assert made.status_code == 201
        session = SessionModel(made.json()["id"], made.json()["code"])
        session.access = dict(zip(CHALLENGES, access, strict=True))
        self.all.append(session)
        return session

    @rule(session=sessions, challenge=st.sampled_from(CHALLENGES), access=st.sampled_from(ACCESS))
    def set_access(self, session: SessionModel, challenge: str, access: str) -> None:
        answer = self.fac(
            "POST", f"/{session.id}/access", {"access": access, "challenges": [challenge]}
        )
        if session.deleted:
            assert answer.status_code == 404
            return
        assert answer.status_code == 200
        session.access[challenge] = access

    @rule(session=sessions, state=st.sampled_from(["open", "paused", "ended"]))
    def set_state(self, session: SessionModel, state: str) -> None:
        answer = self.fac("POST", f"/{session.id}/state", {"state": state})
        assert answer.status_code == (404 if session.deleted else 200)
        if not session.deleted:
            session.state = state

    @rule(session=sessions, text=TEXTS)
    def message(self, session: SessionModel, text: str) -> None:
        answer = self.fac("POST", f"/{session.id}/messages", {"text": text})
        if session.deleted:
            assert answer.status_code == 404
        elif not text.strip() or len(text.strip()) > 280:
            assert answer.status_code == 400
        else:
            assert answer.status_code == 201
            assert answer.json()["text"] == text.strip()  # stored as given: escaping is the page's

    @rule(session=sessions, title=TEXTS)
    def rename(self, session: SessionModel, title: str) -> None:
        answer = self.fac("PATCH", f"/{session.id}", {"title": title})
        if session.deleted:
            assert answer.status_code == 404
        else:
            assert answer.status_code == (200 if title.split() else 400)

    @rule(session=sessions)
    def export(self, session: SessionModel) -> None:
        as_json = self.fac("GET", f"/{session.id}/export.json")
        as_csv = self.fac("GET", f"/{session.id}/export.csv")
        if session.deleted:
            assert (as_json.status_code, as_csv.status_code) == (404, 404)
            return
        assert {a["id"] for a in as_json.json()["attempts"]} == session.attempts
        assert "token" not in as_json.text
        for line in as_csv.text.splitlines()[1:]:
            for cell in line.split(","):
                assert not cell.startswith(("=", "+", "-", "@")), line  # no spreadsheet formula

    @rule(session=sessions)
    def delete(self, session: SessionModel) -> None:
        answer = self.fac("DELETE", f"/{session.id}")
        assert answer.status_code == (404 if session.deleted else 200)
        session.deleted = True

    # -- the teams -------------------------------------------------------------------------

    @rule(target=teams, session=sessions, pseudonym=PSEUDONYMS)
    def join(self, session: SessionModel, pseudonym: tuple[str, str]) -> TeamModel:
        animal, color = pseudonym
        body = {"code": session.code, "animal": animal, "color": color}
        answer = self.call("POST", "/api/join", json=body)
        if session.deleted or session.state == "ended":
            assert answer.status_code == 404
        elif pseudonym in session.taken:
            assert answer.status_code == 409
            assert answer.json()["error"]["suggestions"]
        else:
            assert answer.status_code == 201
            session.taken.add(pseudonym)
            return TeamModel(session, pseudonym, [answer.json()["token"]])
        return TeamModel(session, pseudonym, ["not-a-token"])  # refused: its calls are 401s

    @rule(team=teams)
    def resume(self, team: TeamModel) -> None:
        animal, color = team.pseudonym
        body = {"code": team.session.code, "animal": animal, "color": color}
        answer = self.call("POST", "/api/resume", json=body)
        if team.session.deleted or team.session.state == "ended":
            assert answer.status_code == 404
        elif team.tokens[0] == "not-a-token":
            assert answer.status_code in (200, 404)  # another tablet's team, or nobody
        else:
            assert answer.status_code == 200
            team.tokens.append(answer.json()["token"])

    def _refused(self, team: TeamModel, challenge: str, *, paused_ok: bool) -> int | None:
        """The status the server must answer before running anything, if any."""
        if team.session.deleted or team.tokens[0] == "not-a-token":
            return 401
        if team.session.state == "ended":
            return 409
        if team.session.state == "paused" and not paused_ok:
            return 409
        return 403 if team.locked(challenge) else None

    @rule(team=teams, challenge=st.sampled_from(CHALLENGES), solve=st.booleans())
    def run(self, team: TeamModel, challenge: str, solve: bool) -> None:
        program = LINE if solve else FAILING
        answer = self.call(
            "POST",
            "/api/team/run",
            json={"challenge": challenge, "program": program},
            headers=team.auth,
        )
        refused = self._refused(team, challenge, paused_ok=False)
        if refused is not None:
            assert answer.status_code == refused, answer.text
            return
        assert answer.status_code == 200, answer.text
        attempt = answer.json()["attempt"]
        team.attempts.append(attempt)
        team.session.attempts.add(attempt)
        team.tried[challenge] = team.tried.get(challenge, 0) + 1
        if answer.json()["solved"]:
            assert (challenge, solve) == ("tiny/line", True)
            team.solved.add(challenge)

    @rule(
        team=teams,
        challenge=st.sampled_from(CHALLENGES),
        workspace=st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
    )
    def save(self, team: TeamModel, challenge: str, workspace: dict[str, int]) -> None:
        answer = self.call(
            "PUT",
            f"/api/team/workspaces/{challenge}",
            json={"workspace": workspace},
            headers=team.auth,
        )
        refused = self._refused(team, challenge, paused_ok=True)
        assert answer.status_code == (refused or 200), answer.text
        if refused is None:
            page = self.call("GET", f"/api/team/challenges/{challenge}", headers=team.auth)
            assert page.json()["workspace"] == workspace

    @precondition(lambda self: any(s.attempts for s in self.all))
    @rule(team=teams, data=st.data())
    def peek(self, team: TeamModel, data: st.DataObject) -> None:
        """A team asks for attempts that are not its own: never found."""
        others = sorted(a for s in self.all for a in s.attempts if a not in team.attempts)
        if not others:
            return
        attempt = data.draw(st.sampled_from(others))
        answer = self.call("GET", f"/api/team/attempts/{attempt}", headers=team.auth)
        assert answer.status_code in (401, 404)

    @rule(team=teams)
    def ladder(self, team: TeamModel) -> None:
        """What the server says is locked is what the model says."""
        answer = self.call("GET", "/api/team/ladder", headers=team.auth)
        if team.session.deleted or team.tokens[0] == "not-a-token":
            assert answer.status_code == 401
            return
        assert answer.status_code == 200
        got = {c["id"]: c["locked"] for c in answer.json()["challenges"]}
        assert got == {c: team.locked(c) for c in CHALLENGES}

    def teardown(self) -> None:
        self.client.__exit__(None, None, None)
        conn = sqlite3.connect(self.db_path)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        finally:
            conn.close()
        shutil.rmtree(self.tmp, ignore_errors=True)


Classroom.TestCase.settings = settings(
    max_examples=EXAMPLES,
    stateful_step_count=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
TestClassroom = Classroom.TestCase
