// The hints a team was shown for one of its runs (team page, under the replay): each level with
// its text, as the tablet showed it, in the facilitator's language.
import { t } from '../i18n.js';
import { icon } from '../icons.js';
import { h } from '../ui.js';
import { get, sessionPath } from './api.js';
import { tn } from './widgets.js';

export function attemptHints(sessionId, attemptId) {
  const list = h('ol.fac-hints', { 'data-testid': 'attempt-hints' });
  const el = h('section.fac-hints-box', {}, h('h3', {}, icon('bulb', 18), ' ', t('hints_title')), list);

  async function refresh() {
    let data;
    try {
      data = await get(sessionPath(sessionId, `/attempts/${attemptId}/hints`));
    } catch (err) {
      list.replaceChildren(h('li.note', {}, err.message));
      return;
    }
    if (!data.hints.length) {
      list.replaceChildren(h('li.note', {}, t('no_hints')));
      return;
    }
    list.replaceChildren(...data.hints.map((hint) => h('li', { 'data-level': hint.level, 'data-kind': hint.kind },
      h('strong', {}, t('hint_level', { n: hint.level })), ' ',
      hint.shown > 1 ? h('small', {}, `(${tn('hint_seen_times', hint.shown)}) `) : null,
      hint.text || '')));
  }

  refresh();
  return { el, refresh };
}
