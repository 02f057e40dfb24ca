// The challenge ladder: every challenge of the session, its picture, level, stars and lock.
import { forgetTeam, get, idPath } from './api.js';
import { lang, t } from './i18n.js';
import { languageButton } from './join.js';
import { icon } from './icons.js';
import { h, mount, stars, teamBadge } from './ui.js';

export async function showLadder() {
  const data = await get('/api/team/ladder');
  const tiles = data.challenges.map((c) => {
    const tile = h('button.tile', {
      'data-testid': 'challenge', 'data-id': c.id, 'data-locked': c.locked ? 'true' : 'false',
      'aria-disabled': c.locked ? 'true' : undefined,
      onclick: () => { if (!c.locked) location.hash = `#/c/${idPath(c.id)}`; },
    },
    h('img', { src: c.map_svg, alt: '', loading: 'lazy' }),
    h('span.title', {}, c.locked ? icon('lock', 18) : null, c.title),
    h('span.meta', {}, [t('tier', { tier: c.tier }),
      c.progress.attempts ? ` · ${t('attempts', { n: c.progress.attempts })}` : '',
      c.locked ? ` · ${t('locked')}` : ''].join('')),
    stars(c.progress.stars, t('stars_label', { n: c.progress.stars })));
    if (c.locked) tile.classList.add('locked');
    return tile;
  });
  mount(h('div', {},
    h('header.bar', {},
      h('h1', {}, `${t('ladder_title')} — ${data.session.title}`),
      teamBadge(data.team, lang),
      h('button.ghost', { 'data-testid': 'leave', onclick: () => { forgetTeam(); location.replace('/'); } }, t('leave')),
      languageButton()),
    h('main.ladder', { 'data-testid': 'ladder' }, tiles)));
}
