// A team's page: its progress on each challenge, every attempt (newest first), and the chosen
// attempt's program with a replay; send it to the projector, or a message to this team.
import { t } from '../i18n.js';
import { icon } from '../icons.js';
import { h, mount, stars, toast } from '../ui.js';
import { get, post, sessionPath } from './api.js';
import { header } from './header.js';
import { attemptHints } from './hints.js';
import { replayView } from './replay.js';
import { sendMessage } from './room.js';
import { ago, clock, iconButton, outcomeLabel, teamBadge, teamName, tn } from './widgets.js';

export async function showTeam(live, teamId, challengeFilter) {
  mount(h('div.fac-page', {}, header('dashboard', live), h('p.loading', {}, t('loading'))));
  await live.ready;
  const model = live.model;
  const team = model.teams.get(teamId);
  if (!team) {
    toast(t('team_gone'));
    location.hash = `#/s/${live.sessionId}`;
    return null;
  }
  let filter = challengeFilter;
  let selected = null;
  let replay = null;
  let hintsBox = null;
  const list = h('ol.attempts', { 'data-testid': 'attempts' });
  const detail = h('section.attempt-detail', { 'data-testid': 'attempt-detail' }, h('p.note', {}, t('pick_attempt')));
  const progress = h('div.progress-chips');
  const status = h('p.team-status');

  const titleOf = (id) => model.challenge(id)?.title || id;

  const renderProgress = () => {
    const now = model.teams.get(teamId) || team; // a fresh snapshot brings new objects
    progress.replaceChildren(h('button.chip', { 'aria-pressed': String(!filter), onclick: () => { filter = null; loadList(); renderProgress(); } }, t('all_challenges')),
      ...model.challenges.map((c) => {
        const cell = model.cell(team.id, c.id);
        return h('button.chip', { 'aria-pressed': String(filter === c.id), 'data-challenge': c.id, onclick: () => { filter = c.id; loadList(); renderProgress(); } },
          c.title, ' ', stars(cell ? cell.stars : 0, tn('stars_n', cell ? cell.stars : 0)),
          cell ? h('small', {}, ` ${tn('tries_n', cell.attempts)}`) : null,
          cell && cell.hints ? h('small.chip-hints', { 'data-testid': 'chip-hints' }, ` · ${tn('hints_n', cell.hints)}`) : null);
      }));
    const stats = model.stats(now);
    status.replaceChildren(...[
      h(`span.online${now.online ? '.on' : ''}`, { 'data-online': now.online || 0 }), ' ', now.online ? t('online') : t('offline_team'),
      ' · ', t('last_change', { ago: ago(model.now() - now.last_change) }), ' ',
      stats.stuck ? h('span.flag.stuck', {}, t('stuck')) : null].filter(Boolean));
  };

  const select = async (attemptId) => {
    selected = attemptId;
    for (const li of list.children) li.classList.toggle('selected', Number(li.dataset.attempt) === attemptId);
    const attempt = await get(sessionPath(live.sessionId, `/attempts/${attemptId}`));
    if (selected !== attemptId) return;
    if (replay) replay.destroy();
    replay = await replayView(attempt, { autoplay: true });
    hintsBox = attemptHints(live.sessionId, attemptId);
    const onProjector = model.projector.includes(attemptId);
    detail.replaceChildren(
      h('div.detail-head', {},
        h('h2', {}, attempt.challenge.title),
        h('span.when', {}, clock(attempt.at)),
        iconButton('screen', onProjector ? t('projector_remove') : t('projector_add'), {
          'data-testid': 'to-projector',
          onclick: async () => {
            const now = model.projector.includes(attemptId)
              ? model.projector.filter((a) => a !== attemptId)
              : [...model.projector.filter((a) => a !== attemptId), attemptId].slice(-4);
            try {
              await post(sessionPath(live.sessionId, '/projector'), { attempts: now });
              toast(now.includes(attemptId) ? t('projector_added') : t('projector_removed'));
              select(attemptId);
            } catch (err) {
              toast(err.message);
            }
          },
        }, '.primary')),
      replay.el,
      hintsBox.el);
  };

  const loadList = async () => {
    const query = filter ? `?challenge=${encodeURIComponent(filter)}` : '';
    const data = await get(sessionPath(live.sessionId, `/teams/${team.id}/attempts${query}`));
    list.replaceChildren(...data.attempts.map((a) => h(`li${a.id === selected ? '.selected' : ''}`, { 'data-attempt': a.id, 'data-testid': 'attempt' },
      h('button', { onclick: () => select(a.id) },
        h('span.time', {}, clock(a.at)),
        h('span.ctitle', {}, titleOf(a.challenge)),
        stars(a.stars, tn('stars_n', a.stars)),
        h(`span.outcome.${a.outcome}`, {}, outcomeLabel(a.outcome))))));
    if (!data.attempts.length) list.append(h('li.empty', {}, t('no_attempts')));
    if (selected === null && data.attempts.length) select(data.attempts[0].id);
  };

  mount(h('div.fac-page', {},
    header('dashboard', live),
    h('main.wide.team-page', { 'data-testid': 'team-page', 'data-team': team.id },
      h('div.title-row', {},
        h('a.button', { href: `#/s/${live.sessionId}` }, icon('back'), t('back')),
        h('h1', {}, teamBadge(team)),
        iconButton('message', t('message_team'), { 'data-testid': 'message-team', onclick: () => sendMessage(live, team.id, t('message_to', { name: teamName(team) })) })),
      status,
      progress,
      h('div.team-columns', {},
        h('section.panel', {}, h('h2', {}, t('attempts_title')), list),
        detail))));
  renderProgress();
  await loadList();
  const stop = model.onChange((what) => {
    if (what === 'all' || what.team === team.id) {
      renderProgress();
      if (what.attempt) loadList();
      if (what.hint && what.hint === selected && hintsBox) hintsBox.refresh();
    }
    if (what.deleted) location.hash = '#/';
  });
  document.title = `${teamName(team)} — RoboLab`;
  return () => {
    stop();
    if (replay) replay.destroy();
  };
}
