// Joining: type (or scan) the session code, pick a pseudonym, or find your team again.
import { ApiError, get, idPath, post, saveTeam } from './api.js';
import { lang, t } from './i18n.js';
import { h, mount, toast } from './ui.js';

function header() {
  return h('header.bar', {}, h('h1', {}, t('app_title')), languageButton());
}

export function languageButton() {
  return h('button.ghost', { 'data-testid': 'lang', onclick: () => switchLanguage() }, t('language'));
}

/** Reloads the page in the other language (Blockly loads its own messages). */
export function switchLanguage() {
  document.dispatchEvent(new CustomEvent('robolab:leaving'));
  const other = lang === 'fr' ? 'en' : 'fr';
  location.replace(`${location.pathname}?lang=${other}${location.hash}`);
}

export function showJoin(code = '', message = '') {
  const error = h('p.error-text', { 'data-testid': 'join-error' }, message);
  const input = h('input', {
    type: 'text', inputmode: 'numeric', autocomplete: 'off', maxlength: '12',
    'aria-label': t('join_code'), 'data-testid': 'code', value: code,
  });
  const go = h('button.primary', { type: 'submit', 'data-testid': 'code-go' }, t('join_go'));
  const form = h('form', {
    onsubmit: async (event) => {
      event.preventDefault();
      go.disabled = true;
      try {
        await showPick(input.value.replace(/\s+/g, ''));
      } catch (err) {
        error.textContent = err instanceof ApiError && err.status === 404 ? t('unknown_code') : err.message;
        go.disabled = false;
      }
    },
  }, h('label', {}, h('h2', {}, t('join_code')), input), error, h('div.row.end', {}, go));
  mount(h('div', {}, header(), h('main.center', {}, h('div.card', {}, h('h2', {}, t('join_title')), form))));
  if (!code) input.focus();
}

async function lookup(code) {
  return get(`/api/sessions/${idPath(code)}`);
}

export async function showPick(code, info = null) {
  info = info || await lookup(code);
  let chosen = null;
  const error = h('p.error-text', { 'data-testid': 'pick-error' });
  const go = h('button.primary', { disabled: true, 'data-testid': 'pick-go' }, t('join_go'));
  const cards = info.suggestions.map((p) => {
    const card = h('button.choice', {
      'data-testid': 'pseudonym', 'data-animal': p.animal, 'data-color': p.color,
      onclick: () => {
        chosen = p;
        for (const other of cards) other.classList.toggle('selected', other === card);
        go.disabled = false;
      },
    }, h('span.dot', { style: { background: p.css } }), p.name[lang]);
    return card;
  });
  go.addEventListener('click', async () => {
    go.disabled = true;
    try {
      const joined = await post('/api/join', { code, animal: chosen.animal, color: chosen.color });
      welcome(joined, code);
    } catch (err) {
      if (err instanceof ApiError && err.status === 409 && err.data.suggestions) {
        await showPick(code, { ...info, suggestions: err.data.suggestions });
        toast(err.message);
        return;
      }
      error.textContent = err.message;
      go.disabled = false;
    }
  });
  mount(h('div', {}, header(), h('main.center', {},
    h('div.card', {},
      h('h2', {}, t('pick_title')),
      h('div.choices', {}, cards),
      error,
      h('div.row', {},
        h('button', { 'data-testid': 'more', onclick: () => showPick(code).catch((e) => { error.textContent = e.message; }) }, t('pick_more')),
        h('button', { 'data-testid': 'have-one', onclick: () => showResume(code, info) }, t('pick_resume')),
        h('span', { style: { flex: 1 } }),
        go)),
    h('p', {}, h('button.ghost', { onclick: () => showJoin(code) }, t('back'))))));
}

export function showResume(code, info) {
  let animal = null;
  let color = null;
  const error = h('p.error-text', { 'data-testid': 'resume-error' });
  const go = h('button.primary', { disabled: true, 'data-testid': 'resume-go' }, t('resume_go'));
  const update = () => { go.disabled = !(animal && color); };
  const picker = (items, cls, onPick) => {
    const buttons = items.map((item) => h('button', {
      'data-key': item.key,
      style: item.css ? { borderBottom: `8px solid ${item.css}` } : undefined,
      onclick: () => {
        onPick(item.key);
        for (const b of buttons) b.classList.toggle('primary', b.dataset.key === item.key);
        update();
      },
    }, item.name));
    return h(`div.pickers${cls}`, {}, buttons);
  };
  go.addEventListener('click', async () => {
    go.disabled = true;
    try {
      welcome(await post('/api/resume', { code, animal, color }), code);
    } catch (err) {
      error.textContent = err.message;
      update();
    }
  });
  mount(h('div', {}, header(), h('main.center', {},
    h('div.card', {},
      h('h2', {}, t('resume_title')),
      h('h3', {}, t('resume_animal')),
      picker(info.choices.animals, '.animals', (key) => { animal = key; }),
      h('h3', {}, t('resume_color')),
      picker(info.choices.colors, '.colors', (key) => { color = key; }),
      error,
      h('div.row.end', {}, h('button', { onclick: () => showPick(code, info) }, t('back')), go)))));
}

function welcome(joined, code) {
  saveTeam(joined, code);
  toast(`${joined.team.name[lang]} — ${t('remember')}`, 5000);
  history.replaceState(null, '', '/#/ladder');
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}
