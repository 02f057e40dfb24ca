// The sessions: open ones first, with their code; export, end, delete; "new session".
import { lang, t } from '../i18n.js';
import { icon } from '../icons.js';
import { h, mount, toast } from '../ui.js';
import { newLinkButton } from './access.js';
import { del, get, keepDays, post, sessionPath } from './api.js';
import { header } from './header.js';
import { confirmDialog, day, iconButton, tn } from './widgets.js';

export function exportLinks(id) {
  const base = sessionPath(id);
  return [
    h('a.button', { href: `${base}/export.csv${lang === 'fr' ? '?sep=semicolon' : ''}`, download: '', 'data-testid': 'export-csv' }, icon('download', 18), t('export_csv')),
    h('a.button', { href: `${base}/export.json`, download: '', 'data-testid': 'export-json' }, icon('download', 18), t('export_json')),
  ];
}

/** Asks, then deletes a session and all its data; resolves true when done. */
export async function deleteSession(session) {
  const sure = await confirmDialog(t('delete_title'), t('delete_text', { title: session.title, code: session.code }), t('delete_go'), { danger: true });
  if (!sure) return false;
  await del(sessionPath(session.id));
  toast(t('deleted'));
  return true;
}

function card(session, refresh) {
  const state = session.state;
  const actions = [
    h('a.button.primary', { href: `#/s/${session.id}`, 'data-testid': 'open-dashboard' }, icon('team', 18), t('open_dashboard')),
    h('a.button', { href: `/facilitator/#/s/${session.id}/projector`, target: 'robolab-projector' }, icon('screen', 18), t('nav_projector')),
    ...exportLinks(session.id),
    state === 'ended'
      ? iconButton('play', t('reopen'), { onclick: async () => { await post(sessionPath(session.id, '/state'), { state: 'open' }); refresh(); } })
      : null,
    iconButton('trash', t('delete'), {
      'data-testid': 'delete-session',
      onclick: async () => { try { if (await deleteSession(session)) refresh(); } catch (err) { toast(err.message); } },
    }, '.danger-ghost'),
  ];
  return h(`section.session-card.${state}`, { 'data-testid': 'session', 'data-id': session.id, 'data-code': session.code },
    h('div.session-head', {},
      h('h2', {}, session.title),
      h(`span.state.${state}`, {}, t(`state_${state}`))),
    h('p.code-line', {}, t('join_code'), ' ', h('strong.code', { 'data-testid': 'session-code' }, session.code)),
    h('p.meta', {}, [
      t('created', { date: day(session.created_at) }),
      tn('teams_n', session.teams),
      tn('attempts_n', session.attempts),
      tn('challenges_n', session.challenges),
    ].join(' · ')),
    h('div.row', {}, actions));
}

export async function showSessions() {
  const data = await get('/api/facilitator/sessions');
  const refresh = () => { showSessions().catch((err) => toast(err.message)); };
  const active = data.sessions.filter((s) => s.state !== 'ended');
  const ended = data.sessions.filter((s) => s.state === 'ended');
  mount(h('div.fac-page', {},
    header('sessions'),
    h('main.wide', { 'data-testid': 'sessions' },
      h('div.title-row', {},
        h('h1', {}, t('sessions_title')),
        h('a.button.primary.big', { href: '#/new', 'data-testid': 'new-session' }, icon('plus'), t('new_session'))),
      active.length ? h('div.cards', {}, active.map((s) => card(s, refresh))) : h('p.empty', {}, t('no_sessions')),
      ended.length ? h('h2.section', {}, t('ended_sessions')) : null,
      ended.length ? h('div.cards', {}, ended.map((s) => card(s, refresh))) : null,
      h('p.privacy', { 'data-testid': 'privacy' }, keepDays > 0 ? t('privacy', { days: keepDays }) : t('privacy_forever')),
      h('p', {}, h('button.link', {
        onclick: async () => {
          await post('/facilitator/logout');
          location.reload();
        },
      }, t('logout')), ' · ', newLinkButton()))));
  return null;
}
