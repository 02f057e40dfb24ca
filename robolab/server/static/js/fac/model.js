// One session as the dashboard knows it: the snapshot sent by the server, kept up to date by the
// session's events. Views subscribe with onChange(fn); fn(what) gets 'all', {team} or {session}.

const key = (team, challenge) => `${team}|${challenge}`;

export class SessionModel {
  constructor() {
    this.listeners = new Set();
    this.loaded = false;
  }

  onChange(fn) {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  emit(what) {
    for (const fn of [...this.listeners]) fn(what);
  }

  /** Server time now (seconds), whatever the laptop's clock says. */
  now() {
    return Date.now() / 1000 + this.offset;
  }

  load(snapshot) {
    this.session = snapshot.session;
    this.challenges = snapshot.challenges;
    this.teams = new Map(snapshot.teams.map((team) => [team.id, team]));
    this.cells = new Map(snapshot.cells.map((cell) => [key(cell.team, cell.challenge), cell]));
    this.messages = snapshot.messages;
    this.projector = snapshot.projector;
    this.stuckRule = snapshot.stuck;
    this.robots = snapshot.robots;
    this.seq = snapshot.seq;
    this.offset = snapshot.now - Date.now() / 1000;
    this.loaded = true;
    this.emit('all');
  }

  cell(team, challenge) {
    return this.cells.get(key(team, challenge));
  }

  challenge(id) {
    return this.challenges.find((c) => c.id === id);
  }

  /** Applies one event; events already counted in the snapshot are skipped. */
  apply(event) {
    if (!this.loaded) return;
    if (event.id !== null && event.id !== undefined) {
      if (event.id <= this.seq) return;
      this.seq = event.id;
    }
    const data = event.data || {};
    const team = this.teams.get(event.team);
    switch (event.type) {
      case 'attempt': {
        if (!team) return;
        let cell = this.cell(event.team, data.challenge);
        if (!cell) {
          cell = { team: event.team, challenge: data.challenge, first_at: event.at, best_blocks: null, best_steps: null };
          this.cells.set(key(event.team, data.challenge), cell);
        }
        const progress = data.progress || {};
        cell.attempts = progress.attempts;
        cell.stars = progress.stars;
        if (progress.solved && !cell.solved) cell.solved_at = event.at;
        cell.solved = progress.solved;
        cell.last_outcome = progress.last_outcome;
        cell.last_at = event.at;
        if (data.stars > 0) {
          cell.best_blocks = cell.best_blocks === null ? data.blocks : Math.min(cell.best_blocks, data.blocks);
          cell.best_steps = cell.best_steps === null ? data.steps : Math.min(cell.best_steps, data.steps);
        }
        team.last_change = event.at;
        team.current = data.challenge;
        this.lastAttempt = { team: event.team, attempt: data.attempt, challenge: data.challenge };
        this.emit({ team: event.team, attempt: data.attempt });
        return;
      }
      case 'hint': { // a team was shown a new hint level about one of its runs
        const cell = team && this.cell(event.team, data.challenge);
        if (!cell) return;
        cell.hints = data.hints;
        team.last_change = event.at;
        this.emit({ team: event.team, hint: data.attempt });
        return;
      }
      case 'workspace.saved':
        if (!team) return;
        team.last_change = event.at;
        team.current = data.challenge;
        this.emit({ team: event.team });
        return;
      case 'team.joined':
      case 'team.resumed':
        if (!team && event.type === 'team.joined') {
          this.teams.set(event.team, { ...data, id: event.team, created_at: event.at, last_change: event.at, online: 0, current: null });
          this.emit('all');
        } else if (team) {
          team.last_change = event.at;
          this.emit({ team: event.team });
        }
        return;
      case 'team.online':
        if (!team) return;
        team.online = data.tablets;
        this.emit({ team: event.team });
        return;
      case 'session.state':
        this.session.state = data.state;
        this.emit({ session: true });
        return;
      case 'session.title':
        this.session.title = data.title;
        this.emit({ session: true });
        return;
      case 'session.challenges':
        this.emit({ reload: true }); // the order or set may have changed: ask for a fresh snapshot
        return;
      case 'room.message':
      case 'team.message':
        this.messages.push({ id: event.id, team: event.team, at: event.at, text: data.text });
        this.messages = this.messages.slice(-20);
        this.emit({ message: true, text: data.text, team: event.team });
        return;
      case 'projector.show':
        this.projector = data.attempts;
        this.emit({ projector: true });
        return;
      case 'session.deleted':
        this.emit({ deleted: true });
        return;
      default:
    }
  }

  /** A team's totals over the session's ladder and whether it needs help. */
  stats(team) {
    let stars = 0;
    let solved = 0;
    let par = 0;
    for (const challenge of this.challenges) {
      const cell = this.cell(team.id, challenge.id);
      if (!cell) continue;
      stars += cell.stars || 0;
      if (!cell.solved) continue;
      solved += 1;
      if (challenge.par && cell.best_blocks !== null && cell.best_blocks !== undefined) par += cell.best_blocks - challenge.par.blocks;
      if (challenge.par && challenge.par.steps !== null && cell.best_steps !== null && cell.best_steps !== undefined) par += cell.best_steps - challenge.par.steps;
    }
    const now = this.now();
    const rule = this.stuckRule;
    const current = team.current ? this.cell(team.id, team.current) : null;
    const stuck = !!(current && !current.solved && current.attempts > 0 && this.challenge(team.current)
      && (current.attempts >= rule.tries || now - current.first_at >= rule.minutes * 60));
    const idle = now - team.last_change >= rule.minutes * 60;
    return { stars, solved, par, stuck, idle };
  }

  /** Teams ranked by stars, then par-relative score (lower is better), then name. */
  leaderboard(lang) {
    const rows = [...this.teams.values()].map((team) => ({ team, ...this.stats(team) }));
    rows.sort((a, b) => b.stars - a.stars || a.par - b.par || a.team.name[lang].localeCompare(b.team.name[lang], lang));
    let rank = 0;
    rows.forEach((row, i) => {
      const prev = rows[i - 1];
      if (!prev || prev.stars !== row.stars || prev.par !== row.par) rank = i + 1;
      row.rank = rank;
    });
    return rows;
  }
}
