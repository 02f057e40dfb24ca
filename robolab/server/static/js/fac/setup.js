// A session's challenges: order, who may open each one (locked / in order / open), adding from
// the packs; the title; ending or deleting the session.
import { t } from '../i18n.js';
import { h, mount, toast } from '../ui.js';
import { get, patch, post, put, sessionPath } from './api.js';
import { orderList, packPicker } from './create.js';
import { header } from './header.js';
import { setState } from './room.js';
import { deleteSession, exportLinks } from './sessions.js';
import { iconButton } from './widgets.js';

const ACCESS = ['locked', 'auto', 'open'];

export async function showSetup(live) {
  mount(h('div.fac-page', {}, header('ladder', live), h('p.loading', {}, t('loading'))));
  const [{ packs }] = await Promise.all([get('/api/facilitator/packs'), live.ready]);
  const model = live.model;
  const titles = new Map(packs.flatMap((p) => p.challenges.map((c) => [c.id, c.title])));
  for (const c of model.challenges) if (!titles.has(c.id)) titles.set(c.id, c.title);
  const root = h('div.fac-page');

  const save = async (items, access) => {
    try {
      await put(sessionPath(live.sessionId, '/challenges'), { challenges: items.map((id) => ({ id, access: access.get(id) || 'auto' })) });
    } catch (err) {
      toast(err.message);
    }
  };

  const render = () => {
    const session = model.session;
    const items = model.challenges.map((c) => c.id);
    const access = new Map(model.challenges.map((c) => [c.id, c.access]));
    const segmented = (id) => h('span.segmented', { role: 'group', 'aria-label': t('access_label') }, ACCESS.map((a) => h(`button.small${access.get(id) === a ? '.on' : ''}`, {
      'data-testid': `access-${a}`, 'aria-pressed': String(access.get(id) === a),
      onclick: () => post(sessionPath(live.sessionId, '/access'), { access: a, challenges: [id] }).catch((e) => toast(e.message)),
    }, t(`access_${a}`))));
    const order = orderList(items, titles, () => save(items, access), segmented);
    const picker = packPicker(packs, items, (id, on) => {
      if (on && !items.includes(id)) items.push(id);
      if (!on) items.splice(items.indexOf(id), 1);
      save(items, access);
    });
    const title = h('input.text', { type: 'text', maxlength: '80', value: session.title, 'aria-label': t('session_title'), 'data-testid': 'rename' });
    const bulk = ACCESS.map((a) => iconButton(a === 'locked' ? 'lock' : a === 'open' ? 'unlock' : 'order', t(`all_${a}`), {
      'data-testid': `all-${a}`,
      onclick: () => post(sessionPath(live.sessionId, '/access'), { access: a }).catch((e) => toast(e.message)),
    }));
    root.replaceChildren(
      header('ladder', live),
      h('main.wide', { 'data-testid': 'setup-page' },
        h('h1', {}, t('ladder_title')),
        h('div.columns', {},
          h('section.panel', {},
            h('h2', {}, t('challenge_order')),
            h('p.note', {}, t('access_note')),
            h('div.row', {}, bulk),
            order.el),
          h('section.panel', {}, h('h2', {}, t('add_challenges')), picker)),
        h('section.panel', {},
          h('h2', {}, t('session_settings')),
          h('label.field', {}, h('span', {}, t('session_title')), title,
            h('button', { onclick: () => patch(sessionPath(live.sessionId), { title: title.value }).then(() => toast(t('saved'))).catch((e) => toast(e.message)) }, t('save'))),
          h('div.row', {}, exportLinks(live.sessionId)),
          h('div.row.danger-zone', {},
            session.state === 'ended'
              ? iconButton('play', t('reopen'), { onclick: () => setState(live, 'open').catch((e) => toast(e.message)) })
              : iconButton('stop', t('end_session'), { 'data-testid': 'end-session', onclick: () => setState(live, 'ended').catch((e) => toast(e.message)) }),
            iconButton('trash', t('delete'), {
              'data-testid': 'delete-session',
              onclick: async () => { try { if (await deleteSession(session)) location.hash = '#/'; } catch (err) { toast(err.message); } },
            }, '.danger')))));
  };
  render();
  mount(root);
  const stop = model.onChange((what) => {
    if (what === 'all' || what.session) render();
    if (what.deleted) location.hash = '#/';
  });
  return stop;
}
