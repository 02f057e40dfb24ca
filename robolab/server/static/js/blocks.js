// The robolab_* blocks (docs/blockly.md), the toolbox of a challenge and the block count.
/* global Blockly */
import { label, t } from './i18n.js';

const ACTIONS = ['move_forward', 'move_backward', 'turn_left', 'turn_right'];
const SENSORS = ['path_ahead', 'path_left', 'path_right', 'at_goal', 'gem_here', 'on_color'];
const COLORS = ['red', 'green', 'blue', 'yellow'];
const ARROWS = { move_forward: '⬆', move_backward: '⬇', turn_left: '↺', turn_right: '↻' };

const HUE = { action: '#e8641b', loop: '#2e9e4f', logic: '#2f6fdb', sensor: '#0f8f86', procedure: '#8a4fd8', start: '#d4a017' };

/** Statement blocks and procedure definitions: the blocks that count (FORMATS rule). */
export const COUNTED = new Set([
  ...ACTIONS.map((a) => `robolab_${a}`),
  'robolab_repeat', 'robolab_repeat_until', 'robolab_while', 'robolab_if', 'robolab_if_else',
  'robolab_call', 'robolab_procedure',
]);

let defined = false;

/** Defines the blocks once, with labels in the page's language. */
export function defineBlocks() {
  if (defined) return;
  defined = true;
  const stmt = { previousStatement: null, nextStatement: null };
  const json = [
    { type: 'robolab_start', message0: `▶ ${t('when_run')}`, nextStatement: null, colour: HUE.start },
    ...ACTIONS.map((a) => ({ type: `robolab_${a}`, message0: `${label(a)} ${ARROWS[a]}`, ...stmt, colour: HUE.action })),
    {
      type: 'robolab_repeat', message0: `${label('repeat')} %1 ${t('times')}`,
      args0: [{ type: 'field_number', name: 'times', value: 3, min: 0, max: 100, precision: 1 }],
      message1: `${t('do')} %1`, args1: [{ type: 'input_statement', name: 'body' }], ...stmt, colour: HUE.loop,
    },
    {
      type: 'robolab_repeat_until', message0: `${label('repeat_until')} %1`,
      args0: [{ type: 'input_value', name: 'cond', check: 'Boolean' }],
      message1: `${t('do')} %1`, args1: [{ type: 'input_statement', name: 'body' }], ...stmt, colour: HUE.loop,
    },
    {
      type: 'robolab_while', message0: `${label('while')} %1`,
      args0: [{ type: 'input_value', name: 'cond', check: 'Boolean' }],
      message1: `${t('do')} %1`, args1: [{ type: 'input_statement', name: 'body' }], ...stmt, colour: HUE.loop,
    },
    {
      type: 'robolab_if', message0: `${label('if')} %1`,
      args0: [{ type: 'input_value', name: 'cond', check: 'Boolean' }],
      message1: `${t('do')} %1`, args1: [{ type: 'input_statement', name: 'then' }], ...stmt, colour: HUE.logic,
    },
    {
      type: 'robolab_if_else', message0: `${label('if')} %1`,
      args0: [{ type: 'input_value', name: 'cond', check: 'Boolean' }],
      message1: `${t('do')} %1`, args1: [{ type: 'input_statement', name: 'then' }],
      message2: `${t('else')} %1`, args2: [{ type: 'input_statement', name: 'else' }], ...stmt, colour: HUE.logic,
    },
    {
      type: 'robolab_procedure', message0: `${t('procedure')} %1`,
      args0: [{ type: 'field_input', name: 'name', text: t('procedure_default') }],
      message1: '%1', args1: [{ type: 'input_statement', name: 'body' }], colour: HUE.procedure,
    },
    {
      type: 'robolab_not', message0: `${t('not')} %1`,
      args0: [{ type: 'input_value', name: 'cond', check: 'Boolean' }], output: 'Boolean', colour: HUE.sensor,
    },
    ...SENSORS.filter((s) => s !== 'on_color').map((s) => ({ type: `robolab_${s}`, message0: label(s), output: 'Boolean', colour: HUE.sensor })),
    {
      type: 'robolab_on_color', message0: `${label('on_color')} %1`,
      args0: [{ type: 'field_dropdown', name: 'color', options: COLORS.map((c) => [t(`color_${c}`), c]) }],
      output: 'Boolean', colour: HUE.sensor,
    },
  ];
  Blockly.defineBlocksWithJsonArray(json);
  Blockly.fieldRegistry.register('robolab_procedure_name', ProcedureNameField);
  Blockly.Blocks.robolab_call = {
    init() {
      this.appendDummyInput().appendField(`${t('call')} ▶`).appendField(new ProcedureNameField(), 'name');
      this.setPreviousStatement(true);
      this.setNextStatement(true);
      this.setColour(HUE.procedure);
    },
  };
}

/** The names of the procedures defined in a workspace (for the call block's menu). */
function procedureNames(workspace) {
  if (!workspace) return [];
  const target = workspace.isFlyout ? workspace.targetWorkspace : workspace;
  if (!target) return [];
  return target.getBlocksByType('robolab_procedure', false)
    .map((b) => b.getFieldValue('name'))
    .filter((name) => typeof name === 'string' && name.trim());
}

/** A dropdown of the workspace's procedure names that accepts any name (saved workspaces load
 *  before the definitions they call, and a renamed procedure must not break the call). */
class ProcedureNameField extends Blockly.FieldDropdown {
  constructor(value) {
    super(function generator() {
      const names = procedureNames(this.getSourceBlock()?.workspace);
      const current = this.getValue();
      if (current && !names.includes(current)) names.unshift(current);
      if (!names.length) names.push(t('procedure_default'));
      return names.map((n) => [n, n]);
    });
    this.setValue(value || t('procedure_default'));
  }

  doClassValidation_(value) {
    return typeof value === 'string' && value.length > 0 && value.length <= 40 ? value : null;
  }

  static fromJson(options) {
    return new ProcedureNameField(options.value);
  }
}

function sensorBlock(sensor) {
  const block = { kind: 'block', type: `robolab_${sensor}` };
  if (sensor === 'on_color') block.fields = { color: 'red' };
  return block;
}

/** The flyout of a challenge: its statement blocks (conditions pre-plugged) and its sensors. */
export function toolbox(challenge) {
  const sensors = challenge.sensors;
  const firstCond = sensors.length ? { cond: { block: sensorBlock(sensors[0]) } } : undefined;
  const contents = [];
  for (const name of challenge.blocks) {
    if (ACTIONS.includes(name)) contents.push({ kind: 'block', type: `robolab_${name}` });
    else if (name === 'repeat') contents.push({ kind: 'block', type: 'robolab_repeat', fields: { times: 3 } });
    else if (name === 'repeat_until' || name === 'while') contents.push({ kind: 'block', type: `robolab_${name}`, inputs: firstCond });
    else if (name === 'if') {
      contents.push({ kind: 'block', type: 'robolab_if', inputs: firstCond });
      contents.push({ kind: 'block', type: 'robolab_if_else', inputs: firstCond });
    } else if (name === 'call') {
      contents.push({ kind: 'block', type: 'robolab_procedure' });
      contents.push({ kind: 'block', type: 'robolab_call' });
    }
  }
  if (sensors.length) {
    contents.push({ kind: 'sep', gap: 40 });
    for (const s of sensors) contents.push(sensorBlock(s));
    contents.push({ kind: 'block', type: 'robolab_not' });
  }
  return { kind: 'flyoutToolbox', contents };
}

/** Blocks that count in a workspace: statements and procedure definitions, enabled ones. */
export function countBlocks(workspace) {
  let n = 0;
  for (const block of workspace.getAllBlocks(false)) {
    if (COUNTED.has(block.type) && block.isEnabled() && !block.isInsertionMarker()) n++;
  }
  return n;
}

/** Makes Blockly refuse new blocks beyond `max` counted blocks (conditions stay free). */
export function enforceBudget(workspace, max) {
  if (max === null || max === undefined) {  // no budget: lift one set earlier
    workspace.hasBlockLimits = () => false;
    workspace.remainingCapacity = () => Infinity;
    workspace.remainingCapacityOfType = () => Infinity;
    workspace.isCapacityAvailable = () => true;
    return;
  }
  workspace.hasBlockLimits = () => true;
  workspace.remainingCapacity = () => max - countBlocks(workspace);
  workspace.remainingCapacityOfType = () => Infinity;
  workspace.isCapacityAvailable = (typeCounts) => {
    let need = 0;
    for (const [type, n] of Object.entries(typeCounts || {})) if (COUNTED.has(type)) need += n;
    return need <= workspace.remainingCapacity();
  };
}

/** A workspace with only the "when run" block. */
export function emptyWorkspace() {
  return { blocks: { languageVersion: 0, blocks: [{ type: 'robolab_start', id: 'start', x: 30, y: 30, deletable: false }] } };
}
