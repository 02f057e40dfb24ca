// A recorded run, replayed in the browser with the tablet's own map and player (../player.js):
// the robot moves on the map while the program's running line lights up.
import { t } from '../i18n.js';
import { icon } from '../icons.js';
import { Player } from '../player.js';
import { h, stars } from '../ui.js';
import { outcomeLabel, tn } from './widgets.js';

const maps = new Map();

async function mapSvg(url) {
  if (!maps.has(url)) {
    maps.set(url, fetch(url).then((r) => (r.ok ? r.text() : Promise.reject(new Error(`HTTP ${r.status}`)))));
  }
  return maps.get(url);
}

/** The program text, one element per line; lines start with the block number ("  4 | avancer"). */
function codeView(text) {
  const lines = (text || '').split('\n').map((line) => {
    const match = line.match(/^\s*(\d+) \|/);
    return h('div.line', { 'data-block': match ? match[1] : '' }, line || ' ');
  });
  return h('pre.program', { 'data-testid': 'program-text' }, lines);
}

/**
 * A replay of `attempt` (from /api/facilitator/sessions/{id}/attempts/{n}).
 * Options: autoplay, loop (start again after a pause), controls, code, speed (1..10).
 */
export async function replayView(attempt, { autoplay = false, loop = false, controls = true, code = true, speed = 5 } = {}) {
  const result = attempt.result || {};
  const code$ = code ? codeView(attempt.text || result.message || '') : null;
  const mapBox = h('div.replay-map', { 'data-testid': 'replay-map' });
  const el = h('div.replay', { 'data-testid': 'replay', 'data-attempt': attempt.id, 'data-outcome': attempt.outcome },
    mapBox,
    h('div.replay-result', {},
      stars(attempt.stars, tn('stars_n', attempt.stars)),
      h(`span.outcome.${attempt.outcome}`, {}, outcomeLabel(attempt.outcome)),
      h('span.numbers', {}, t('numbers', { blocks: attempt.blocks ?? '–', steps: attempt.steps }))),
    result.message ? h('p.result-message', {}, result.message) : null);
  let player = null;
  let timer = null;
  let playButton = null;
  if (attempt.challenge.missing || !attempt.challenge.map_svg) {
    mapBox.append(h('p.note', {}, t('map_missing')));
  } else {
    mapBox.innerHTML = await mapSvg(attempt.challenge.map_svg); // this server's own SVG
    const svg = mapBox.querySelector('svg');
    svg.removeAttribute('width');
    svg.removeAttribute('height');
    const highlight = (block) => {
      if (!code$) return;
      for (const line of code$.querySelectorAll('.line.running')) line.classList.remove('running');
      if (block === null || block === undefined) return;
      const line = code$.querySelector(`.line[data-block="${block}"]`);
      if (line) {
        line.classList.add('running');
        line.scrollIntoView({ block: 'nearest' });
      }
    };
    player = new Player(svg, {
      onStep: (step) => highlight(step.block),
      onState: (state) => { el.dataset.state = state; if (playButton) playButton.replaceChildren(icon(state === 'playing' ? 'pause' : 'play'), t(state === 'playing' ? 'pause' : 'play')); },
      onEnd: () => {
        if (loop) timer = setTimeout(() => { player.load(result.trace || []); player.play(); }, 2500);
      },
    });
    player.setSpeed(speed);
    player.load(result.trace || []);
    if (controls) {
      playButton = h('button.go', { 'data-testid': 'replay-play', onclick: () => { if (player.playing) player.pause(); else { if (player.done) player.load(result.trace || []); player.play(); } } }, icon('play'), t('play'));
      const slider = h('input', { type: 'range', min: '1', max: '10', value: String(speed), 'aria-label': t('speed'), oninput: () => player.setSpeed(slider.value) });
      el.append(h('div.replay-controls', {},
        playButton,
        h('button', { onclick: () => player.step() }, icon('step'), t('step')),
        h('button', { onclick: () => { player.load(result.trace || []); highlight(null); } }, icon('reset'), t('reset')),
        h('label.speed', {}, t('speed'), slider)));
    }
    if (autoplay) player.play();
  }
  if (code$) el.append(code$);
  return {
    el,
    player,
    destroy() {
      clearTimeout(timer);
      if (player) player.stop();
    },
  };
}
