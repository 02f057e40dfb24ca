// The challenge page: Blockly on the left; the map, Run / Pause / Step / Reset, the speed, the
// result with stars, the mission, hints and "Show the code" on the right.
import { ApiError, get, idPath, post, savedTeam } from './api.js';
import { Editor, Autosave } from './editor.js';
import { hintPanel } from './hints.js';
import { lang, t } from './i18n.js';
import { languageButton } from './join.js';
import { Player } from './player.js';
import { robotPanel } from './robot.js';
import { onRoomState, room } from './socket.js';
import { icon } from './icons.js';
import { h, mount, stars, teamBadge, toast } from './ui.js';

let current = null;

/** Leaves the page cleanly (saves the workspace first). */
export async function leaveChallenge() {
  if (!current) return;
  const page = current;
  current = null;
  await page.autosave.flush({ keepalive: true });
  page.autosave.close();
  page.player.stop();
  page.stopListening();
  page.robot.close();
  page.editor.dispose();
  window.removeEventListener('resize', page.onResize);
}

/** Saves now (the tablet is going to sleep or the page is hidden). */
export function flushChallenge() {
  if (current) current.autosave.flush({ keepalive: true });
}

export async function showChallenge(challengeId) {
  await leaveChallenge();
  const data = await get(`/api/team/challenges/${idPath(challengeId)}`);
  const challenge = data.challenge;
  const svgText = await (await fetch(challenge.map_svg)).text();

  const counter = h('div.counter', { 'data-testid': 'counter', 'aria-live': 'polite' });
  const saved = h('div.saved', { 'data-testid': 'saved' });
  const blocklyDiv = h('div.blockly', { 'data-testid': 'workspace' });
  const mapBox = h('div.map', { 'data-testid': 'map', 'aria-label': t('map_label') });
  mapBox.innerHTML = svgText; // our own server's SVG, drawn from the palette
  const svg = mapBox.querySelector('svg');
  svg.removeAttribute('width');
  svg.removeAttribute('height');

  const runButton = h('button.go.run', { 'data-testid': 'run' }, icon('play', 28), t('run'));
  const pauseButton = h('button', { 'data-testid': 'pause', disabled: true }, icon('pause'), h('span', {}, t('pause')));
  const stepButton = h('button', { 'data-testid': 'step' }, icon('step'), t('step'));
  const resetButton = h('button', { 'data-testid': 'reset' }, icon('reset'), t('reset'));
  const speed = h('input', { type: 'range', min: '1', max: '10', value: '4', 'data-testid': 'speed', 'aria-label': t('speed') });
  const resultBox = h('div', { 'data-testid': 'result-box' });
  const hintList = h('ol.hints', { 'data-testid': 'hints' });
  const hintLabel = h('span', {}, t('hint'));
  const hintButton = h('button', { 'data-testid': 'hint' }, icon('bulb'), hintLabel);
  const codeBox = h('pre.code', { 'data-testid': 'code-text', hidden: true });
  const codeLabel = h('span', {}, t('show_code'));
  const codeButton = h('button', { 'data-testid': 'show-code' }, icon('code'), codeLabel);

  mount(h('div.challenge', { 'data-testid': 'challenge-page', 'data-id': challenge.id },
    h('header.bar', {},
      h('button.ghost', { 'data-testid': 'back', onclick: () => { location.hash = '#/ladder'; } }, icon('back'), t('back')),
      h('h1', {}, challenge.title),
      teamBadge(savedTeam()?.team, lang),
      languageButton()),
    h('section.editor', {}, blocklyDiv, counter, saved),
    h('aside.side', {},
      h('div.side-top', {},
        mapBox,
        h('div.controls', {}, runButton, pauseButton, stepButton, resetButton),
        h('label.speed', {}, h('span', {}, t('speed')), icon('slow'), speed, icon('fast'))),
      h('div.side-scroll', {},
        resultBox,
        h('div.story', {}, h('strong', {}, t('story')), h('p', {}, challenge.story)),
        h('div.row', {}, hintButton, codeButton),
        hintList,
        codeBox))));

  let robot = null; // the real robot's box (robot.js), once the player exists
  const editor = new Editor(blocklyDiv, challenge, { onChange: () => changed() });
  const autosave = new Autosave(challenge.id, editor, saved);
  const local = autosave.unsaved();
  editor.load(local || data.workspace);
  if (local) autosave.schedule();

  let result = null;
  let hintsShown = 0;
  let running = false;

  const player = new Player(svg, {
    onStep: (step) => editor.highlight(step.id),
    onEnd: () => finish(),
    onState: (state) => {
      pauseButton.disabled = state !== 'playing' && state !== 'paused';
      pauseButton.replaceChildren(...(state === 'paused' ? [icon('play'), t('resume')] : [icon('pause'), t('pause')]));
      svg.dataset.state = state;
    },
  });
  player.setSpeed(speed.value);
  robot = robotPanel({ challenge, editor, player, autosave });
  resultBox.before(robot.el);

  function updateCounter() {
    const used = editor.count();
    const max = challenge.max_blocks;
    counter.textContent = max === null ? t('blocks_used', { n: used }) : t('remaining', { n: max - used });
    counter.classList.toggle('full', max !== null && used >= max);
    counter.dataset.used = String(used);
  }

  function changed() {
    updateCounter();
    autosave.schedule();
    if (robot) robot.changed();
    if (!codeBox.hidden) showCode();
  }

  function showResult(res) {
    const win = res.solved;
    const box = h(`div.result.${win ? 'win' : 'lose'}`, { 'data-testid': 'result', 'data-outcome': res.outcome, 'data-stars': res.stars },
      stars(res.stars, t('stars_label', { n: res.stars })),
      h('p.message', { 'data-testid': 'message' }, res.message));
    if (win) {
      box.append(
        h(`p.par${res.blocks <= res.par.blocks ? '.met' : ''}`, {}, t('par_blocks', { blocks: res.blocks, par: res.par.blocks })),
        h(`p.par${res.par.steps !== null && res.steps <= res.par.steps ? '.met' : ''}`, {},
          t('par_steps', { steps: res.steps, par: res.par.steps ?? '?' })));
      if (res.next && !res.next.locked) {
        box.append(h('div.row.end', {}, h('button.primary', {
          'data-testid': 'next', onclick: () => { location.hash = `#/c/${idPath(res.next.id)}`; },
        }, `${t('next_challenge')} →`)));
      }
    }
    if (res.stars < 3 && res.attempt) {
      // Hints from this run, level by level (hints.js); the written tips come along.
      box.append(hintPanel({ challengeId: challenge.id, attempt: res.attempt, editor, reveal: revealWritten }).el);
    } else if (!win && challenge.hints.length > hintsShown) {
      box.append(h('div.row.end', {}, h('button', { onclick: () => showHint() }, icon('bulb'), t('hint'))));
    }
    resultBox.replaceChildren(box);
  }

  function finish() {
    running = false;
    if (!result) return;
    if (result.outcome === 'success' || result.outcome === 'incomplete') editor.highlight(null);
    showResult(result);
  }

  async function run({ thenStep = false } = {}) {
    if (room.state === 'paused') {
      toast(t('paused'));
      return;
    }
    player.reset();
    editor.highlight(null);
    resultBox.replaceChildren();
    runButton.disabled = true;
    running = true;
    autosave.flush();
    try {
      result = await post('/api/team/run', { challenge: challenge.id, program: editor.save() });
    } catch (err) {
      running = false;
      result = null;
      toast(err instanceof ApiError && err.code === 'session.paused' ? t('paused') : err.message);
      return;
    } finally {
      runButton.disabled = room.state !== 'open';
    }
    if (result.outcome === 'error') {
      running = false;
      const error = result.error || {};
      editor.pointAt(error.id, error.message || result.message);
      showResult(result);
      return;
    }
    player.load(result.trace);
    if (thenStep) player.step();
    else player.play();
  }

  function showHint() {
    if (hintsShown < challenge.hints.length) {
      hintList.append(h('li', {}, challenge.hints[hintsShown]));
      hintsShown += 1;
    } else {
      toast(t('no_more_hints'));
    }
    hintLabel.textContent = hintsShown ? t('next_hint') : t('hint');
    hintButton.disabled = hintsShown >= challenge.hints.length;
  }

  /** A written tip shown by the hint panel joins the list too (in the file's order); false when
   * the team has seen it already. */
  function revealWritten(text) {
    const index = challenge.hints.indexOf(text);
    if (index < 0) return true;
    if (index < hintsShown) return false;
    while (hintsShown <= index) showHint();
    return true;
  }

  async function showCode() {
    try {
      const out = await post('/api/code', { program: editor.save() });
      codeBox.textContent = out.text;
    } catch (err) {
      codeBox.textContent = err.message;
    }
    codeBox.hidden = false;
    codeLabel.textContent = t('hide_code');
  }

  runButton.addEventListener('click', () => run());
  pauseButton.addEventListener('click', () => (player.playing ? player.pause() : player.play()));
  stepButton.addEventListener('click', () => {
    if (running && !player.trace.length) return;
    if (!result || player.trace.length === 0 || (player.done && !player.playing)) run({ thenStep: true });
    else {
      player.step();
      if (player.done) finish();
    }
  });
  resetButton.addEventListener('click', () => {
    player.reset();
    editor.highlight(null);
    resultBox.replaceChildren();
    result = null;
  });
  speed.addEventListener('input', () => player.setSpeed(speed.value));
  hintButton.addEventListener('click', () => showHint());
  hintButton.disabled = challenge.hints.length === 0;
  codeButton.addEventListener('click', () => {
    if (codeBox.hidden) showCode();
    else {
      codeBox.hidden = true;
      codeLabel.textContent = t('show_code');
    }
  });

  // "Pause everyone": Run is refused (by the server too) and the robot on the screen stops.
  const syncRoom = (state) => {
    runButton.disabled = state !== 'open';
    runButton.dataset.room = state;
    if (state !== 'open' && player.playing) player.pause();
  };
  const stopListening = onRoomState(syncRoom);
  syncRoom(room.state);

  const onResize = () => editor.resize();
  window.addEventListener('resize', onResize);
  current = { editor, autosave, player, onResize, stopListening, robot };
  updateCounter();
  editor.resize();
}
