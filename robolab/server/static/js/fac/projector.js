// The projector: the join code and QR code, the leaderboard by pseudonym (stars, then the par
// score), and "watch this run": up to four replays side by side, chosen from a team's page.
// Opened in its own window (drag it to the projector, press "Full screen").
import { lang, t } from '../i18n.js';
import { icon } from '../icons.js';
import { h, mount } from '../ui.js';
import { get, sessionPath } from './api.js';
import { replayView } from './replay.js';
import { joinBox } from './room.js';
import { parText, teamName, tn } from './widgets.js';

const ROWS = 12;

function leaderboard(model, limit) {
  const rows = model.leaderboard(lang);
  return h('section.board', { 'data-testid': 'leaderboard' },
    h('h2', {}, t('leaderboard')),
    rows.length
      ? h('ol.ranks', {}, rows.slice(0, limit).map((row) => h('li', { 'data-testid': 'rank', 'data-team': row.team.id },
        h('span.rank', {}, String(row.rank)),
        h('span.dot', { style: { background: row.team.css } }),
        h('span.name', {}, teamName(row.team)),
        h('span.total', {}, `${row.stars} ★`),
        h('span.par', { title: t('par_help') }, row.solved ? parText(row.par) : ''))))
      : h('p.empty', {}, t('no_teams')),
    rows.length > limit ? h('p.more', {}, tn('more_teams', rows.length - limit)) : null,
    h('p.par-help', {}, t('par_help')));
}

export async function showProjector(live) {
  document.body.classList.add('projecting');
  mount(h('div.projector', {}, h('p.loading', {}, t('loading'))));
  await live.ready;
  const model = live.model;
  const root = h('div.projector', { 'data-testid': 'projector' });
  let replays = [];
  let shown = '';
  let boardTimer = null;
  let bannerTimer = null;
  const banner = h('div.projector-message', { hidden: true, 'data-testid': 'projector-message' });
  const stage = h('div.stage');
  const side = h('aside.projector-side');

  let join = null;
  const renderSide = () => {
    const compact = model.projector.length > 0;
    if (!join || join.classList.contains('big') === compact) join = joinBox(live, { big: !compact });
    side.replaceChildren(join, leaderboard(model, compact ? 6 : ROWS));
    root.classList.toggle('watching', compact);
    root.classList.toggle('paused', model.session.state === 'paused');
  };

  const renderStage = async () => {
    const ids = model.projector.join(',');
    if (ids === shown) return;
    shown = ids;
    for (const r of replays) r.destroy();
    replays = [];
    if (!model.projector.length) {
      stage.replaceChildren();
      renderSide();
      return;
    }
    const attempts = await Promise.all(model.projector.map((id) => get(sessionPath(live.sessionId, `/attempts/${id}`)).catch(() => null)));
    if (shown !== ids) return;
    const views = [];
    for (const attempt of attempts.filter(Boolean)) {
      const team = model.teams.get(attempt.team);
      const view = await replayView(attempt, { autoplay: true, loop: true, controls: false, code: attempts.length <= 2, speed: 5 });
      replays.push(view);
      views.push(h('figure.watch', { 'data-testid': 'watch' },
        h('figcaption', {}, team ? h('span.dot', { style: { background: team.css } }) : null, team ? teamName(team) : '', h('small', {}, ` · ${attempt.challenge.title}`)),
        view.el));
    }
    stage.replaceChildren(...views);
    stage.dataset.count = String(views.length);
    renderSide();
  };

  const full = h('button.ghost', {
    'data-testid': 'fullscreen',
    onclick: () => (document.fullscreenElement ? document.exitFullscreen() : document.documentElement.requestFullscreen()).catch(() => {}),
  }, icon('full'), t('fullscreen'));
  root.append(
    h('div.projector-tools', {}, full, h('a.button.ghost', { href: `#/s/${live.sessionId}` }, icon('close'), t('leave_projector'))),
    h('div.projector-main', {}, stage, side),
    h('div.pause-cover', { 'data-testid': 'projector-paused' }, icon('pause', 120), h('div', {}, t('paused_projector'))),
    banner);
  renderSide();
  await renderStage();
  mount(root);

  const stop = model.onChange((what) => {
    if (what === 'all' || what.projector) {
      renderStage();
      if (what === 'all') renderSide();
    } else if (what.session) {
      renderSide();
    } else if (what.message && what.team === null) {
      banner.textContent = what.text;
      banner.hidden = false;
      clearTimeout(bannerTimer);
      bannerTimer = setTimeout(() => { banner.hidden = true; }, 20000);
    } else if (what.team !== undefined && !boardTimer) {
      boardTimer = setTimeout(() => { boardTimer = null; renderSide(); }, 400);
    }
  });
  document.title = `${model.session.title} — ${t('nav_projector')}`;
  return () => {
    stop();
    clearTimeout(boardTimer);
    clearTimeout(bannerTimer);
    for (const r of replays) r.destroy();
    document.body.classList.remove('projecting');
  };
}
