// The level editor's map painter: the grid in the simulator's colours (robolab/palette.py, sent
// by the server), painted with the mouse or a finger; tools with keyboard shortcuts, the start
// heading, the grid size, undo, and the variants (extra maps).
import { t } from '../i18n.js';
import { icon } from '../icons.js';
import { h, toast } from '../ui.js';

const NS = 'http://www.w3.org/2000/svg';
const C = 40; // the cell size of robolab/server/mapsvg.py
export const HEADINGS = ['north', 'east', 'south', 'west'];
export const TOOLS = [
  { id: 'wall', char: '#', key: '1' },
  { id: 'floor', char: '.', key: '2' },
  { id: 'water', char: '~', key: '3' },
  { id: 'red', char: 'r', key: '4' },
  { id: 'green', char: 'g', key: '5' },
  { id: 'blue', char: 'b', key: '6' },
  { id: 'yellow', char: 'y', key: '7' },
  { id: 'gem', char: '*', key: '8' },
  { id: 'start', char: 'S', key: '9' },
  { id: 'goal', char: 'G', key: '0' },
];
const PAINT = { r: 'red', g: 'green', b: 'blue', y: 'yellow' };

function svg(tag, attrs = {}) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

/** The shapes of one cell at the origin (translated by the caller), as in mapsvg.py. */
function cellShapes(ch, look, heading) {
  const rect = (fill, stroke = null, inset = 0) => svg('rect', {
    x: inset, y: inset, width: C - 2 * inset, height: C - 2 * inset, fill, ...(stroke ? { stroke, 'stroke-width': 1 } : {}),
  });
  if (ch === '#') return [rect(look.wall, look.wall_edge)];
  if (ch === '~') {
    const waves = [0.35, 0.7].map((r) => `M6 ${Math.round(C * r)} q5 -5 10 0 t10 0 t10 0`).join(' ');
    return [rect(look.water), svg('path', { d: waves, fill: 'none', stroke: look.water_wave, 'stroke-width': 3, 'stroke-linecap': 'round' })];
  }
  const out = [rect(look.floor, look.floor_line)];
  if (PAINT[ch]) out.push(rect(look.paint[PAINT[ch]], null, 3));
  if (ch === 'G') {
    out.push(rect(look.goal, null, 3));
    out.push(svg('line', { x1: 13, y1: 7, x2: 13, y2: 34, stroke: look.wall_edge, 'stroke-width': 3, 'stroke-linecap': 'round' }));
    out.push(svg('polygon', { points: '13,7 32,13 13,19', fill: look.flag }));
  }
  if (ch === '*') out.push(svg('polygon', { points: '20,9 31,20 20,31 9,20', fill: look.gem, stroke: '#fafafa', 'stroke-width': 2 }));
  if (ch === 'S') {
    out.push(rect(look.start, null, 3));
    const robot = svg('g', { transform: `rotate(${90 * Math.max(0, HEADINGS.indexOf(heading))} 20 20)` });
    robot.append(
      svg('rect', { x: 7, y: 7, width: 26, height: 26, rx: 5, fill: look.robot, stroke: look.robot_edge, 'stroke-width': 2 }),
      svg('polygon', { points: '20,3 29,17 11,17', fill: '#fafafa', stroke: look.robot_edge, 'stroke-width': 1.5 }),
    );
    out.push(robot);
  }
  return out;
}

/** A small picture of a tool for the palette. */
function swatch(tool, look) {
  const el = svg('svg', { viewBox: `0 0 ${C} ${C}`, class: 'sw', 'aria-hidden': 'true' });
  el.append(...cellShapes(tool.char, look, 'north'));
  return el;
}

/** Counts a character in a map. */
export function countChar(rows, ch) {
  return rows.reduce((n, row) => n + row.split(ch).length - 1, 0);
}

/** The start cell of a map, or null. */
export function findStart(rows) {
  for (let y = 0; y < rows.length; y++) {
    const x = rows[y].indexOf('S');
    if (x >= 0) return { x, y };
  }
  return null;
}

function setChar(rows, x, y, ch) {
  rows[y] = rows[y].slice(0, x) + ch + rows[y].slice(x + 1);
}

/** A map resized to w x h (new cells are floor; the start stays on the map). */
export function resizeRows(rows, w, hgt) {
  const start = findStart(rows);
  const out = [];
  for (let y = 0; y < hgt; y++) {
    const row = (rows[y] || '').slice(0, w);
    out.push(row + '.'.repeat(w - row.length));
  }
  if (start && (start.x >= w || start.y >= hgt)) setChar(out, Math.min(start.x, w - 1), Math.min(start.y, hgt - 1), 'S');
  if (!findStart(out)) setChar(out, 0, 0, 'S');
  return out;
}

/**
 * The "Map" step. `page` gives: draft, setup (look, limits), changed(), snapshot() (for undo),
 * undo(), redo(), mapIndex / setMapIndex(i).
 */
export function mapStep(page) {
  const { look, limits } = page.setup;
  let tool = 'wall';
  let painting = null; // { erase: bool, changed: bool }
  const current = () => (page.mapIndex === 0 ? page.draft.map : page.draft.variants[page.mapIndex - 1]);

  const el = h('div', { 'data-testid': 'ed-map-step' });
  const mapTabs = h('div.ed-maps', { role: 'tablist' });
  const toolButtons = TOOLS.map((tl) => h('button', {
    type: 'button', 'data-testid': `tool-${tl.id}`, 'aria-pressed': String(tl.id === tool),
    title: `${t(`ed_tool_${tl.id}`)} (${tl.key})`, onclick: () => choose(tl.id),
  }, swatch(tl, look), h('span.name', {}, t(`ed_tool_${tl.id}`)), h('kbd', {}, tl.key)));
  const palette = h('div.ed-palette', { role: 'toolbar', 'aria-label': t('ed_tools') }, toolButtons);
  const grid = svg('svg', { class: 'ed-grid', role: 'img', 'data-testid': 'ed-grid', 'aria-label': t('ed_grid_label') });
  const hover = svg('rect', { class: 'cell-hover', width: C, height: C, visibility: 'hidden' });
  const gridWrap = h('div.ed-grid-wrap', {}, grid);
  const headingBox = h('div.ed-headings', { role: 'group', 'aria-label': t('ed_heading') });
  const sizeOut = { w: h('output', { 'data-testid': 'ed-width' }), h: h('output', { 'data-testid': 'ed-height' }) };
  const variantTools = h('div.row');

  function choose(id) {
    tool = id;
    for (const b of toolButtons) b.setAttribute('aria-pressed', String(b.dataset.testid === `tool-${id}`));
  }

  function stepper(which, label) {
    const change = (delta) => {
      const m = current();
      const w = m.rows[0].length + (which === 'w' ? delta : 0);
      const hh = m.rows.length + (which === 'h' ? delta : 0);
      const maxW = Math.max(limits.width, m.rows[0].length);
      const maxH = Math.max(limits.height, m.rows.length);
      if (w < 2 || hh < 2 || w > maxW || hh > maxH) {
        toast(t('ed_size_limit', { w: limits.width, h: limits.height }));
        return;
      }
      page.snapshot();
      m.rows = resizeRows(m.rows, w, hh);
      page.changed('map');
      render();
    };
    return [h('span', {}, label), h('span.stepper', {},
      h('button', { type: 'button', 'aria-label': `${label} −`, 'data-testid': `ed-${which}-minus`, onclick: () => change(-1) }, '−'),
      sizeOut[which],
      h('button', { type: 'button', 'aria-label': `${label} +`, 'data-testid': `ed-${which}-plus`, onclick: () => change(1) }, '+'))];
  }

  function setHeading(name) {
    page.snapshot();
    current().heading = name;
    page.changed('map');
    render();
  }

  function rotate() {
    const m = current();
    const now = m.heading || page.draft.map.heading;
    setHeading(HEADINGS[(HEADINGS.indexOf(now) + 1) % 4]);
  }

  // painting: one stroke = one undo step; a stroke that starts on a cell already of the tool's
  // kind removes that kind instead (click a wall again to take it away)
  function cellAt(event) {
    const m = current();
    const box = grid.getBoundingClientRect();
    const x = Math.floor(((event.clientX - box.left) / box.width) * m.rows[0].length);
    const y = Math.floor(((event.clientY - box.top) / box.height) * m.rows.length);
    if (x < 0 || y < 0 || y >= m.rows.length || x >= m.rows[0].length) return null;
    return { x, y };
  }

  function paint(cell) {
    const m = current();
    const here = m.rows[cell.y][cell.x];
    const ch = TOOLS.find((tl) => tl.id === tool).char;
    if (ch === 'S') {
      if (here === 'S') {
        if (!painting.moved) { painting.rotate = true; }
        return;
      }
      const start = findStart(m.rows);
      if (start) setChar(m.rows, start.x, start.y, '.');
      setChar(m.rows, cell.x, cell.y, 'S');
      painting.changed = true;
      painting.moved = true;
      return;
    }
    if (here === 'S') return; // the start stays: move it with the start tool
    const next = painting.erase ? '.' : ch;
    if (here === next) return;
    if (next === '*' && countChar(m.rows, '*') >= limits.gems) {
      if (!painting.warned) toast(t('ed_too_many_gems', { max: limits.gems }));
      painting.warned = true;
      return;
    }
    setChar(m.rows, cell.x, cell.y, next);
    painting.changed = true;
  }

  grid.addEventListener('pointerdown', (event) => {
    if (event.button !== undefined && event.button > 0) return;
    const cell = cellAt(event);
    if (!cell) return;
    event.preventDefault();
    grid.setPointerCapture(event.pointerId);
    const ch = TOOLS.find((tl) => tl.id === tool).char;
    const here = current().rows[cell.y][cell.x];
    page.snapshot();
    painting = { erase: ch !== 'S' && ch !== '.' && here === ch, changed: false, moved: false, last: `${cell.x},${cell.y}` };
    paint(cell);
    render();
  });
  grid.addEventListener('pointermove', (event) => {
    const cell = cellAt(event);
    if (cell) {
      hover.setAttribute('x', cell.x * C);
      hover.setAttribute('y', cell.y * C);
      hover.setAttribute('visibility', 'visible');
    } else hover.setAttribute('visibility', 'hidden');
    if (!painting || !cell) return;
    const key = `${cell.x},${cell.y}`;
    if (key === painting.last) return;
    painting.last = key;
    painting.rotate = false;
    paint(cell);
    render();
  });
  const endStroke = () => {
    if (!painting) return;
    const stroke = painting;
    painting = null;
    if (stroke.rotate) {
      page.dropSnapshot();
      rotate();
      return;
    }
    if (stroke.changed) page.changed('map');
    else page.dropSnapshot();
  };
  grid.addEventListener('pointerup', endStroke);
  grid.addEventListener('pointercancel', endStroke);
  grid.addEventListener('pointerleave', () => hover.setAttribute('visibility', 'hidden'));

  function renderTabs() {
    const tabs = [h('button', {
      type: 'button', role: 'tab', 'aria-selected': String(page.mapIndex === 0), 'data-testid': 'ed-map-main',
      onclick: () => { page.setMapIndex(0); render(); },
    }, t('ed_main_map'))];
    page.draft.variants.forEach((_, i) => tabs.push(h('button', {
      type: 'button', role: 'tab', 'aria-selected': String(page.mapIndex === i + 1), 'data-testid': `ed-map-variant-${i + 1}`,
      onclick: () => { page.setMapIndex(i + 1); render(); },
    }, t('ed_variant_n', { n: i + 1 }))));
    if (page.draft.variants.length < limits.variants) {
      tabs.push(h('button.small', {
        type: 'button', 'data-testid': 'ed-add-variant', title: t('ed_variant_help'),
        onclick: () => {
          page.snapshot();
          page.draft.variants.push({ rows: [...page.draft.map.rows], heading: null });
          page.setMapIndex(page.draft.variants.length);
          page.changed('map');
          render();
        },
      }, icon('plus', 16), t('ed_add_variant')));
    }
    mapTabs.replaceChildren(...tabs);
  }

  function renderHeading() {
    const m = current();
    const variant = page.mapIndex > 0;
    const effective = m.heading || page.draft.map.heading;
    const arrows = { north: '↑', east: '→', south: '↓', west: '←' };
    const buttons = HEADINGS.map((name) => h(`button.${name[0]}`, {
      type: 'button', 'data-testid': `ed-heading-${name}`, 'aria-pressed': String(m.heading === name || (!variant && effective === name)),
      onclick: () => setHeading(name),
    }, `${arrows[name]} ${t(`ed_${name}`)}`));
    const robot = svg('svg', { viewBox: `0 0 ${C} ${C}`, width: 40, height: 40, 'aria-hidden': 'true' });
    robot.append(...cellShapes('S', look, effective));
    buttons.push(h('span.robot', {}, robot));
    if (variant) {
      buttons.push(h('button.same', {
        type: 'button', 'aria-pressed': String(!m.heading), 'data-testid': 'ed-heading-same',
        onclick: () => setHeading(null),
      }, t('ed_heading_same')));
    }
    headingBox.replaceChildren(...buttons);
  }

  function renderGrid() {
    const m = current();
    const w = m.rows[0].length;
    const hh = m.rows.length;
    grid.setAttribute('viewBox', `0 0 ${w * C} ${hh * C}`);
    grid.dataset.rows = m.rows.join('/');
    grid.dataset.width = String(w);
    grid.dataset.height = String(hh);
    const heading = m.heading || page.draft.map.heading;
    const cells = [];
    for (let y = 0; y < hh; y++) {
      for (let x = 0; x < w; x++) {
        const g = svg('g', { transform: `translate(${x * C} ${y * C})` });
        g.append(...cellShapes(m.rows[y][x], look, heading));
        cells.push(g);
      }
    }
    grid.replaceChildren(...cells, hover);
    sizeOut.w.textContent = String(w);
    sizeOut.h.textContent = String(hh);
  }

  function renderVariantTools() {
    if (page.mapIndex === 0) {
      variantTools.replaceChildren(
        h('button', { type: 'button', 'data-testid': 'ed-clear', onclick: () => clearMap() }, icon('reset', 18), t('ed_clear')));
      return;
    }
    variantTools.replaceChildren(
      h('button', { type: 'button', onclick: () => {
        page.snapshot();
        current().rows = [...page.draft.map.rows];
        page.changed('map');
        render();
      } }, t('ed_copy_main')),
      h('button.danger-ghost', { type: 'button', 'data-testid': 'ed-delete-variant', onclick: () => {
        page.snapshot();
        page.draft.variants.splice(page.mapIndex - 1, 1);
        page.setMapIndex(page.mapIndex - 1);
        page.changed('map');
        render();
      } }, icon('trash', 18), t('ed_delete_variant')));
  }

  function clearMap() {
    page.snapshot();
    const m = current();
    const rows = m.rows.map((row) => '.'.repeat(row.length));
    setChar(rows, 0, 0, 'S');
    m.rows = rows;
    page.changed('map');
    render();
  }

  function render() {
    renderTabs();
    renderGrid();
    renderHeading();
    renderVariantTools();
  }

  el.append(
    h('p.ed-help', {}, t('ed_map_help')),
    mapTabs,
    h('div.ed-map-row', {},
      palette,
      gridWrap,
      h('div.ed-map-tools', {},
        h('fieldset', {}, h('legend', {}, t('ed_heading')), headingBox),
        h('fieldset', {}, h('legend', {}, t('ed_size')),
          h('div.ed-size', {}, ...stepper('w', t('ed_width')), ...stepper('h', t('ed_height')))),
        h('div.row', {},
          h('button', { type: 'button', 'data-testid': 'ed-undo', title: 'Ctrl+Z', onclick: () => { page.undo(); } }, t('ed_undo')),
          h('button', { type: 'button', 'data-testid': 'ed-redo', title: 'Ctrl+Y', onclick: () => { page.redo(); } }, t('ed_redo'))),
        variantTools,
        h('p.note', {}, t('ed_keys_help')))));
  render();

  return {
    el,
    render,
    onKey(event) {
      const found = TOOLS.find((tl) => tl.key === event.key);
      if (found) {
        choose(found.id);
        return true;
      }
      if (event.key === 'r' || event.key === 'R') {
        rotate();
        return true;
      }
      return false;
    },
  };
}
