// "New secret link": when the facilitator link may have leaked, make a new one. Every other
// facilitator (another laptop, the projector) is let out at once; this page keeps working with
// the new key and shows the new link and its QR code, once.
import { t } from '../i18n.js';
import { h, toast } from '../ui.js';
import { post, setCsrf } from './api.js';
import { confirmDialog, modal } from './widgets.js';

async function makeNewLink() {
  const sure = await confirmDialog(t('new_link_title'), t('new_link_text'), t('new_link_go'), { danger: true });
  if (!sure) return;
  let out;
  try {
    out = await post('/api/facilitator/link');
  } catch (err) {
    toast(err.message);
    return;
  }
  setCsrf(out.csrf);
  const field = h('input', {
    readonly: true, value: out.link, 'data-testid': 'new-link-url', 'aria-label': t('new_link_done'),
    style: { width: '100%', fontFamily: 'monospace' }, onfocus: (event) => event.target.select(),
  });
  const body = h('div', {},
    h('img', { src: out.qr, alt: '', 'data-testid': 'new-link-qr', style: { width: '220px', height: '220px', imageRendering: 'pixelated', display: 'block', margin: '0 auto 12px' } }),
    field,
    h('p.note', {}, t('new_link_keep')));
  await modal(t('new_link_done'), body, [{ label: t('new_link_close'), value: true, cls: 'primary', testid: 'new-link-close' }]);
}

/** The button of the sessions page. */
export function newLinkButton() {
  return h('button.link', { 'data-testid': 'new-link', onclick: makeNewLink }, t('new_link'));
}
