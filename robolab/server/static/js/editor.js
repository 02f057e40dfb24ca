// The Blockly editor of a challenge: toolbox, budget, autosave to the server (and a local copy
// while the server cannot be reached), highlighting of the running block.
/* global Blockly */
import { ApiError, idPath, put, savedTeam } from './api.js';
import { countBlocks, defineBlocks, emptyWorkspace, enforceBudget, toolbox } from './blocks.js';
import { t } from './i18n.js';

const SAVE_DELAY = 800;

const theme = () => Blockly.Theme.defineTheme('robolab', {
  base: Blockly.Themes.Classic,
  fontStyle: { family: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif', weight: '700', size: 15 },
  componentStyles: { workspaceBackgroundColour: '#f4f5f9', flyoutBackgroundColour: '#dfe3ee', flyoutOpacity: 1 },
  startHats: true,
});

export class Editor {
  constructor(container, challenge, { onChange } = {}) {
    defineBlocks();
    this.challenge = challenge;
    this.onChange = onChange || (() => {});
    this.workspace = Blockly.inject(container, {
      toolbox: toolbox(challenge),
      renderer: 'zelos',
      theme: theme(),
      media: '/static/vendor/blockly/media/',
      trashcan: true,
      sounds: false,
      horizontalLayout: false,
      move: { scrollbars: true, drag: true, wheel: false },
      zoom: { controls: true, wheel: false, pinch: true, startScale: 0.9, maxScale: 2, minScale: 0.4, scaleSpeed: 1.15 },
      grid: { spacing: 32, length: 3, colour: '#dde1ea', snap: false },
    });
    enforceBudget(this.workspace, challenge.max_blocks);
    this.workspace.addChangeListener((event) => this.changed(event));
    this.loading = false;
  }

  /** Loads a saved workspace; its own events (until FINISHED_LOADING) are not edits. */
  load(state) {
    this.loading = true;
    try {
      Blockly.serialization.workspaces.load(state || emptyWorkspace(), this.workspace);
    } catch (err) {
      console.warn('saved workspace could not be loaded', err);
      Blockly.serialization.workspaces.load(emptyWorkspace(), this.workspace);
    }
    if (!this.workspace.getBlocksByType('robolab_start', false).length) {
      const start = this.workspace.newBlock('robolab_start');
      start.initSvg();
      start.render();
      start.moveBy(30, 30);
    }
    for (const start of this.workspace.getBlocksByType('robolab_start', false)) start.setDeletable(false);
    this.workspace.scrollCenter();
  }

  save() {
    return Blockly.serialization.workspaces.save(this.workspace);
  }

  count() {
    return countBlocks(this.workspace);
  }

  changed(event) {
    if (event.type === Blockly.Events.FINISHED_LOADING) {
      this.loading = false;
      return;
    }
    if (event.isUiEvent || this.loading) return;
    if (event.type === Blockly.Events.BLOCK_CHANGE && event.name === 'name') {
      const block = this.workspace.getBlockById(event.blockId);
      if (block && block.type === 'robolab_procedure') this.renameCalls(event.oldValue, event.newValue);
    }
    this.onChange(event);
  }

  /** Keeps call blocks pointing at a procedure that was renamed. */
  renameCalls(oldName, newName) {
    if (!oldName || !newName || oldName === newName) return;
    for (const call of this.workspace.getBlocksByType('robolab_call', false)) {
      if (call.getFieldValue('name') === oldName) call.setFieldValue(newName, 'name');
    }
  }

  highlight(id) {
    this.workspace.highlightBlock(id || null);
  }

  /** Selects the block an error is about and shows the message on it. */
  pointAt(id, message) {
    const block = id ? this.workspace.getBlockById(id) : null;
    if (!block) return false;
    if (Blockly.common && Blockly.common.setSelected) Blockly.common.setSelected(block);
    else block.select();
    this.workspace.centerOnBlock(id);
    block.setWarningText(message);
    setTimeout(() => { if (!block.isDisposed()) block.setWarningText(null); }, 8000);
    return true;
  }

  resize() {
    Blockly.svgResize(this.workspace);
  }

  dispose() {
    this.workspace.dispose();
  }
}

/** Debounced saving of a challenge's workspace; a local copy covers the time offline. */
export class Autosave {
  constructor(challengeId, editor, status) {
    this.challengeId = challengeId;
    this.editor = editor;
    this.status = status;
    this.timer = null;
    this.pending = false;
    this.closed = false;
    const team = savedTeam();
    this.key = `robolab.ws.${team ? team.code + '.' + team.team.animal + '.' + team.team.color : '?'}.${challengeId}`;
  }

  /** The local copy of edits the server has not acknowledged yet, if any. */
  unsaved() {
    try {
      const raw = localStorage.getItem(this.key);
      return raw ? JSON.parse(raw) : null;
    } catch {
      return null;
    }
  }

  schedule() {
    if (this.closed) return;
    this.pending = true;
    this.status.textContent = t('saving');
    try {
      localStorage.setItem(this.key, JSON.stringify(this.editor.save()));
    } catch {
      /* private mode or full storage: the server copy still works */
    }
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), SAVE_DELAY);
  }

  /** Stops saving (the page is leaving); unsaved edits stay in the local copy. */
  close() {
    this.closed = true;
    clearTimeout(this.timer);
  }

  async flush({ keepalive = false } = {}) {
    clearTimeout(this.timer);
    if (!this.pending || this.closed) return true;
    this.pending = false;
    const workspace = this.editor.save();
    try {
      await put(`/api/team/workspaces/${idPath(this.challengeId)}`, { workspace }, { keepalive });
      localStorage.removeItem(this.key);
      this.status.textContent = t('saved');
      return true;
    } catch (err) {
      this.pending = true;
      this.status.textContent = err instanceof ApiError && err.status === 0 ? t('offline') : err.message;
      if (err instanceof ApiError && err.status === 0 && !this.closed) {
        this.timer = setTimeout(() => this.flush(), 3000);
      }
      return false;
    }
  }
}
