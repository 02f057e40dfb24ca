// The dashboard's WebSocket (/ws/facilitator): a snapshot on every (re)connection, then the
// session's events, pushed. Reconnects by itself with back-off (server restart, Wi-Fi, sleep).
// <html data-live="open|closed"> tells tests and the connection badge.
import { retryDelay } from '../backoff.js';
import { lang } from '../i18n.js';
import { toast } from '../ui.js';
import { SessionModel } from './model.js';

export class Live {
  constructor(sessionId, { onGone = () => {} } = {}) {
    this.sessionId = Number(sessionId);
    this.model = new SessionModel();
    this.onGone = onGone;
    this.retry = 0;
    this.closed = false;
    this.connected = false;
    this.statusListeners = new Set();
    this.eventListeners = new Set();
    this.ready = new Promise((resolve) => { this.resolveReady = resolve; });
    this.onVisible = () => { if (document.visibilityState === 'visible' && !this.socket && !this.closed) this.connect(); };
    document.addEventListener('visibilitychange', this.onVisible);
    this.connect();
  }

  onStatus(fn) {
    this.statusListeners.add(fn);
    fn(this.connected);
    return () => this.statusListeners.delete(fn);
  }

  /** Calls fn(event) for every pushed event (robots' events too, which the model ignores). */
  onEvent(fn) {
    this.eventListeners.add(fn);
    return () => this.eventListeners.delete(fn);
  }

  setConnected(connected) {
    this.connected = connected;
    document.documentElement.dataset.live = connected ? 'open' : 'closed';
    for (const fn of this.statusListeners) fn(connected);
  }

  connect() {
    clearTimeout(this.timer);
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const socket = new WebSocket(`${scheme}://${location.host}/ws/facilitator`);
    this.socket = socket;
    socket.addEventListener('open', () => {
      socket.send(JSON.stringify({ type: 'hello', session: this.sessionId, lang }));
    });
    socket.addEventListener('message', (message) => {
      let data;
      try {
        data = JSON.parse(message.data);
      } catch {
        return;
      }
      if (data.type === 'snapshot') {
        this.retry = 0;
        this.model.load(data.snapshot);
        this.setConnected(true);
        this.resolveReady();
      } else if (data.type === 'event') {
        this.model.apply(data.event);
        for (const fn of this.eventListeners) fn(data.event);
        if (data.event.type === 'session.challenges') this.refresh();
        // the machine cannot save (a full disk, a locked database): say it, in big, for a while
        if (data.event.type === 'server.problem') toast(data.event.data.message[lang] || data.event.data.message.fr, 20000);
      }
    });
    socket.addEventListener('close', (event) => {
      if (this.socket === socket) this.socket = null;
      clearInterval(this.ping);
      this.setConnected(false);
      if (this.closed) return;
      if (event.code === 4404) {
        this.onGone();
        return;
      }
      if (event.code === 4401) {
        location.reload(); // the cookie is gone: the page explains how to get back in
        return;
      }
      this.retry += 1;
      this.timer = setTimeout(() => this.connect(), retryDelay(this.retry));
    });
    clearInterval(this.ping);
    this.ping = setInterval(() => { if (socket.readyState === 1) socket.send('{"type":"ping"}'); }, 25000);
  }

  /** Asks the server for a fresh snapshot (after the ladder changed). */
  refresh() {
    if (this.socket && this.socket.readyState === 1) this.socket.send('{"type":"snapshot"}');
  }

  close() {
    this.closed = true;
    clearTimeout(this.timer);
    clearInterval(this.ping);
    document.removeEventListener('visibilitychange', this.onVisible);
    if (this.socket) this.socket.close();
    this.socket = null;
  }
}
