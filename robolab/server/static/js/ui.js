// Small DOM helpers: build elements, show a toast, stars.

/** h('button.primary', {onclick}, 'text', child...) */
export function h(tag, attrs = {}, ...children) {
  const [name, ...classes] = tag.split('.');
  const el = document.createElement(name || 'div');
  if (classes.length) el.className = classes.join(' ');
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (key === 'style' && typeof value === 'object') Object.assign(el.style, value);
    else if (key === 'text') el.textContent = value;
    else el.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

let toastTimer = null;

export function toast(message, ms = 4000) {
  const box = document.getElementById('toast');
  box.onclick = () => { box.hidden = true; };
  box.textContent = message;
  box.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { box.hidden = true; }, ms);
}

export function stars(n, label) {
  const out = h('span.stars', { role: 'img', 'aria-label': label, 'data-stars': n });
  for (let i = 0; i < 3; i++) out.append(h(i < n ? 'span.on' : 'span.off', {}, '★'));
  return out;
}

export function mount(...children) {
  const app = document.getElementById('app');
  app.replaceChildren(...children);
  return app;
}

export function teamBadge(team, lang) {
  if (!team) return null;
  return h('span.badge', { 'data-testid': 'team' }, h('span.dot', { style: { background: team.css } }), team.name[lang]);
}
