// The hint panel of the result box. After a run that failed or earned fewer than 3 stars,
// "Besoin d'un indice ?" asks the server for the next level of hints about this very attempt
// (POST /api/team/hints, computed from the stored program, docs/server.md): 1 a nudge, 2 the
// block where it went wrong (selected and lit in the workspace), 3 the block to use next. The
// challenge's written tip for that level comes along, unless the team has already seen it.
/* global Blockly */
import { ApiError, post } from './api.js';
import { t, version } from './i18n.js';
import { icon } from './icons.js';
import { h, toast } from './ui.js';

const LEVELS = 3;

/** Loads the panel's styles once (hints.css: the shared style sheet stays untouched). */
function hintStyles() {
  if (document.getElementById('hints-css')) return;
  document.head.append(h('link', { id: 'hints-css', rel: 'stylesheet', href: `/static/hints.css?v=${encodeURIComponent(version)}` }));
}

/** Selects the block with this id, lights it and scrolls it into view; false if it is gone. */
export function spotlight(editor, id) {
  const workspace = editor.workspace;
  const block = id ? workspace.getBlockById(id) : null;
  if (!block) return false;
  if (Blockly.common && Blockly.common.setSelected) Blockly.common.setSelected(block);
  else block.select();
  workspace.highlightBlock(id);
  workspace.centerOnBlock(id);
  return true;
}

function levelTitle(level) {
  return [t('hint_level_1'), t('hint_level_2'), t('hint_level_3')][level - 1] || '';
}

/**
 * The panel for one attempt. `reveal(text)` says whether a written tip is new to the team (and
 * records it as seen), so the same tip is never shown twice in a panel.
 */
export function hintPanel({ challengeId, attempt, editor, reveal }) {
  hintStyles();
  const cards = h('ol.hint-cards', { 'data-testid': 'hint-cards' });
  const label = h('span', {}, t('need_hint'));
  const ask = h('button.hint-ask', { 'data-testid': 'need-hint' }, icon('bulb', 26), label);
  const done = h('p.hint-done', { 'data-testid': 'hint-done', hidden: true }, t('hint_done'));
  const el = h('div.hint-panel', { 'data-testid': 'hint-panel', 'data-level': '0' }, cards, ask, done);
  let level = 0;
  let more = true;
  let busy = false;

  function card(hint) {
    const item = h(`li.hint-card.level-${hint.level}`, { 'data-testid': 'hint-card', 'data-level': hint.level, 'data-kind': hint.kind },
      h('div.hint-head', {}, h('span.hint-step', {}, t('hint_of', { n: hint.level })), h('strong', {}, levelTitle(hint.level))),
      h('p.hint-text', { 'data-testid': 'hint-text' }, hint.text));
    if (hint.written && reveal(hint.written)) {
      item.append(h('p.hint-written', { 'data-testid': 'hint-written' }, h('strong', {}, t('hint_written')), ' ', hint.written));
    }
    const id = hint.block && hint.block.id;
    if (id && hint.level >= 2) {
      item.dataset.block = id;
      if (spotlight(editor, id)) {
        item.append(h('button.hint-block', { 'data-testid': 'hint-show-block', onclick: () => spotlight(editor, id) }, t('hint_show_block')));
      } else {
        item.append(h('p.hint-gone', {}, t('hint_block_gone')));
      }
    }
    return item;
  }

  async function next() {
    if (busy || !more || level >= LEVELS) return;
    busy = true;
    ask.disabled = true;
    label.textContent = t('hint_thinking');
    try {
      const answer = await post('/api/team/hints', { challenge: challengeId, attempt, level: level + 1 });
      if (answer.level > level) {
        level = answer.level;
        more = answer.more && level < LEVELS;
        for (const old of cards.children) old.classList.add('old'); // the newest one stands out
        cards.append(card(answer.hint));
        el.dataset.level = String(level);
      }
    } catch (err) {
      toast(err instanceof ApiError && err.code === 'session.paused' ? t('paused') : err.message);
    } finally {
      busy = false;
      ask.disabled = false;
      label.textContent = level ? t('hint_more') : t('need_hint');
      ask.hidden = !more;
      done.hidden = more;
      if (level) cards.lastElementChild.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    }
  }

  ask.addEventListener('click', next);
  // The side column is short on a tablet: once the result is shown, bring the button into view.
  requestAnimationFrame(() => { if (el.isConnected) ask.scrollIntoView({ block: 'nearest', behavior: 'smooth' }); });
  return { el };
}
