// The level editor's "Solution" step: the author solves the level once with the tablet's own
// Blockly editor and toolbox; the server runs it on every map and the tablet's player shows it.
/* global Blockly */
import { lang, t } from '../i18n.js';
import { icon } from '../icons.js';
import { Player } from '../player.js';
import { h, stars, toast } from '../ui.js';
import { post } from './api.js';

let loading = null;

function script(src) {
  return new Promise((resolve, reject) => {
    const el = document.createElement('script');
    el.src = src;
    el.onload = resolve;
    el.onerror = () => reject(new Error(t('ed_blockly_missing')));
    document.head.append(el);
  });
}

/** Blockly (served by this server) and the tablet's editor modules, loaded once. */
export function loadBlockly() {
  if (!loading) {
    loading = (async () => {
      if (typeof Blockly === 'undefined') {
        await script('/static/vendor/blockly/blockly_compressed.js');
        await script('/static/vendor/blockly/blocks_compressed.js');
        await script(`/static/vendor/blockly/msg/${lang}.js`);
      }
      const [editor, blocks] = await Promise.all([import('../editor.js'), import('../blocks.js')]);
      return { Editor: editor.Editor, blocks };
    })();
    loading.catch(() => { loading = null; });
  }
  return loading;
}

/** Sets (or lifts, with no max) the block budget of a workspace. */
function applyBudget(blocks, workspace, max) {
  blocks.enforceBudget(workspace, max);
}

/** A workspace with the solver's moves in a row, under "when run". */
function movesWorkspace(actions) {
  let next = null;
  for (const action of [...actions].reverse()) {
    next = { block: { type: `robolab_${action}`, ...(next ? { next } : {}) } };
  }
  return { blocks: { languageVersion: 0, blocks: [{ type: 'robolab_start', id: 'start', x: 30, y: 30, deletable: false, ...(next ? { next } : {}) }] } };
}

export function solutionStep(page) {
  const el = h('div', { 'data-testid': 'ed-solution-step' });
  const blocklyBox = h('div.ed-blockly-box', {});
  const blocklyDiv = h('div.ed-blockly', { 'data-testid': 'ed-workspace' });
  const counter = h('div.ed-counter', { 'data-testid': 'ed-counter' });
  blocklyBox.append(blocklyDiv, counter);
  const mapBox = h('div.replay-map', { 'data-testid': 'ed-run-map' }, t('ed_run_first'));
  const boardsBox = h('div.ed-boards');
  const resultBox = h('div', { 'data-testid': 'ed-run-result' });
  const solverBox = h('div.ed-solver', { hidden: true });
  const testButton = h('button.go.big', { type: 'button', 'data-testid': 'ed-test' }, icon('play', 24), t('ed_test'));
  const speed = h('input', { type: 'range', min: '1', max: '10', value: '6', 'aria-label': t('speed'), 'data-testid': 'ed-speed' });
  el.append(
    h('p.ed-help', {}, t('ed_solution_help')),
    h('div.ed-solution', {},
      blocklyBox,
      h('div.ed-run', {},
        h('div.controls', {}, testButton, h('label.speed', {}, t('speed'), ' ', speed)),
        boardsBox,
        mapBox,
        resultBox,
        solverBox)));

  let editor = null;
  let blocks = null;
  let player = null;
  let result = null;
  let shown = 0;
  let lastToolbox = '';

  function challengeLike() {
    const d = page.draft;
    return { blocks: d.blocks, sensors: d.sensors, max_blocks: d.max_blocks };
  }

  function updateCounter() {
    if (!editor) return;
    const used = editor.count();
    const max = page.draft.max_blocks;
    counter.textContent = max === null || max === undefined ? t('ed_blocks_n', { n: used }) : t('ed_blocks_of', { n: used, max });
    counter.classList.toggle('full', max !== null && max !== undefined && used >= max);
    counter.dataset.used = String(used);
  }

  async function ensureEditor() {
    if (editor) return editor;
    let mods;
    try {
      mods = await loadBlockly();
    } catch (err) {
      blocklyDiv.textContent = err.message;
      throw err;
    }
    blocks = mods.blocks;
    editor = new mods.Editor(blocklyDiv, challengeLike(), {
      onChange: () => {
        page.draft.solution = editor.save();
        updateCounter();
        page.changed('solution');
      },
    });
    editor.workspace.setScale(0.75); // authors see more of their program than teens do
    editor.load(page.draft.solution || null);
    lastToolbox = JSON.stringify(challengeLike());
    applyBudget(blocks, editor.workspace, page.draft.max_blocks);
    updateCounter();
    return editor;
  }

  function syncToolbox() {
    if (!editor) return;
    const now = JSON.stringify(challengeLike());
    if (now === lastToolbox) return;
    lastToolbox = now;
    editor.workspace.updateToolbox(blocks.toolbox(challengeLike()));
    applyBudget(blocks, editor.workspace, page.draft.max_blocks);
    updateCounter();
  }

  function showBoard(i) {
    if (!result || !result.boards) return;
    shown = i;
    const board = result.boards[i];
    if (player) player.stop();
    mapBox.innerHTML = board.svg; // this server's own SVG (robolab/server/mapsvg.py)
    const svg = mapBox.querySelector('svg');
    svg.removeAttribute('width');
    svg.removeAttribute('height');
    player = new Player(svg, {
      onStep: (step) => editor && editor.highlight(step.id),
      onEnd: () => editor && editor.highlight(null),
      onState: (state) => { svg.dataset.state = state; },
    });
    player.setSpeed(speed.value);
    player.load(board.trace);
    player.play();
    for (const b of boardsBox.children) b.setAttribute('aria-pressed', String(Number(b.dataset.index) === i));
  }

  function showResult(res) {
    result = res;
    const win = res.solved;
    const box = h(`div.result.${win ? 'win' : 'lose'}`, { 'data-testid': 'ed-result', 'data-stars': res.stars, 'data-outcome': res.outcome },
      stars(res.stars, t('stars_n', { n: res.stars })),
      h('p', {}, h('strong', {}, res.message)));
    if (win) {
      box.append(h('p', {}, t('ed_result_numbers', { blocks: res.blocks, par_blocks: res.par.blocks, steps: res.steps, par_steps: res.par.steps ?? '?' })));
      box.append(h('p', {}, res.stars === 3 ? t('ed_result_reference') : t('ed_result_not_three')));
    }
    resultBox.replaceChildren(box);
    boardsBox.replaceChildren();
    if (res.boards && res.boards.length > 1) {
      boardsBox.append(...res.boards.map((b, i) => h(`button.small.${b.outcome === 'success' ? 'ok' : 'ko'}`, {
        type: 'button', 'data-index': String(i), onclick: () => showBoard(i),
      }, i === 0 ? t('ed_main_map') : t('ed_variant_n', { n: i }))));
    }
    if (res.boards) {
      const failed = res.boards.findIndex((b) => b.outcome !== 'success');
      showBoard(failed > 0 ? failed : 0);
    }
  }

  async function test() {
    const ed = await ensureEditor();
    testButton.disabled = true;
    ed.highlight(null);
    try {
      const res = await post('/api/facilitator/editor/try', { draft: page.payload(), program: ed.save() });
      if (res.outcome === 'error') {
        const error = res.error || {};
        ed.pointAt(error.id, error.message || res.message);
        result = null;
        resultBox.replaceChildren(h('div.result.lose', { 'data-testid': 'ed-result', 'data-stars': 0, 'data-outcome': 'error' }, h('p', {}, res.message)));
        return;
      }
      showResult(res);
    } catch (err) {
      toast(err.message);
    } finally {
      testButton.disabled = false;
    }
  }

  testButton.addEventListener('click', () => { test(); });
  speed.addEventListener('input', () => { if (player) player.setSpeed(speed.value); });

  return {
    el,
    async show() {
      await ensureEditor();
      syncToolbox();
      editor.resize();
    },
    onRules() { syncToolbox(); },
    onReport(report) {
      const main = report.maps[0];
      if (main && main.ok && main.actions.length) {
        const moves = main.actions.map((a) => page.label(a)).join(', ');
        solverBox.hidden = false;
        solverBox.replaceChildren(
          h('p', {}, t('ed_solver_found', { n: main.steps })),
          h('p.note', {}, moves.length > 400 ? `${moves.slice(0, 400)}…` : moves),
          h('button.small', { type: 'button', 'data-testid': 'ed-use-solver', onclick: async () => {
            const ed = await ensureEditor();
            ed.load(movesWorkspace(main.actions));
            page.draft.solution = ed.save();
            updateCounter();
            page.changed('solution');
          } }, t('ed_use_solver')));
      } else solverBox.hidden = true;
    },
    resize() { if (editor) editor.resize(); },
    destroy() {
      if (player) player.stop();
      if (editor) editor.dispose();
      editor = null;
    },
    get editor() { return editor; },
    get shownBoard() { return shown; },
  };
}
