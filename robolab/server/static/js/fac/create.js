// A new session: a title, challenges picked from the packs, in the order the facilitator wants.
import { t } from '../i18n.js';
import { icon } from '../icons.js';
import { h, mount, toast } from '../ui.js';
import { get, post } from './api.js';
import { header } from './header.js';
import { iconButton, tn } from './widgets.js';

/** An ordered list of challenge ids with up / down / remove buttons. */
export function orderList(items, titles, onChange, extra = () => null) {
  const list = h('ol.order', { 'data-testid': 'order' });
  const render = () => {
    list.replaceChildren(...items.map((id, i) => h('li', { 'data-id': id },
      h('span.pos', {}, String(i + 1)),
      h('span.name', {}, titles.get(id) || id),
      extra(id),
      h('span.moves', {},
        h('button.small', { 'aria-label': t('move_up'), title: t('move_up'), disabled: i === 0, 'data-testid': 'up', onclick: () => { [items[i - 1], items[i]] = [items[i], items[i - 1]]; render(); onChange(); } }, icon('up', 18)),
        h('button.small', { 'aria-label': t('move_down'), title: t('move_down'), disabled: i === items.length - 1, 'data-testid': 'down', onclick: () => { [items[i + 1], items[i]] = [items[i], items[i + 1]]; render(); onChange(); } }, icon('down', 18)),
        h('button.small', { 'aria-label': t('remove'), title: t('remove'), 'data-testid': 'remove', onclick: () => { items.splice(i, 1); render(); onChange(); } }, icon('close', 18))))));
    if (!items.length) list.append(h('li.empty', {}, t('no_challenge_yet')));
  };
  render();
  return { el: list, render };
}

/** The packs, each challenge with a picture and an "add" toggle. */
export function packPicker(packs, chosen, onToggle) {
  return packs.map((pack) => h('details.pack', { open: true },
    h('summary', {}, h('strong', {}, pack.title), ` · ${tn('challenges_n', pack.challenges.length)}`),
    h('div.pack-actions', {}, h('button.small', {
      type: 'button', 'data-testid': 'add-pack', onclick: () => { for (const c of pack.challenges) if (!chosen.includes(c.id)) onToggle(c.id, true); },
    }, icon('plus', 16), t('add_all'))),
    h('div.picks', {}, pack.challenges.map((c) => {
      const box = h('input', { type: 'checkbox', checked: chosen.includes(c.id), 'data-id': c.id, onchange: () => onToggle(c.id, box.checked) });
      return h('label.pick', { 'data-testid': 'pick' },
        box,
        h('img', { src: c.map_svg, alt: '', loading: 'lazy' }),
        h('span', {}, h('strong', {}, c.title), h('small', {}, ` ${t('tier', { tier: c.tier })}`)));
    }))));
}

export async function showCreate() {
  const { packs } = await get('/api/facilitator/packs');
  const titles = new Map(packs.flatMap((p) => p.challenges.map((c) => [c.id, c.title])));
  const chosen = packs.length ? packs[0].challenges.map((c) => c.id) : [];
  const title = h('input.text', { type: 'text', maxlength: '80', placeholder: t('title_placeholder'), 'data-testid': 'session-title', 'aria-label': t('session_title') });
  const accessOrder = h('input', { type: 'radio', name: 'access', value: 'auto', checked: true });
  const accessOpen = h('input', { type: 'radio', name: 'access', value: 'open' });
  const picker = h('div.packs');
  const order = orderList(chosen, titles, () => syncPicker());
  const syncPicker = () => {
    for (const box of picker.querySelectorAll('input[type=checkbox]')) box.checked = chosen.includes(box.dataset.id);
  };
  const toggle = (id, on) => {
    const at = chosen.indexOf(id);
    if (on && at < 0) chosen.push(id);
    if (!on && at >= 0) chosen.splice(at, 1);
    order.render();
    syncPicker();
  };
  picker.append(...packPicker(packs, chosen, toggle));
  const go = h('button.primary.big', { 'data-testid': 'create', onclick: async () => {
    go.disabled = true;
    try {
      const access = accessOpen.checked ? 'open' : 'auto';
      const made = await post('/api/facilitator/sessions', { title: title.value, challenges: chosen.map((id) => ({ id, access })) });
      location.hash = `#/s/${made.id}`;
    } catch (err) {
      toast(err.message);
      go.disabled = false;
    }
  } }, icon('plus'), t('create_session'));
  mount(h('div.fac-page', {},
    header('sessions'),
    h('main.wide', { 'data-testid': 'create-page' },
      h('h1', {}, t('new_session')),
      h('label.field', {}, h('span', {}, t('session_title')), title),
      h('div.columns', {},
        h('section.panel', {}, h('h2', {}, t('choose_challenges')), picker),
        h('section.panel', {},
          h('h2', {}, t('challenge_order')),
          h('p.note', {}, t('order_note')),
          order.el,
          h('fieldset.access', {},
            h('legend', {}, t('how_open')),
            h('label', {}, accessOrder, t('access_auto_long')),
            h('label', {}, accessOpen, t('access_open_long'))),
          h('div.row.end', {}, iconButton('back', t('cancel'), { onclick: () => { location.hash = '#/'; } }), go))))));
  title.focus();
  return null;
}
