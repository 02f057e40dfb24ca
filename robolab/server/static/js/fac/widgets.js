// Small pieces shared by the facilitator's screens: times, outcomes, team badges, dialogs.
import { lang, t } from '../i18n.js';
import { icon } from '../icons.js';
import { h } from '../ui.js';

/** A sentence with a count: the `<key>_one` variant for one (and zero in French). */
export function tn(key, n, params = {}) {
  const one = lang === 'fr' ? n < 2 : n === 1;
  const name = one ? `${key}_one` : key;
  const text = t(name, { n, ...params });
  return text === name ? t(key, { n, ...params }) : text;
}

/** "à l'instant", "il y a 4 min", "il y a 1 h 05". */
export function ago(seconds) {
  if (seconds === null || seconds === undefined || Number.isNaN(seconds)) return '';
  const s = Math.max(0, Math.round(seconds));
  if (s < 45) return t('ago_now');
  const minutes = Math.round(s / 60);
  if (minutes < 60) return t('ago_min', { n: minutes });
  const hours = Math.floor(minutes / 60);
  return t('ago_hour', { h: hours, m: String(minutes % 60).padStart(2, '0') });
}

export function clock(at) {
  return new Date(at * 1000).toLocaleTimeString(lang === 'fr' ? 'fr-FR' : 'en-GB', { hour: '2-digit', minute: '2-digit' });
}

export function day(at) {
  return new Date(at * 1000).toLocaleDateString(lang === 'fr' ? 'fr-FR' : 'en-GB', { weekday: 'short', day: 'numeric', month: 'short' });
}

export function outcomeLabel(outcome) {
  return outcome ? t(`outcome_${outcome}`) : '';
}

export function teamName(team) {
  return team ? team.name[lang] : '?';
}

export function teamBadge(team, extra = {}) {
  return h('span.team-badge', extra, h('span.dot', { style: { background: team.css } }), teamName(team));
}

/** "+3", "−1", "0": blocks and steps over (or under) the par of the solved challenges. */
export function parText(par) {
  if (par > 0) return `+${par}`;
  if (par < 0) return `−${-par}`;
  return '0';
}

/** A modal box; resolves with the value of the button pressed (null for Cancel or Escape). */
export function modal(title, body, buttons) {
  return new Promise((resolve) => {
    let done = false;
    const finish = (value) => {
      if (done) return;
      done = true;
      document.removeEventListener('keydown', onKey);
      backdrop.remove();
      resolve(value);
    };
    const onKey = (event) => { if (event.key === 'Escape') finish(null); };
    const row = h('div.row.end', {}, buttons.map((b) => h(`button${b.cls ? `.${b.cls}` : ''}`, {
      'data-testid': b.testid, onclick: () => finish(typeof b.value === 'function' ? b.value() : b.value),
    }, b.label)));
    const box = h('div.dialog', { role: 'dialog', 'aria-modal': 'true', 'aria-label': title },
      h('h2', {}, title), body, row);
    const backdrop = h('div.backdrop', { onclick: (event) => { if (event.target === backdrop) finish(null); } }, box);
    document.addEventListener('keydown', onKey);
    document.body.append(backdrop);
    (box.querySelector('textarea, input') || row.lastChild).focus();
  });
}

export function confirmDialog(title, text, okLabel, { danger = false } = {}) {
  return modal(title, h('p', {}, text), [
    { label: t('cancel'), value: false, testid: 'cancel' },
    { label: okLabel, value: true, cls: danger ? 'danger' : 'primary', testid: 'confirm' },
  ]);
}

/** Asks for a message to the tablets (with ready-made sentences); resolves with the text or null. */
export function messageDialog(title) {
  const area = h('textarea', { maxlength: '280', rows: '3', 'data-testid': 'message-text', 'aria-label': title });
  const presets = ['preset_listen', 'preset_save', 'preset_robot', 'preset_five'].map((key) => h('button.chip', {
    type: 'button', onclick: () => { area.value = t(key); area.focus(); },
  }, t(key)));
  return modal(title, h('div', {}, h('div.chips', {}, presets), area, h('p.note', {}, t('message_note'))), [
    { label: t('cancel'), value: null, testid: 'cancel' },
    { label: t('send'), value: () => area.value.trim() || null, cls: 'primary', testid: 'message-send' },
  ]);
}

export function iconButton(name, label, attrs = {}, cls = '') {
  return h(`button${cls}`, attrs, icon(name, 20), h('span', {}, label));
}
