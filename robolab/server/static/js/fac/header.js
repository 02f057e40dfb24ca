// The facilitator's top bar: where am I, the session's screens, connection, language.
import { lang, t } from '../i18n.js';
import { icon } from '../icons.js';
import { h } from '../ui.js';

export function switchLanguage() {
  const other = lang === 'fr' ? 'en' : 'fr';
  location.replace(`${location.pathname}?lang=${other}${location.hash}`);
}

function link(href, label, name, active) {
  return h(`a.nav${active ? '.active' : ''}`, { href, 'data-testid': `nav-${name}` }, icon(name === 'sessions' ? 'home' : name === 'dashboard' ? 'team' : name === 'ladder' ? 'order' : name === 'robots' ? 'robot' : name === 'editor' ? 'pencil' : 'screen', 18), label);
}

/** The bar; `live` (a session's connection) adds its screens and the connection badge. */
export function header(active, live = null) {
  const nav = [
    link('#/', t('nav_sessions'), 'sessions', active === 'sessions'),
    link('#/editor', t('nav_editor'), 'editor', active === 'editor'),
  ];
  let status = null;
  if (live) {
    const base = `#/s/${live.sessionId}`;
    nav.push(link(base, t('nav_dashboard'), 'dashboard', active === 'dashboard'));
    nav.push(link(`${base}/ladder`, t('nav_ladder'), 'ladder', active === 'ladder'));
    nav.push(link(`${base}/robots`, t('nav_robots'), 'robots', active === 'robots'));
    nav.push(h('a.nav', { href: `/facilitator/${base}/projector`, target: 'robolab-projector', 'data-testid': 'nav-projector' }, icon('screen', 18), t('nav_projector')));
    const badge = h('span.live', { 'data-testid': 'live-status' });
    let seen = false;
    const stop = live.onStatus((connected) => {
      if (badge.isConnected) seen = true;
      else if (seen) { stop(); return; } // this bar left the page
      badge.classList.toggle('off', !connected);
      badge.textContent = connected ? t('live_on') : t('live_off');
    });
    status = badge;
  }
  return h('header.fac-bar', {},
    h('span.brand', {}, h('img', { src: '/static/icon.svg', alt: '' }), t('app_title')),
    h('nav', {}, nav),
    h('span.grow'),
    status,
    h('button.ghost', { 'data-testid': 'lang', onclick: switchLanguage }, t('language')));
}
