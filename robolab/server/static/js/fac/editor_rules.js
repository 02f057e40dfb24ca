// The level editor's "Rules" step (goals, toolbox, block budget, stars, difficulty) and "Texts"
// step (title, story and hints in French and in English).
import { label, t } from '../i18n.js';
import { icon } from '../icons.js';
import { h } from '../ui.js';

const GROUPS = [
  ['ed_group_moves', ['move_forward', 'move_backward', 'turn_left', 'turn_right']],
  ['ed_group_loops', ['repeat', 'repeat_until', 'while']],
  ['ed_group_choices', ['if']],
  ['ed_group_procedures', ['call']],
];
const SENSOR_LIST = ['path_ahead', 'path_left', 'path_right', 'at_goal', 'gem_here', 'on_color'];
const BLOCK_HUE = {
  move_forward: '#e8641b', move_backward: '#e8641b', turn_left: '#e8641b', turn_right: '#e8641b',
  repeat: '#2e9e4f', repeat_until: '#2e9e4f', while: '#2e9e4f', if: '#2f6fdb', call: '#8a4fd8',
};
const PRESETS = {
  ed_preset_sequence: { blocks: ['move_forward', 'turn_left', 'turn_right'], sensors: [] },
  ed_preset_loops: { blocks: ['move_forward', 'turn_left', 'turn_right', 'repeat'], sensors: [] },
  ed_preset_conditions: {
    blocks: ['move_forward', 'turn_left', 'turn_right', 'repeat', 'repeat_until', 'while', 'if'],
    sensors: ['path_ahead', 'path_left', 'path_right', 'at_goal'],
  },
  ed_preset_all: {
    blocks: ['move_forward', 'move_backward', 'turn_left', 'turn_right', 'repeat', 'repeat_until', 'while', 'if', 'call'],
    sensors: SENSOR_LIST,
  },
};

function numberInput(value, attrs, onValue) {
  const input = h('input', { type: 'number', step: '1', ...attrs, value: value ?? '' });
  input.addEventListener('input', () => {
    const raw = input.value.trim();
    const n = raw === '' ? null : Number(raw);
    onValue(n === null || Number.isNaN(n) ? null : Math.trunc(n));
  });
  return input;
}

/** The "Rules" step. */
export function rulesStep(page) {
  const d = page.draft;
  const el = h('div.ed-form', { 'data-testid': 'ed-rules-step' });
  const bestSteps = h('strong', { 'data-testid': 'ed-best-steps' }, '?');
  const solutionBlocks = h('strong', {}, '?');
  const usedBlocks = h('span.note');

  const goalBox = (name) => h('label.ed-check', {},
    h('input', { type: 'checkbox', 'data-testid': `ed-goal-${name}`, checked: d.goals.includes(name), onchange: (e) => {
      toggle(d.goals, name, e.target.checked, ['reach', 'collect_all']);
      page.changed('rules');
    } }),
    h('span', {}, t(`ed_goal_${name}`)));

  const blockBoxes = new Map();
  const sensorBoxes = new Map();
  const blockBox = (name) => {
    const box = h('input', { type: 'checkbox', 'data-testid': `ed-block-${name}`, checked: d.blocks.includes(name), onchange: () => {
      toggle(d.blocks, name, box.checked, page.setup.blocks);
      page.changed('rules');
    } });
    blockBoxes.set(name, box);
    return h('label.ed-check', {}, box, h('span.dot', { style: { background: BLOCK_HUE[name] } }), h('span', {}, label(name)));
  };
  const sensorBox = (name) => {
    const box = h('input', { type: 'checkbox', 'data-testid': `ed-sensor-${name}`, checked: d.sensors.includes(name), onchange: () => {
      toggle(d.sensors, name, box.checked, page.setup.sensors);
      page.changed('rules');
    } });
    sensorBoxes.set(name, box);
    return h('label.ed-check', {}, box, h('span.dot', { style: { background: '#0f8f86' } }), h('span', {}, label(name)));
  };
  const presets = Object.entries(PRESETS).map(([key, preset]) => h('button.chip', {
    type: 'button', onclick: () => {
      d.blocks.splice(0, d.blocks.length, ...preset.blocks);
      d.sensors.splice(0, d.sensors.length, ...preset.sensors);
      for (const [name, box] of blockBoxes) box.checked = d.blocks.includes(name);
      for (const [name, box] of sensorBoxes) box.checked = d.sensors.includes(name);
      page.changed('rules');
    },
  }, t(key)));

  const maxBlocks = numberInput(d.max_blocks, { min: '1', max: '1000', 'data-testid': 'ed-max-blocks', 'aria-label': t('ed_max_blocks') }, (n) => {
    d.max_blocks = n;
    page.changed('rules');
  });

  const stepsAuto = h('input', { type: 'radio', name: 'ed-par-steps', checked: d.par.steps === null, onchange: () => { d.par.steps = null; parSteps.disabled = true; page.changed('rules'); } });
  const stepsFixed = h('input', { type: 'radio', name: 'ed-par-steps', checked: d.par.steps !== null, onchange: () => {
    parSteps.disabled = false;
    d.par.steps = Number(parSteps.value) || page.report?.best_steps || null;
    parSteps.value = d.par.steps ?? '';
    page.changed('rules');
  } });
  const parSteps = numberInput(d.par.steps, { min: '1', 'aria-label': t('ed_par_steps_fixed') }, (n) => { d.par.steps = n; page.changed('rules'); });
  parSteps.disabled = d.par.steps === null;
  const blocksAuto = h('input', { type: 'radio', name: 'ed-par-blocks', checked: d.par.blocks === null, onchange: () => { d.par.blocks = null; parBlocks.disabled = true; page.changed('rules'); } });
  const blocksFixed = h('input', { type: 'radio', name: 'ed-par-blocks', checked: d.par.blocks !== null, onchange: () => {
    parBlocks.disabled = false;
    d.par.blocks = Number(parBlocks.value) || page.report?.solution?.blocks || null;
    parBlocks.value = d.par.blocks ?? '';
    page.changed('rules');
  } });
  const parBlocks = numberInput(d.par.blocks, { min: '1', 'aria-label': t('ed_par_blocks_fixed') }, (n) => { d.par.blocks = n; page.changed('rules'); });
  parBlocks.disabled = d.par.blocks === null;

  const tier = h('select', { 'data-testid': 'ed-tier', 'aria-label': t('ed_tier'), onchange: () => { d.tier = Number(tier.value); page.changed('rules'); } },
    [1, 2, 3, 4, 5, 6].map((n) => h('option', { value: String(n), selected: d.tier === n }, t(`ed_tier_${n}`))));
  const concepts = h('input.text', {
    type: 'text', maxlength: '300', value: d.concepts.join(', '), placeholder: t('ed_concepts_placeholder'), 'aria-label': t('ed_concepts'),
    oninput: () => {
      d.concepts = concepts.value.split(',').map((w) => w.trim()).filter(Boolean).slice(0, 50);
      page.changed('rules');
    },
  });
  const maxTicks = numberInput(d.max_ticks, { min: '1', max: '1000000', placeholder: '10000', 'aria-label': t('ed_max_ticks') }, (n) => { d.max_ticks = n; page.changed('rules'); });

  el.append(
    h('fieldset', {}, h('legend', {}, t('ed_goals')), h('div.ed-checks', {}, goalBox('reach'), goalBox('collect_all'))),
    h('fieldset', {}, h('legend', {}, t('ed_toolbox')),
      h('p.note', {}, t('ed_toolbox_help')),
      h('div.ed-presets', {}, h('span.note', {}, t('ed_presets')), presets),
      ...GROUPS.flatMap(([key, names]) => [h('div.ed-group', {}, t(key)), h('div.ed-checks', {}, names.map(blockBox))]),
      h('div.ed-group', {}, t('ed_group_sensors')),
      h('p.note', {}, t('ed_sensors_help')),
      h('div.ed-checks', {}, SENSOR_LIST.map(sensorBox))),
    h('fieldset', {}, h('legend', {}, t('ed_budget')),
      h('div.ed-inline', {}, h('span', {}, t('ed_max_blocks')), maxBlocks, usedBlocks),
      h('p.note', {}, t('ed_max_blocks_help'))),
    h('fieldset', {}, h('legend', {}, t('ed_stars')),
      h('p.note', {}, t('ed_stars_help')),
      h('div.ed-inline', {}, h('label.ed-inline', {}, stepsAuto, t('ed_par_steps_auto')), bestSteps),
      h('div.ed-inline', {}, h('label.ed-inline', {}, stepsFixed, t('ed_par_steps_fixed')), parSteps),
      h('div.ed-inline', {}, h('label.ed-inline', {}, blocksAuto, t('ed_par_blocks_auto')), solutionBlocks),
      h('div.ed-inline', {}, h('label.ed-inline', {}, blocksFixed, t('ed_par_blocks_fixed')), parBlocks)),
    h('fieldset', {}, h('legend', {}, t('ed_about')),
      h('div.ed-inline', {}, h('span', {}, t('ed_tier')), tier),
      h('div.ed-inline', {}, h('span', {}, t('ed_concepts')), concepts),
      h('details', {}, h('summary', {}, t('ed_advanced')),
        h('div.ed-inline', {}, h('span', {}, t('ed_max_ticks')), maxTicks),
        h('p.note', {}, t('ed_max_ticks_help')))));

  return {
    el,
    onReport(report) {
      bestSteps.textContent = report.best_steps === null ? '?' : t('ed_steps_n', { n: report.best_steps });
      const sol = report.solution || {};
      solutionBlocks.textContent = sol.blocks === undefined ? '?' : t('ed_blocks_n', { n: sol.blocks });
      usedBlocks.textContent = sol.blocks === undefined ? '' : t('ed_solution_uses', { n: sol.blocks });
    },
  };
}

function toggle(list, name, on, order) {
  const at = list.indexOf(name);
  if (on && at < 0) list.push(name);
  if (!on && at >= 0) list.splice(at, 1);
  list.sort((a, b) => order.indexOf(a) - order.indexOf(b));
}

function counted(input, max) {
  const count = h('span.ed-count');
  const update = () => {
    count.textContent = `${input.value.length} / ${max}`;
    count.classList.toggle('over', input.value.length > max);
  };
  input.addEventListener('input', update);
  update();
  return count;
}

function textPair(page, holder, key, { area = false, max, testid }) {
  return ['fr', 'en'].map((lang) => {
    const input = h(area ? 'textarea' : 'input.text', {
      ...(area ? { rows: '3' } : { type: 'text' }), lang, 'data-testid': `${testid}-${lang}`,
      placeholder: t(`ed_placeholder_${key}_${lang}`),
      oninput: () => { holder[lang] = input.value; page.changed('texts'); },
    });
    input.value = holder[lang] || '';
    return h('label', {}, h('span', {}, t(`ed_${key}`), ' ', h('span.lang', {}, lang.toUpperCase())), input, counted(input, max));
  });
}

/** The "Texts" step: French on the left, English on the right. */
export function textsStep(page) {
  const d = page.draft;
  const max = page.setup.limits.text;
  const hintsBox = h('div', { 'data-testid': 'ed-hints' });
  const el = h('div.ed-form', { 'data-testid': 'ed-texts-step' },
    h('p.ed-help', {}, t('ed_texts_help')),
    h('div.ed-texts', {},
      h('div.lang', {}, t('ed_french')), h('div.lang', {}, t('ed_english')),
      ...textPair(page, d.title, 'title', { max: 80, testid: 'ed-title' }),
      ...textPair(page, d.story, 'story', { area: true, max, testid: 'ed-story' })),
    h('h3', {}, t('ed_hints')),
    h('p.note', {}, t('ed_hints_help')),
    hintsBox);

  function renderHints() {
    const items = d.hints.map((hint, i) => h('div.ed-hint', { 'data-testid': 'ed-hint' },
      h('div.ed-hint-head', {},
        h('strong', {}, t('ed_hint_n', { n: i + 1 })),
        h('button.small', { type: 'button', 'aria-label': t('move_up'), disabled: i === 0, onclick: () => { [d.hints[i - 1], d.hints[i]] = [d.hints[i], d.hints[i - 1]]; page.changed('texts'); renderHints(); } }, icon('up', 16)),
        h('button.small', { type: 'button', 'aria-label': t('move_down'), disabled: i === d.hints.length - 1, onclick: () => { [d.hints[i + 1], d.hints[i]] = [d.hints[i], d.hints[i + 1]]; page.changed('texts'); renderHints(); } }, icon('down', 16)),
        h('button.small', { type: 'button', 'aria-label': t('remove'), onclick: () => { d.hints.splice(i, 1); page.changed('texts'); renderHints(); } }, icon('close', 16))),
      h('div.ed-texts', {}, ...textPair(page, hint, 'hint', { area: true, max, testid: `ed-hint-${i}` }))));
    if (d.hints.length < page.setup.limits.hints) {
      items.push(h('button', { type: 'button', 'data-testid': 'ed-add-hint', onclick: () => { d.hints.push({ fr: '', en: '' }); page.changed('texts'); renderHints(); } }, icon('plus', 18), t('ed_add_hint')));
    }
    hintsBox.replaceChildren(...items);
  }
  renderHints();
  return { el };
}
