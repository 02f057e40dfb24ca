"""The SQLite schema, as numbered migrations; ``schema_version`` says which ones ran.

The model, with the facilitator's side (sessions, live dashboard, replays, exports) in mind:

- ``sessions``: a join code, a state (open, paused, ended) and an ordered list of challenges
  (``session_challenges``) whose ``access`` is ``auto`` (unlocked once the previous one is
  solved), ``open`` or ``locked``.
- ``teams``: a pseudonym (animal + colour keys, unique in a session); never a name.
  ``team_tokens`` holds the hashes of the secret tokens of the team's tablets (one per join or
  resume, so a team may work on two tablets and switching tablets logs nobody out).
- ``attempts``: every run of a team, with the program (canonical JSON), the Blockly workspace as
  sent, and the whole result with its trace (enough for a replay); ``progress`` keeps the best
  stars and counts per team and challenge, updated in the same transaction.
- ``workspaces``: the autosaved editor state per team and challenge.
- ``events``: the per-session event stream (sequence numbers for dashboards that reconnect).
- ``hints``: each hint level a team was shown about one of its attempts (``shown`` counts
  repeats; the dashboard counts the rows per team and challenge).
- ``robots`` / ``robot_jobs``: the robots the server knew (name, calibration, team) and the
  programs sent to them; ``facilitator_keys``: the hashes of the facilitator's secret links.

Never edit a migration that has shipped: add a new one.
"""

from __future__ import annotations

MIGRATIONS: tuple[str, ...] = (
    # 1: the first schema
    """
    CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    CREATE TABLE sessions (
        id INTEGER PRIMARY KEY,
        code TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL DEFAULT '',
        state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'paused', 'ended')),
        demo INTEGER NOT NULL DEFAULT 0,
        created_at REAL NOT NULL,
        ended_at REAL
    );
    CREATE TABLE session_challenges (
        session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        challenge_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        access TEXT NOT NULL DEFAULT 'auto' CHECK (access IN ('auto', 'open', 'locked')),
        PRIMARY KEY (session_id, challenge_id)
    );
    CREATE TABLE teams (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        animal TEXT NOT NULL,
        color TEXT NOT NULL,
        created_at REAL NOT NULL,
        last_change REAL NOT NULL,
        UNIQUE (session_id, animal, color)
    );
    CREATE TABLE team_tokens (
        token_hash TEXT PRIMARY KEY,
        team_id INTEGER NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
        created_at REAL NOT NULL
    );
    CREATE TABLE attempts (
        id INTEGER PRIMARY KEY,
        team_id INTEGER NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
        session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        challenge_id TEXT NOT NULL,
        created_at REAL NOT NULL,
        outcome TEXT NOT NULL,
        solved INTEGER NOT NULL,
        stars INTEGER NOT NULL,
        steps INTEGER NOT NULL,
        ticks INTEGER NOT NULL,
        blocks INTEGER,
        program TEXT,
        workspace TEXT,
        result TEXT NOT NULL
    );
    CREATE INDEX attempts_by_team ON attempts (team_id, challenge_id, id);
    CREATE INDEX attempts_by_session ON attempts (session_id, id);
    CREATE TABLE progress (
        team_id INTEGER NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
        challenge_id TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        best_stars INTEGER NOT NULL DEFAULT 0,
        solved_at REAL,
        last_outcome TEXT,
        last_attempt_at REAL,
        PRIMARY KEY (team_id, challenge_id)
    );
    CREATE TABLE workspaces (
        team_id INTEGER NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
        challenge_id TEXT NOT NULL,
        workspace TEXT NOT NULL,
        updated_at REAL NOT NULL,
        PRIMARY KEY (team_id, challenge_id)
    );
    CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        team_id INTEGER REFERENCES teams(id) ON DELETE CASCADE,
        type TEXT NOT NULL,
        data TEXT NOT NULL,
        at REAL NOT NULL
    );
    CREATE INDEX events_by_session ON events (session_id, id);
    """,
    # 2: the hints a team asked about its own attempts (robolab/server/hints_store.py)
    """
    CREATE TABLE hints (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        team_id INTEGER NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
        attempt_id INTEGER NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
        challenge_id TEXT NOT NULL,
        level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 3),
        kind TEXT NOT NULL,
        created_at REAL NOT NULL,
        shown INTEGER NOT NULL DEFAULT 1,
        last_at REAL NOT NULL,
        UNIQUE (attempt_id, level)
    );
    CREATE INDEX hints_by_team ON hints (team_id, challenge_id);
    CREATE INDEX hints_by_session ON hints (session_id, id);
    """,
    # 3: ids are never given again. SQLite gives a deleted newest row's id to the next row:
    # after deleting a session, a new session took its id (a projector or dashboard left open
    # on the old one showed the new one) and new teams took the deleted teams' ids (robots and
    # robot jobs, kept in memory by team id, went to them). These triggers keep the highest id
    # ever deleted in ``meta``; the inserts (robolab/server/store.py) start above it.
    """
    CREATE TRIGGER sessions_keep_ids BEFORE DELETE ON sessions BEGIN
        INSERT OR REPLACE INTO meta (key, value) VALUES ('ids.sessions', max(OLD.id,
            coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'ids.sessions'), 0)));
    END;
    CREATE TRIGGER teams_keep_ids BEFORE DELETE ON teams BEGIN
        INSERT OR REPLACE INTO meta (key, value) VALUES ('ids.teams', max(OLD.id,
            coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'ids.teams'), 0)));
    END;
    CREATE TRIGGER attempts_keep_ids BEFORE DELETE ON attempts BEGIN
        INSERT OR REPLACE INTO meta (key, value) VALUES ('ids.attempts', max(OLD.id,
            coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'ids.attempts'), 0)));
    END;
    """,
    # 4: robots survive a restart (robolab/server/robot_memory.py): the robots the server knew,
    # by the name of their hello (the address is a hint), with the name and calibration given
    # in the panel and the team they belong to; the queue of programs for the robots
    # (robolab/server/robots_store.py; AUTOINCREMENT: a job id is never given twice). The
    # facilitator's secret is kept as hashes only (robolab/server/fac_keys.py moves the old
    # plain ``meta.facilitator_token`` there on first start).
    """
    CREATE TABLE robots (
        id INTEGER PRIMARY KEY,
        hello_name TEXT NOT NULL,
        url TEXT NOT NULL,
        name TEXT,
        calibration TEXT,
        connect_at_start INTEGER NOT NULL DEFAULT 1,
        session_id INTEGER REFERENCES sessions(id) ON DELETE SET NULL,
        team_id INTEGER REFERENCES teams(id) ON DELETE SET NULL,
        seen_at REAL NOT NULL
    );
    CREATE INDEX robots_by_team ON robots (team_id);
    CREATE TABLE robot_jobs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        team_id INTEGER NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
        attempt_id INTEGER NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
        challenge_id TEXT NOT NULL,
        program TEXT NOT NULL,
        robot_name TEXT NOT NULL,
        status TEXT NOT NULL,
        tries INTEGER NOT NULL DEFAULT 0,
        message TEXT,
        result TEXT,
        created_at REAL NOT NULL,
        updated_at REAL NOT NULL
    );
    CREATE INDEX robot_jobs_by_session ON robot_jobs (session_id, id);
    CREATE TABLE facilitator_keys (
        hash TEXT PRIMARY KEY,
        created_at REAL NOT NULL,
        used_at REAL NOT NULL
    );
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)
