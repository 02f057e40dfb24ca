// The robots, for the facilitator: the fleet panel (#/s/<id>/robots: find, connect, name, blink,
// battery and link, calibration, which team has which robot) and the queue of programs waiting
// for a robot (also on the dashboard): start or refuse each one, follow it live on a small map.
// The state comes from the API on every (re)connection, then from pushed events:
// robot.changed (the fleet), robot.job and robot.progress (this session's programs).
import { lang, t } from '../i18n.js';
import { icon } from '../icons.js';
import { Player } from '../player.js';
import { RobotFollower, robotStyles } from '../robot_follow.js';
import { h, mount, toast } from '../ui.js';
import { get, post, sessionPath } from './api.js';
import { header } from './header.js';
import { teamBadge, teamName } from './widgets.js';

const ENDED = new Set(['finished', 'invalid', 'stopped', 'lost', 'failed', 'refused', 'interrupted']);
const RETRY = new Set(['stopped', 'lost', 'failed', 'interrupted']);
const CALIBRATION = ['cell', 'speed', 'track', 'trim', 'power'];
const SHOWN_ENDED = 6;
const calibrationOpen = new Set(); // robot ids whose calibration stays unfolded across updates

/** The robots and this session's jobs, kept up to date; one per session connection. */
class RobotsState {
  constructor(live) {
    this.live = live;
    this.available = null;
    this.message = null;
    this.robots = new Map();
    this.jobs = new Map();
    this.problems = [];
    this.listeners = new Set();
    live.onEvent((event) => this.apply(event));
    live.onStatus((connected) => { if (connected) this.reload(); });
  }

  onChange(fn) {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  emit(what) {
    for (const fn of [...this.listeners]) fn(what);
  }

  async reload() {
    try {
      const [fleet, jobs] = await Promise.all([
        get('/api/facilitator/robots'),
        get(sessionPath(this.live.sessionId, '/robot-jobs')),
      ]);
      this.available = fleet.available;
      this.message = fleet.message || null;
      this.problems = fleet.problems || [];
      this.robots = new Map(fleet.robots.map((r) => [r.id, r]));
      this.jobs = new Map(jobs.jobs.map((j) => [j.id, j]));
    } catch (err) {
      toast(err.message);
      return;
    }
    this.emit({ all: true });
  }

  apply(event) {
    const data = event.data || {};
    if (event.type === 'robot.changed' && data.robot) {
      if (data.robot.removed) this.robots.delete(data.robot.id);
      else this.robots.set(data.robot.id, data.robot);
      this.emit({ robot: data.robot.id });
    } else if (event.type === 'robot.job' && data.job) {
      const before = this.jobs.get(data.job.id);
      this.jobs.set(data.job.id, data.job);
      if (data.job.status === 'waiting' && (!before || before.status !== 'waiting')) {
        toast(t('robots_new_job', { team: teamName(this.live.model.teams.get(data.job.team)) }));
      }
      this.emit({ job: data.job.id });
    } else if (event.type === 'robot.progress') {
      const job = this.jobs.get(data.job);
      if (!job) return;
      job.progress = data;
      this.emit({ progress: data.job, data });
    }
  }

  /** Waiting first (oldest first), then running, then the last ended ones (newest first). */
  ordered(limitEnded = SHOWN_ENDED) {
    const jobs = [...this.jobs.values()];
    const waiting = jobs.filter((j) => j.status === 'waiting').sort((a, b) => a.id - b.id);
    const running = jobs.filter((j) => j.status === 'running');
    const ended = jobs.filter((j) => ENDED.has(j.status)).sort((a, b) => b.updated_at - a.updated_at);
    return [...waiting, ...running, ...ended.slice(0, limitEnded)];
  }
}

export function robotsOf(live) {
  if (!live.robots) live.robots = new RobotsState(live);
  return live.robots;
}

async function act(promise, done = null) {
  try {
    const out = await promise;
    if (done) toast(done);
    return out;
  } catch (err) {
    toast(err.message);
    return null;
  }
}

// -- the queue ------------------------------------------------------------------------------

function jobStatusText(job) {
  const parts = [t(`robots_job_${job.status}`)];
  const p = job.progress;
  if (job.status === 'running' && p) {
    parts.push(t('robots_block', { n: p.number }));
    if (p.x !== undefined) parts.push(t('robots_at', { x: p.x, y: p.y }));
  }
  return parts.join(' · ');
}

function jobDetails(job) {
  const out = [];
  if (ENDED.has(job.status) && job.message) out.push(h('p.job-message', { 'data-testid': 'job-message' }, job.message[lang]));
  if (job.status === 'finished' && job.result) {
    out.push(h(`p.job-result${job.result.solved ? '.ok' : '.ko'}`, {}, job.result.solved ? t('robots_solved') : t('robots_not_solved')));
    if (job.result.differences && job.result.differences.length) {
      out.push(h('p.note', {}, t('robots_differs', { what: job.result.differences.join(', ') })));
    }
  }
  return out;
}

function jobButtons(live, job) {
  const path = (what) => sessionPath(live.sessionId, `/robot-jobs/${job.id}/${what}`);
  const buttons = [];
  if (job.status === 'waiting') {
    buttons.push(h('button.go.small', { 'data-testid': 'job-approve', onclick: () => act(post(path('approve'), {})) }, icon('play', 16), t('robots_approve')));
    buttons.push(h('button.danger-ghost.small', { 'data-testid': 'job-refuse', onclick: () => act(post(path('refuse'), {})) }, t('robots_refuse')));
  } else if (RETRY.has(job.status)) {
    buttons.push(h('button.small', { 'data-testid': 'job-retry', onclick: () => act(post(path('approve'), {})) }, icon('reset', 16), t('robots_retry')));
  } else if (job.status === 'running' && job.robot) {
    buttons.push(h('button.warn.small', { 'data-testid': 'job-stop', onclick: () => act(post(`/api/facilitator/robots/${encodeURIComponent(job.robot)}/stop`, {})) }, icon('stop', 16), t('robots_stop')));
  }
  return buttons.length ? h('div.row.job-buttons', {}, buttons) : null;
}

/** A small map that follows a running job's robot (the challenge's own map picture). */
function miniMap(live, job) {
  const challenge = live.model.challenge(job.challenge);
  const box = h('div.job-map', { 'data-testid': 'job-map' });
  const holder = { box, follower: null, pending: [] };
  if (!challenge || !challenge.map_svg) return holder;
  fetch(challenge.map_svg).then((r) => r.text()).then((text) => {
    box.innerHTML = text; // our own server's picture (mapsvg.py), like the tablet's
    const svg = box.querySelector('svg');
    if (!svg) return;
    svg.removeAttribute('width');
    svg.removeAttribute('height');
    holder.follower = new RobotFollower(new Player(svg));
    holder.follower.start(job.id);
    for (const data of holder.pending) holder.follower.step(data);
    holder.pending = [];
  }).catch(() => {});
  return holder;
}

/** The programs waiting for a robot: start or refuse them; running ones live; last results. */
export function queueBox(live, { limitEnded = SHOWN_ENDED } = {}) {
  robotStyles();
  const state = robotsOf(live);
  const list = h('div.job-list');
  const box = h('section.robot-queue', { 'data-testid': 'robot-queue', hidden: state.available !== true },
    h('h3', {}, icon('robot', 20), ' ', t('robots_queue')),
    h('p.note', {}, t('robots_queue_hint')),
    list);
  const maps = new Map();
  let seen = false;

  const row = (job) => {
    const team = live.model.teams.get(job.team);
    const challenge = live.model.challenge(job.challenge);
    let map = null;
    if (job.status === 'running') {
      if (!maps.has(job.id)) maps.set(job.id, miniMap(live, job));
      map = maps.get(job.id).box;
    }
    return h(`div.job.${job.status}`, { 'data-testid': 'robot-job', 'data-job': job.id, 'data-status': job.status },
      h('div.job-head', {},
        team ? teamBadge(team) : h('span', {}, '?'),
        h('span.job-challenge', {}, challenge ? challenge.title : job.challenge),
        h('span.job-robot', {}, t('robots_on', { robot: job.robot_name || '?' }))),
      h(`div.job-status.${job.status}`, { 'data-testid': 'job-status' }, jobStatusText(job)),
      map,
      ...jobDetails(job),
      jobButtons(live, job));
  };

  const render = () => {
    if (box.isConnected) seen = true;
    else if (seen) { stop(); return; } // this box left the page
    box.hidden = state.available !== true;
    const jobs = state.ordered(limitEnded);
    for (const id of [...maps.keys()]) {
      const job = state.jobs.get(id);
      if (!job || job.status !== 'running') maps.delete(id);
    }
    list.replaceChildren(...(jobs.length ? jobs.map(row) : [h('p.empty', { 'data-testid': 'queue-empty' }, t('robots_queue_empty'))]));
  };

  const stop = state.onChange((what) => {
    if (what.progress !== undefined) {
      const holder = maps.get(what.progress);
      if (what.data.phase === 'done' && holder) {
        if (holder.follower) holder.follower.step(what.data);
        else holder.pending.push(what.data);
      }
      const el = list.querySelector(`[data-job="${what.progress}"] [data-testid=job-status]`);
      const job = state.jobs.get(what.progress);
      if (el && job) {
        el.textContent = jobStatusText(job);
        return;
      }
    }
    render();
  });
  render();
  return box;
}

// -- the fleet panel --------------------------------------------------------------------------

function linkBadge(robot) {
  return h(`span.link-badge.${robot.link}`, { 'data-testid': 'robot-link', 'data-link': robot.link }, t(`robots_link_${robot.link}`));
}

function teamPicker(live, robot) {
  const select = h('select', { 'data-testid': 'robot-team', 'aria-label': t('robots_team') },
    h('option', { value: '' }, t('robots_nobody')));
  if (robot.team !== null && robot.session !== live.sessionId) {
    select.append(h('option', { value: 'other', disabled: true }, t('robots_other_session')));
    select.value = 'other';
  }
  for (const team of live.model.teams.values()) {
    select.append(h('option', { value: String(team.id) }, teamName(team)));
  }
  if (robot.team !== null && robot.session === live.sessionId) select.value = String(robot.team);
  select.addEventListener('change', () => {
    const team = select.value ? Number(select.value) : null;
    act(post(`/api/facilitator/robots/${encodeURIComponent(robot.id)}/team`, { session: live.sessionId, team }));
  });
  return select;
}

function calibrationForm(robot) {
  const path = `/api/facilitator/robots/${encodeURIComponent(robot.id)}/calibration`;
  const inputs = {};
  const values = robot.calibration || {};
  const fields = CALIBRATION.map((key) => {
    inputs[key] = h('input', { type: 'number', step: '1', value: values[key] ?? '', 'data-testid': `cal-${key}`, 'aria-label': t(`robots_cal_${key}`) });
    return h('label.cal', {}, h('span', {}, t(`robots_cal_${key}`)), inputs[key]);
  });
  const save = h('button.small', {
    'data-testid': 'cal-save',
    onclick: () => {
      const body = {};
      for (const key of CALIBRATION) {
        const raw = inputs[key].value.trim();
        if (raw !== '' && Number(raw) !== values[key]) body[key] = Number(raw);
      }
      act(post(path, body), t('robots_saved'));
    },
  }, t('robots_save'));
  const details = h('details.calibration', { open: calibrationOpen.has(robot.id) },
    h('summary', {}, t('robots_calibration')), h('div.cal-grid', {}, fields), save);
  details.addEventListener('toggle', () => {
    if (details.open) calibrationOpen.add(robot.id);
    else calibrationOpen.delete(robot.id);
  });
  return details;
}

function robotCard(live, robot) {
  const base = `/api/facilitator/robots/${encodeURIComponent(robot.id)}`;
  const ready = robot.link === 'ready';
  const name = h('input', { value: robot.name, maxlength: '16', 'data-testid': 'robot-rename-input', 'aria-label': t('robots_name') });
  const battery = robot.battery ? t('robots_battery', { percent: robot.battery.percent }) : t('robots_no_battery');
  const job = robot.job !== null && live.robots ? live.robots.jobs.get(robot.job) : null;
  return h(`article.robot-card.${robot.link}`, { 'data-testid': 'robot-card', 'data-robot': robot.id, 'data-name': robot.name },
    h('div.card-head', {},
      icon('robot', 28),
      h('h2', {}, robot.name || robot.url),
      linkBadge(robot),
      robot.running ? h('span.run-badge', {}, t('robots_running')) : null),
    h('p.meta', {}, [battery, robot.rtt_ms !== null ? t('robots_rtt', { ms: robot.rtt_ms }) : null, `${robot.kind} ${robot.firmware}`.trim(), robot.url].filter(Boolean).join(' · ')),
    job ? h('p.card-job', {}, teamName(live.model.teams.get(job.team)), ' — ', jobStatusText(job)) : null,
    h('label.team-pick', {}, h('span', {}, t('robots_team')), teamPicker(live, robot)),
    h('div.row', {},
      h('button.small', { 'data-testid': 'robot-identify', disabled: !ready, onclick: () => act(post(`${base}/identify`, {}), t('robots_identified', { name: robot.name })) }, t('robots_identify')),
      h('button.small', { 'data-testid': 'robot-refresh', disabled: !ready, onclick: () => act(post(`${base}/refresh`, {})) }, t('robots_refresh')),
      robot.running ? h('button.warn.small', { 'data-testid': 'robot-stop', onclick: () => act(post(`${base}/stop`, {})) }, icon('stop', 16), t('robots_stop')) : null,
      ready
        ? h('button.danger-ghost.small', { 'data-testid': 'robot-disconnect', onclick: () => act(post(`${base}/disconnect`, {})) }, t('robots_disconnect'))
        : null,
      // while the fleet looks for a lost robot by itself, a second connection would compete
      ['lost', 'closed', 'disconnected'].includes(robot.link)
        ? h('button.go.small', { 'data-testid': 'robot-connect', onclick: () => act(post('/api/facilitator/robots', { url: robot.url })) }, t('robots_connect'))
        : null),
    h('div.row', {}, name, h('button.small', {
      'data-testid': 'robot-rename', disabled: !ready,
      onclick: () => act(post(`${base}/name`, { name: name.value.trim() })),
    }, t('robots_rename'))),
    calibrationForm(robot));
}

function finder(state) {
  const results = h('div.found', { 'data-testid': 'scan-results' });
  const scanButton = h('button.primary', { 'data-testid': 'robot-scan' }, icon('eye', 18), t('robots_scan'));
  scanButton.addEventListener('click', async () => {
    scanButton.disabled = true;
    results.replaceChildren(h('p.note', {}, t('robots_scanning')));
    const out = await act(post('/api/facilitator/robots/scan', {}));
    scanButton.disabled = false;
    if (!out) {
      results.replaceChildren();
      return;
    }
    const rows = out.found.map((robot) => h('div.found-robot', { 'data-testid': 'found-robot' },
      h('strong', {}, robot.name),
      h('span.meta', {}, [robot.kind, robot.transport, robot.battery !== null ? `${robot.battery} %` : null, robot.rssi !== null ? `${robot.rssi} dBm` : null].filter(Boolean).join(' · ')),
      h('button.go.small', { onclick: () => act(post('/api/facilitator/robots', { url: robot.url }), t('robots_connected', { name: robot.name })) }, t('robots_connect'))));
    const problems = out.problems.map((p) => h('p.problem', { 'data-testid': 'scan-problem' }, p[lang]));
    results.replaceChildren(...rows, ...(rows.length ? [] : [h('p.note', {}, t('robots_found_none'))]), ...problems);
  });
  const url = h('input', { placeholder: t('robots_url_hint'), 'data-testid': 'robot-url', 'aria-label': t('robots_url') });
  const add = h('form.add-robot', {
    onsubmit: (event) => {
      event.preventDefault();
      if (url.value.trim()) act(post('/api/facilitator/robots', { url: url.value.trim() })).then((out) => { if (out) url.value = ''; });
    },
  }, h('label', {}, t('robots_url')), h('div.row', {}, url, h('button', { type: 'submit', 'data-testid': 'robot-url-connect' }, t('robots_connect'))));
  const problems = state.problems.length
    ? h('div.problems', {}, h('strong', {}, t('robots_problems')), state.problems.map((p) => h('p.problem', {}, p[lang])))
    : null;
  return h('section.finder', {}, scanButton, results, add, problems);
}

export async function showFleet(live) {
  robotStyles();
  mount(h('div.fac-page', {}, header('robots', live), h('p.loading', {}, t('loading'))));
  await live.ready;
  const state = robotsOf(live);
  const root = h('div.fac-page.fleet-page', { 'data-testid': 'fleet' });
  const cards = h('div.robot-cards', { 'data-testid': 'robot-cards' });
  const aside = h('aside.fleet-side');

  const renderCards = () => {
    if (state.available === false) {
      cards.replaceChildren(h('p.empty', { 'data-testid': 'robots-off' }, state.message ? state.message[lang] : t('robots_off')));
      return;
    }
    const robots = [...state.robots.values()];
    cards.replaceChildren(...(robots.length ? robots.map((r) => robotCard(live, r)) : [h('p.empty', { 'data-testid': 'robots-none' }, t('robots_none'))]));
  };
  const renderCard = (id) => {
    const robot = state.robots.get(id);
    const old = cards.querySelector(`[data-robot="${CSS.escape(id)}"]`);
    // keep what the facilitator is typing: a card being edited is left alone until it is done
    if (old && old.contains(document.activeElement) && document.activeElement.tagName === 'INPUT') return;
    if (robot && old) old.replaceWith(robotCard(live, robot));
    else renderCards();
  };
  const renderAside = () => {
    aside.replaceChildren(finder(state), queueBox(live, { limitEnded: 20 }));
  };

  root.append(header('robots', live), h('div.fleet-title', {}, h('h1', {}, t('robots_title'))), h('div.fleet', {}, cards, aside));
  renderCards();
  renderAside();
  mount(root);
  const stop = state.onChange((what) => {
    if (what.all) {
      renderCards();
      renderAside();
    } else if (what.robot !== undefined) renderCard(what.robot);
  });
  const stopModel = live.model.onChange((what) => { if (what === 'all') renderCards(); });
  document.title = `${t('robots_title')} — RoboLab`;
  return () => {
    stop();
    stopModel();
  };
}
