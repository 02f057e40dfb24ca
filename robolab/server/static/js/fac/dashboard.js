// The live dashboard: teams x challenges (stars, tries, last outcome), how long since each team's
// last change, teams that are stuck or idle stand out; pause, messages, locks, exports.
import { t } from '../i18n.js';
import { icon } from '../icons.js';
import { h, mount, toast } from '../ui.js';
import { post, sessionPath } from './api.js';
import { queueBox } from './fleet.js';
import { header } from './header.js';
import { joinBox, roomControls } from './room.js';
import { exportLinks } from './sessions.js';
import { ago, clock, outcomeLabel, teamBadge, teamName, tn } from './widgets.js';

const STAR = '★';

function starText(n) {
  return STAR.repeat(n) + '☆'.repeat(3 - n);
}

async function toggleLock(live, challenge) {
  const access = challenge.access === 'locked' ? 'auto' : 'locked';
  try {
    await post(sessionPath(live.sessionId, '/access'), { access, challenges: [challenge.id] });
  } catch (err) {
    toast(err.message);
  }
}

function columnHead(live, challenge, index) {
  const locked = challenge.access === 'locked';
  return h('th.challenge-head', { 'data-challenge': challenge.id, scope: 'col' },
    h('div.pos', {}, String(index + 1)),
    h('div.ctitle', { title: challenge.title }, challenge.title),
    h(`button.lock${locked ? '.on' : ''}`, {
      'data-testid': 'lock', 'data-challenge': challenge.id, 'data-access': challenge.access,
      title: locked ? t('unlock_one') : t('lock_one'), 'aria-label': locked ? t('unlock_one') : t('lock_one'),
      onclick: () => toggleLock(live, challenge),
    }, icon(locked ? 'lock' : 'unlock', 16), h('span', {}, t(`access_${challenge.access}`))));
}

function cellView(model, team, challenge, stats) {
  const cell = model.cell(team.id, challenge.id);
  const current = team.current === challenge.id;
  const href = `#/s/${model.session.id}/t/${team.id}/c/${challenge.id.split('/').map(encodeURIComponent).join('/')}`;
  if (!cell || !cell.attempts) {
    return h(`td.cell.todo${current ? '.current' : ''}${challenge.access === 'locked' ? '.locked' : ''}`, { 'data-challenge': challenge.id });
  }
  const stuck = current && stats.stuck;
  const cls = cell.solved ? '.solved' : stuck ? '.stuck' : '.trying';
  return h(`td.cell${cls}${current ? '.current' : ''}`, { 'data-challenge': challenge.id, 'data-stars': cell.stars, 'data-attempts': cell.attempts, 'data-hints': cell.hints || 0 },
    h('a', { href, title: t('see_attempts') },
      h('span.cstars', { 'aria-label': tn('stars_n', cell.stars) }, starText(cell.stars)),
      h('span.ctries', {}, tn('tries_n', cell.attempts),
        cell.hints ? h('span.chints', { title: tn('hints_n', cell.hints), 'data-testid': 'cell-hints' }, icon('bulb', 12), String(cell.hints)) : null),
      h(`span.outcome.${cell.last_outcome}`, {}, outcomeLabel(cell.last_outcome))));
}

function rowView(live, team) {
  const model = live.model;
  const stats = model.stats(team);
  const current = team.current ? model.challenge(team.current) : null;
  const flags = [];
  if (stats.stuck) flags.push(h('span.flag.stuck', {}, t('stuck')));
  else if (stats.idle) flags.push(h('span.flag.idle', {}, t('idle')));
  const row = h(`tr.team-row${stats.stuck ? '.is-stuck' : ''}${stats.idle ? '.is-idle' : ''}`, { 'data-team': team.id, 'data-testid': 'team-row' },
    h('th.team', { scope: 'row' },
      h('a', { href: `#/s/${model.session.id}/t/${team.id}` },
        teamBadge(team),
        h(`span.online${team.online ? '.on' : ''}`, { title: team.online ? t('online') : t('offline_team'), 'data-online': team.online || 0 })),
      h('div.sub', {},
        flags,
        h('span.since', { 'data-since': team.last_change }, ago(model.now() - team.last_change)),
        current ? h('span.on-challenge', {}, ` · ${current.title}`) : null)),
    model.challenges.map((c) => cellView(model, team, c, stats)),
    h('td.total', { 'data-testid': 'total' }, `${stats.stars} ${STAR}`));
  return row;
}

function alerts(live) {
  const model = live.model;
  const stuck = [...model.teams.values()].filter((team) => model.stats(team).stuck);
  if (!stuck.length) return h('div.alerts.none', { 'data-testid': 'alerts' }, t('nobody_stuck'));
  return h('div.alerts', { 'data-testid': 'alerts' }, h('strong', {}, tn('stuck_teams', stuck.length)), ' ',
    stuck.map((team) => h('a.chip', { href: `#/s/${model.session.id}/t/${team.id}` }, teamName(team))));
}

export async function showDashboard(live) {
  mount(h('div.fac-page', {}, header('dashboard', live), h('p.loading', {}, t('loading'))));
  await live.ready;
  const model = live.model;
  const root = h('div.fac-page');
  let body = null;
  let controls = null;
  let stateBadge = null;
  let alertBox = null;
  let messageLog = null;

  const renderMessages = () => {
    messageLog.replaceChildren(...model.messages.slice(-6).reverse().map((m) => h('li', {},
      h('span.time', {}, clock(m.at)), ' ',
      m.team ? h('span.to', {}, `→ ${teamName(model.teams.get(m.team))} : `) : h('span.to', {}, `→ ${t('everyone')} : `),
      m.text)));
  };

  const renderAll = () => {
    const session = model.session;
    controls = roomControls(live);
    stateBadge = h(`span.state.${session.state}`, { 'data-testid': 'session-state' }, t(`state_${session.state}`));
    alertBox = alerts(live);
    messageLog = h('ul.message-log', { 'data-testid': 'message-log' });
    renderMessages();
    const teams = [...model.teams.values()];
    body = h('tbody', {}, teams.map((team) => rowView(live, team)));
    const table = h('table.grid', { 'data-testid': 'grid' },
      h('thead', {}, h('tr', {}, h('th.team-head', { scope: 'col' }, tn('teams_n', teams.length)),
        model.challenges.map((c, i) => columnHead(live, c, i)), h('th.total-head', { scope: 'col' }, t('total')))),
      body);
    root.replaceChildren(...[
      header('dashboard', live),
      h(`div.room-bar.${session.state}`, {},
        h('div.room-title', {}, h('h1', { 'data-testid': 'session-title' }, session.title), stateBadge),
        controls.el),
      session.state === 'paused' ? h('div.paused-banner', { 'data-testid': 'paused-banner' }, icon('pause'), t('paused_banner')) : null,
      h('div.dash', {},
        h('div.dash-main', {},
          alertBox,
          h('div.grid-wrap', {}, table),
          teams.length ? null : h('p.empty', { 'data-testid': 'no-teams' }, t('no_teams')),
          h('p.legend', {}, t('legend', { minutes: model.stuckRule.minutes, tries: model.stuckRule.tries }))),
        h('aside.dash-side', {},
          joinBox(live),
          queueBox(live),
          h('div.exports', {}, exportLinks(session.id)),
          h('h3', {}, t('messages')),
          messageLog)),
    ].filter(Boolean));
  };

  const renderTeam = (id) => {
    const team = model.teams.get(id);
    const old = body && body.querySelector(`tr[data-team="${id}"]`);
    if (!team || !old) {
      renderAll();
      return;
    }
    old.replaceWith(rowView(live, team));
    const fresh = alerts(live);
    alertBox.replaceWith(fresh);
    alertBox = fresh;
  };

  renderAll();
  mount(root);
  const stop = model.onChange((what) => {
    if (what === 'all' || what.session) renderAll();
    else if (what.team !== undefined && what.team !== null && !what.message) renderTeam(what.team);
    else if (what.message) renderMessages();
    else if (what.deleted) {
      toast(t('session_gone'));
      location.hash = '#/';
    }
  });
  // "3 min ago" and stuck / idle flags move with time, not only with events.
  const timer = setInterval(() => {
    for (const team of model.teams.values()) {
      const stats = model.stats(team);
      const row = body && body.querySelector(`tr[data-team="${team.id}"]`);
      if (!row) continue;
      if (row.classList.contains('is-stuck') !== stats.stuck || row.classList.contains('is-idle') !== stats.idle) renderTeam(team.id);
      else row.querySelector('.since').textContent = ago(model.now() - team.last_change);
    }
  }, 10000);
  document.title = `${model.session.title} — RoboLab`;
  return () => {
    stop();
    clearInterval(timer);
  };
}
