// Room control: pause everyone / resume, a message to every tablet, the join code and QR code.
import { t } from '../i18n.js';
import { h, toast } from '../ui.js';
import { post, sessionPath } from './api.js';
import { iconButton, messageDialog } from './widgets.js';

export async function setState(live, state) {
  const out = await post(sessionPath(live.sessionId, '/state'), { state });
  if (state === 'paused') toast(out.robots === 'stopped' ? t('paused_robots') : out.message || t('paused_done'));
  return out;
}

export async function sendMessage(live, team = null, title = t('message_all')) {
  const text = await messageDialog(title);
  if (!text) return;
  try {
    await post(sessionPath(live.sessionId, '/messages'), team === null ? { text } : { text, team });
    toast(t('message_sent'));
  } catch (err) {
    toast(err.message);
  }
}

/** The pause / resume button and "message to all", kept in step with the session's state. */
export function roomControls(live) {
  const box = h('div.room-controls');
  const render = () => {
    const state = live.model.session.state;
    const pause = state === 'paused'
      ? iconButton('play', t('resume_all'), { 'data-testid': 'resume-all', onclick: () => setState(live, 'open').catch((e) => toast(e.message)) }, '.go.big')
      : iconButton('pause', t('pause_all'), { 'data-testid': 'pause-all', disabled: state === 'ended', onclick: () => setState(live, 'paused').catch((e) => toast(e.message)) }, '.warn.big');
    box.replaceChildren(pause,
      iconButton('message', t('message_all'), { 'data-testid': 'message-all', disabled: state === 'ended', onclick: () => sendMessage(live) }, '.big'));
  };
  render();
  return { el: box, render };
}

export function joinBox(live, { big = false } = {}) {
  const session = live.model.session;
  return h(`div.join${big ? '.big' : ''}`, { 'data-testid': 'join-box' },
    h('div.join-call', {}, t('join_call')),
    h('img.qr', { src: sessionPath(live.sessionId, '/qr.svg'), alt: t('qr_alt', { url: session.join_url }) }),
    h('div', {},
      h('div.join-label', {}, t('join_code')),
      h('div.join-code', { 'data-testid': 'join-code' }, session.code),
      h('div.join-url', {}, session.join_url)));
}
