// The tablet's WebSocket (docs/server.md): the session's state (pause, end), the facilitator's
// messages and the team's events. It reconnects by itself (back-off with jitter) after sleep,
// Wi-Fi drops or a server restart; <html data-socket="open|closed"> tells tests and styles.
import { savedTeam } from './api.js';
import { retryDelay } from './backoff.js';
import { t } from './i18n.js';
import { h } from './ui.js';

export const room = { state: 'open', connected: false };
const listeners = new Set();
const stateListeners = new Set();
let socket = null;
let retry = 0;
let retryTimer = null;
let pingTimer = null;
let stopped = false;

/** Calls fn(state) whenever the session's state changes ('open', 'paused', 'ended'). */
export function onRoomState(fn) {
  stateListeners.add(fn);
  return () => stateListeners.delete(fn);
}

function setConnected(connected) {
  room.connected = connected;
  document.documentElement.dataset.socket = connected ? 'open' : 'closed';
}

/** A facilitator's message, big, until the team taps OK (several stack up). */
function showMessage(text) {
  let box = document.getElementById('room-messages');
  if (!box) {
    box = h('div.messages', { id: 'room-messages', role: 'alert', 'data-testid': 'room-messages' });
    document.body.append(box);
  }
  const card = h('div.message-card', { 'data-testid': 'room-message' },
    h('strong', {}, t('message_from')),
    h('p', {}, text),
    h('button.primary', { onclick: () => { card.remove(); if (!box.childElementCount) box.remove(); } }, t('ok')));
  box.append(card);
}

export function onRoomEvent(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

function emit(event) {
  for (const fn of listeners) fn(event);
}

function setState(state) {
  const changed = room.state !== state;
  room.state = state;
  if (changed) for (const fn of stateListeners) fn(state);
  let overlay = document.getElementById('room-overlay');
  if (state === 'open') {
    overlay?.remove();
    return;
  }
  if (!overlay) {
    overlay = document.createElement('div');
    overlay.id = 'room-overlay';
    overlay.className = 'overlay';
    overlay.dataset.testid = 'room-overlay';
    document.body.append(overlay);
  }
  overlay.textContent = state === 'paused' ? t('paused') : t('ended');
}

export function connect() {
  const team = savedTeam();
  if (!team || socket) return;
  stopped = false;
  clearTimeout(retryTimer);
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  socket = new WebSocket(`${scheme}://${location.host}/ws`);
  socket.addEventListener('open', () => {
    socket.send(JSON.stringify({ type: 'hello', token: team.token }));
  });
  socket.addEventListener('message', (message) => {
    let data;
    try {
      data = JSON.parse(message.data);
    } catch {
      return;
    }
    if (data.type === 'welcome') {
      retry = 0;
      setConnected(true);
      setState(data.session.state);
      clearInterval(pingTimer);
      pingTimer = setInterval(() => socket?.readyState === 1 && socket.send('{"type":"ping"}'), 25000);
    } else if (data.type === 'event') {
      const event = data.event;
      if (event.type === 'session.state') setState(event.data.state);
      else if (event.type === 'session.deleted') setState('ended');
      else if (event.type === 'room.message' || event.type === 'team.message') showMessage(event.data.text);
      emit(event);
    }
  });
  socket.addEventListener('close', (event) => {
    socket = null;
    setConnected(false);
    clearInterval(pingTimer);
    if (stopped || event.code === 4401) return; // 4401: not a team any more, the page asks to join
    retry += 1;
    clearTimeout(retryTimer);
    retryTimer = setTimeout(connect, retryDelay(retry));
  });
}

export function disconnect() {
  stopped = true;
  const s = socket;
  socket = null;
  if (s) s.close();
}

document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible' && !socket) connect();
});
window.addEventListener('online', () => { if (!socket && !stopped) connect(); });
