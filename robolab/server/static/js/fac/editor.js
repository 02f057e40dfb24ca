// The level editor: draw a level, choose its rules, write its texts, solve it once with blocks,
// save it as a challenge file in one of the facilitator's packs (docs/editor.md).
//   #/editor                 the packs and their levels: open one, or start a new one
//   #/editor/new             a new level
//   #/editor/<pack>/<name>   a level of a pack (bundled packs: "save a copy")
// While the author works, the server checks the level (solvable? best steps? the solution's
// stars? would `robolab check` accept the file?) and the checklist on the right says what to do.
import { label, t, version } from '../i18n.js';
import { icon } from '../icons.js';
import { h, mount, toast } from '../ui.js';
import { get, post } from './api.js';
import { header } from './header.js';
import { mapStep } from './editor_map.js';
import { rulesStep, textsStep } from './editor_rules.js';
import { solutionStep } from './editor_solution.js';
import { modal } from './widgets.js';

const BACKUP_KEY = 'robolab.editor.backup';
const CHECK_DELAY = 450;
const STEPS = ['map', 'rules', 'texts', 'solution'];
const FIELD_STEP = {
  map: 'map', start: 'map', variants: 'map',
  goal: 'rules', blocks: 'rules', sensors: 'rules', max_blocks: 'rules', max_ticks: 'rules', par: 'rules', tier: 'rules', concepts: 'rules',
  title: 'texts', story: 'texts', hints: 'texts', id: 'texts',
  solution: 'solution',
};
const config = JSON.parse(document.getElementById('config').textContent);

function ensureCss() {
  if (document.querySelector('link[data-editor-css]')) return;
  document.head.append(h('link', { rel: 'stylesheet', href: `/static/editor.css?v=${version}`, 'data-editor-css': '' }));
}

/** "Le Grand Labyrinthe !" -> "le-grand-labyrinthe" (the FORMATS id rule). */
export function slug(text, fallback = 'niveau') {
  const out = (text || '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40).replace(/-+$/, '');
  return out || fallback;
}

function newDraft() {
  return {
    title: { fr: '', en: '' },
    story: { fr: '', en: '' },
    tier: 1,
    concepts: [],
    map: { rows: ['########', '#S.....#', '#......#', '#......#', '#.....G#', '########'], heading: 'east' },
    variants: [],
    goals: ['reach'],
    blocks: ['move_forward', 'turn_left', 'turn_right'],
    sensors: [],
    max_blocks: null,
    max_ticks: null,
    par: { blocks: null, steps: null },
    solution: null,
    hints: [],
  };
}

/** The draft as the page edits it (every field present, texts with both languages). */
function normalize(d) {
  const text = (v) => ({ fr: (v && v.fr) || '', en: (v && v.en) || '' });
  return {
    ...newDraft(),
    ...d,
    title: text(d.title),
    story: text(d.story),
    hints: (d.hints || []).map(text),
    concepts: [...(d.concepts || [])],
    goals: [...(d.goals || [])],
    blocks: [...(d.blocks || [])],
    sensors: [...(d.sensors || [])],
    variants: (d.variants || []).map((v) => ({ rows: [...v.rows], heading: v.heading || null })),
    map: { rows: [...d.map.rows], heading: d.map.heading || 'east' },
    par: { blocks: d.par?.blocks ?? null, steps: d.par?.steps ?? null },
  };
}

/** POST that keeps the error's details (the problems of a level that cannot be saved). */
async function postFull(path, body) {
  const response = await fetch(`${path}?lang=${config.lang}`, {
    method: 'POST',
    headers: { Accept: 'application/json', 'Content-Type': 'application/json', 'X-RoboLab-CSRF': config.csrf },
    credentials: 'same-origin',
    cache: 'no-store',
    body: JSON.stringify(body),
  }).catch(() => null);
  if (!response) return { ok: false, status: 0, error: { message: t('offline') } };
  const data = await response.json().catch(() => ({}));
  return response.ok ? { ok: true, status: response.status, data } : { ok: false, status: response.status, error: data.error || {} };
}

function readBackup() {
  try {
    return JSON.parse(localStorage.getItem(BACKUP_KEY) || 'null');
  } catch {
    return null;
  }
}

/** The screen for `#/editor/...`; returns its cleanup. */
export async function showEditor(parts) {
  ensureCss();
  const setup = await get('/api/facilitator/editor/packs');
  if (!parts.length) return showOpen(setup);
  if (parts[0] === 'new') return editLevel(setup, newDraft(), null);
  if (parts.length === 2) {
    const data = await get(`/api/facilitator/editor/challenges/${encodeURIComponent(parts[0])}/${encodeURIComponent(parts[1])}`);
    return editLevel(setup, data.draft, data);
  }
  location.hash = '#/editor';
  return null;
}

function showOpen(setup) {
  const levels = (pack) => h('div.ed-levels', {}, pack.challenges.length ? pack.challenges.map((c) => {
    const href = `#/editor/${encodeURIComponent(pack.id)}/${encodeURIComponent(c.name)}`;
    const img = c.id ? h('img', { src: `/api/challenges/${c.id.split('/').map(encodeURIComponent).join('/')}/map.svg`, alt: '', loading: 'lazy' }) : null;
    if (img) img.addEventListener('error', () => img.remove());
    return h(`div.ed-level${c.openable ? '' : '.broken'}`, { 'data-testid': 'ed-level', 'data-id': c.id || c.name },
      img,
      h('span.what', {}, h('strong', {}, c.title), h('small', {}, c.problem || `${c.file}${c.tier ? ` · ${t('tier', { tier: c.tier })}` : ''}`)),
      c.openable ? h('a.button.small', { href, 'data-testid': 'ed-open' }, pack.writable ? t('ed_edit') : t('ed_copy')) : null);
  }) : h('p.empty', {}, t('ed_pack_empty')));
  mount(h('div.fac-page', {},
    header('editor'),
    h('main.wide', { 'data-testid': 'ed-open-page' },
      h('div.title-row', {},
        h('h1', {}, t('ed_title_page')),
        h('a.button.primary.big', { href: '#/editor/new', 'data-testid': 'ed-new' }, icon('plus'), t('ed_new_level'))),
      h('p.note', {}, t('ed_intro')),
      h('p.note', {}, t('ed_where', { folder: setup.user_folder })),
      h('div.ed-packs', {}, setup.packs.map((pack) => h('section.panel', { 'data-testid': 'ed-pack', 'data-id': pack.id },
        h('div.ed-pack-head', {},
          h('h2', {}, pack.title),
          h(`span.ed-tag${pack.writable ? '' : '.ro'}`, {}, pack.writable ? t('ed_pack_yours') : t('ed_pack_readonly'))),
        h('p.note', {}, pack.folder),
        levels(pack)))),
      setup.packs.some((p) => p.writable) ? null : h('p.note', {}, t('ed_no_user_pack')))));
  return null;
}

function editLevel(setup, rawDraft, opened, { restored = false } = {}) {
  let current = null; // the page again, after restoring a backup
  const page = {
    setup,
    draft: normalize(rawDraft),
    file: opened ? { pack: opened.pack, name: opened.name, sha: opened.sha, writable: opened.writable, file: opened.file } : null,
    mapIndex: 0,
    report: null,
    dirty: restored,
    label,
  };
  const key = () => (page.file ? `${page.file.pack}/${page.file.name}` : 'new');
  let step = 'map';
  let closed = false;
  let undo = [];
  let redo = [];

  // --- the checklist, kept up to date by the server ------------------------------------------
  const busy = h('span.busy', { hidden: true }, t('ed_checking'));
  const checklist = h('ul', { 'data-testid': 'ed-checklist' });
  const yamlText = h('pre', { 'data-testid': 'ed-yaml' });
  const saveButton = h('button.primary.big.ed-save', { type: 'button', 'data-testid': 'ed-save' }, icon('download'), t('ed_save'));
  const saveAs = h('button.small', { type: 'button', 'data-testid': 'ed-save-as' }, t('ed_save_as'));
  const fileLine = h('p.ed-file', { 'data-testid': 'ed-file' });
  const titleEl = h('h1', {});
  const banner = h('div');

  function item(state, title, detail, testid) {
    const marks = { ok: '✓', bad: '!', warn: '!', wait: '…' };
    return h(`li.${state}`, { 'data-testid': testid, 'data-state': state },
      h('span.mark', { 'aria-hidden': 'true' }, marks[state]),
      h('div', {}, h('strong', {}, title), detail ? h('div.detail', {}, detail) : null));
  }

  function goTo(field) {
    const target = FIELD_STEP[field] || null;
    if (target) showStep(target);
  }

  function problemList(problems) {
    const shown = problems.slice(0, 8).map((p) => h('li', {},
      p.field && FIELD_STEP[p.field]
        ? h('button.link', { type: 'button', onclick: () => goTo(p.field) }, p.line ? t('ed_line', { line: p.line, text: p.message }) : p.message)
        : (p.line ? t('ed_line', { line: p.line, text: p.message }) : p.message)));
    if (problems.length > 8) shown.push(h('li', {}, '…'));
    return h('ul.ed-problems', {}, shown);
  }

  function mapName(i) {
    return i === 0 ? t('ed_main_map') : t('ed_variant_n', { n: i });
  }

  function renderChecklist(report) {
    const items = [];
    const maps = report.maps;
    const drawing = maps.filter((m) => m.kind === 'map');
    items.push(drawing.length
      ? item('bad', t('ed_check_map'), drawing.map((m) => `${mapName(m.index)} : ${m.problem}`).join(' · '), 'ed-check-map')
      : item('ok', t('ed_check_map'), t('ed_check_map_ok'), 'ed-check-map'));
    const rules = maps.find((m) => m.kind === 'rules');
    if (drawing.length) items.push(item('wait', t('ed_check_solvable'), t('ed_check_wait_map'), 'ed-check-solvable'));
    else if (rules) items.push(item('bad', t('ed_check_solvable'), rules.problem, 'ed-check-solvable'));
    else {
      const failing = maps.filter((m) => !m.ok);
      items.push(failing.length
        ? item('bad', t('ed_check_solvable'), failing.map((m) => `${mapName(m.index)} : ${m.problem}`).join(' · '), 'ed-check-solvable')
        : item('ok', t('ed_check_solvable'), maps.length > 1
          ? t('ed_check_solvable_many', { n: report.best_steps, variants: maps.slice(1).map((m) => m.steps).join(', ') })
          : t('ed_check_solvable_ok', { n: report.best_steps }), 'ed-check-solvable'));
    }
    const sol = report.solution || {};
    const toSolution = h('button.link', { type: 'button', onclick: () => showStep('solution') }, t('ed_go_solution'));
    if (sol.error) items.push(item('bad', t('ed_check_solution'), sol.error.message, 'ed-check-solution'));
    else if (!sol.given) items.push(item('bad', t('ed_check_solution'), h('span', {}, t('ed_check_solution_missing'), ' ', toSolution), 'ed-check-solution'));
    else if (sol.solved && sol.stars === 3) items.push(item('ok', t('ed_check_solution'), t('ed_check_solution_ok', { blocks: sol.blocks, steps: sol.steps }), 'ed-check-solution'));
    else if (sol.stars !== undefined) items.push(item('bad', t('ed_check_solution'), sol.solved ? t('ed_check_solution_stars', { n: sol.stars, text: sol.message }) : sol.message, 'ed-check-solution'));
    else items.push(item('wait', t('ed_check_solution'), t('ed_check_wait_map'), 'ed-check-solution'));
    const d = page.draft;
    if (!d.title.fr.trim() && !d.title.en.trim()) items.push(item('bad', t('ed_check_texts'), h('span', {}, t('ed_check_no_title'), ' ', h('button.link', { type: 'button', onclick: () => showStep('texts') }, t('ed_go_texts'))), 'ed-check-texts'));
    else if (report.warnings.length) items.push(item('warn', t('ed_check_texts'), report.warnings.map((w) => w.message).join(' · '), 'ed-check-texts'));
    else items.push(item('ok', t('ed_check_texts'), t('ed_check_texts_ok'), 'ed-check-texts'));
    // the file's other problems (those of the map, the solution and a missing title are above)
    const covered = (p) => ['map', 'variants', 'start', 'solution'].includes(p.field) || (p.code === 'challenge.missing' && p.field === 'title');
    const rest = report.problems.filter((p) => !covered(p));
    if (report.ready) items.push(item('ok', t('ed_check_file'), t('ed_check_file_ok'), 'ed-check-file'));
    else if (rest.length) items.push(item('bad', t('ed_check_file'), problemList(rest), 'ed-check-file'));
    else items.push(item('wait', t('ed_check_file'), t('ed_check_file_wait'), 'ed-check-file'));
    checklist.replaceChildren(...items);
    checklist.dataset.ready = String(report.ready);
    yamlText.textContent = report.yaml;
    for (const b of stepButtons) {
      const name = b.dataset.step;
      const bad = report.problems.some((p) => FIELD_STEP[p.field] === name)
        || (name === 'map' && maps.some((m) => m.kind === 'map' || m.kind === 'unsolvable'))
        || (name === 'solution' && !(sol.solved && sol.stars === 3));
      b.querySelector('.flag').className = `flag ${bad ? 'bad' : 'ok'}`;
    }
  }

  let timer = null;
  let inflight = false;
  let again = false;
  function scheduleCheck() {
    clearTimeout(timer);
    busy.hidden = false;
    timer = setTimeout(() => runCheck(), CHECK_DELAY);
  }
  async function runCheck() {
    if (closed) return;
    if (inflight) {
      again = true;
      return;
    }
    inflight = true;
    const body = { draft: page.draft };
    if (page.file) Object.assign(body, { pack: page.file.pack, name: page.file.name });
    try {
      const report = await post('/api/facilitator/editor/check', body);
      if (closed) return;
      page.report = report;
      renderChecklist(report);
      rules.onReport(report);
      solution.onReport(report);
    } catch (err) {
      if (!closed) checklist.replaceChildren(item('bad', t('ed_check_failed'), err.message, 'ed-check-error'));
    } finally {
      inflight = false;
      if (again && !closed) {
        again = false;
        runCheck();
      } else busy.hidden = true;
    }
  }

  // --- changes, undo, the local backup -------------------------------------------------------
  page.payload = () => page.draft;
  page.setMapIndex = (i) => { page.mapIndex = i; };
  page.snapshot = () => {
    undo.push(JSON.stringify({ map: page.draft.map, variants: page.draft.variants, index: page.mapIndex }));
    if (undo.length > 200) undo.shift();
    redo = [];
  };
  page.dropSnapshot = () => { undo.pop(); };
  const restore = (from, to) => {
    if (!from.length) return;
    to.push(JSON.stringify({ map: page.draft.map, variants: page.draft.variants, index: page.mapIndex }));
    const state = JSON.parse(from.pop());
    page.draft.map = state.map;
    page.draft.variants = state.variants;
    page.mapIndex = Math.min(state.index, state.variants.length);
    map.render();
    page.changed('map');
  };
  page.undo = () => restore(undo, redo);
  page.redo = () => restore(redo, undo);
  page.changed = (kind) => {
    page.dirty = true;
    showFile();
    titleEl.textContent = page.draft.title.fr || page.draft.title.en || t('ed_untitled');
    try {
      localStorage.setItem(BACKUP_KEY, JSON.stringify({ key: key(), at: Date.now(), draft: page.draft }));
    } catch {
      /* storage full or private mode: the server copy is the saved file */
    }
    if (kind === 'rules') solution.onRules();
    scheduleCheck();
  };

  // --- saving --------------------------------------------------------------------------------
  function showFile() {
    const f = page.file;
    if (!f) {
      fileLine.className = 'ed-file';
      fileLine.textContent = t('ed_file_new');
    } else if (!f.writable) {
      fileLine.className = 'ed-file readonly';
      fileLine.textContent = t('ed_file_readonly', { file: f.file });
    } else {
      fileLine.className = 'ed-file';
      fileLine.textContent = t('ed_file_at', { file: f.file });
    }
    if (page.dirty) fileLine.append(h('strong', {}, ` · ${t('ed_unsaved')}`));
    saveAs.hidden = !(f && f.writable);
    saveButton.lastChild.textContent = f && !f.writable ? t('ed_save_copy') : t('ed_save');
  }

  async function doSave(target) {
    saveButton.disabled = true;
    try {
      const out = await postFull('/api/facilitator/editor/save', { draft: page.draft, ...target });
      if (!out.ok) {
        const problems = out.error.problems || [];
        if (problems.length) {
          await modal(t('ed_not_saved'), h('div', {}, h('p', {}, out.error.message), problemList(problems)), [
            { label: t('ed_close'), value: null, testid: 'ed-problems-close', cls: 'primary' },
          ]);
        } else toast(out.error.message || `HTTP ${out.status}`, 7000);
        return false;
      }
      const res = out.data;
      page.file = { pack: res.pack, name: res.name, sha: res.sha, writable: true, file: res.file };
      page.dirty = false;
      try {
        localStorage.removeItem(BACKUP_KEY);
      } catch { /* nothing to remove */ }
      history.replaceState(null, '', `#/editor/${encodeURIComponent(res.pack)}/${encodeURIComponent(res.name)}`);
      showFile();
      const known = setup.packs.find((p) => p.id === res.pack);
      if (!known) setup.packs.push({ id: res.pack, title: res.pack, writable: true, source: 'user', folder: '', challenges: [] });
      toast(res.in_catalog ? t('ed_saved', { file: res.file }) : t('ed_saved_not_loaded', { file: res.file }), 6000);
      document.body.dataset.edSaved = res.file;
      return true;
    } finally {
      saveButton.disabled = false;
    }
  }

  async function saveDialog() {
    const writable = setup.packs.filter((p) => p.writable);
    const titleSlug = slug(page.draft.title.fr || page.draft.title.en);
    const select = h('select', { 'data-testid': 'ed-save-pack', 'aria-label': t('ed_pack') },
      writable.map((p) => h('option', { value: p.id }, `${p.title} (${p.id})`)),
      h('option', { value: '' }, t('ed_new_pack')));
    if (page.file && page.file.writable) select.value = page.file.pack;
    else if (writable.length) select.value = writable[0].id;
    else select.value = '';
    const packId = h('input.text', { type: 'text', maxlength: '40', value: 'mes-niveaux', 'data-testid': 'ed-new-pack-id', 'aria-label': t('ed_new_pack_id') });
    const packFr = h('input.text', { type: 'text', maxlength: '80', value: t('ed_default_pack_fr'), lang: 'fr', 'data-testid': 'ed-new-pack-fr' });
    const packEn = h('input.text', { type: 'text', maxlength: '80', value: t('ed_default_pack_en'), lang: 'en', 'data-testid': 'ed-new-pack-en' });
    const name = h('input.text', { type: 'text', maxlength: '50', value: page.file && page.file.writable ? page.file.name : titleSlug, 'data-testid': 'ed-save-name', 'aria-label': t('ed_file_name') });
    const path = h('div.ed-path', { 'data-testid': 'ed-save-path' });
    const newBox = h('div.ed-dialog-grid', {},
      h('label', {}, t('ed_new_pack_id'), packId, h('small.note', {}, t('ed_id_rule'))),
      h('label', {}, t('ed_new_pack_title_fr'), packFr),
      h('label', {}, t('ed_new_pack_title_en'), packEn));
    const update = () => {
      newBox.hidden = select.value !== '';
      const pack = select.value || slug(packId.value, '');
      const folder = select.value ? (setup.packs.find((p) => p.id === select.value)?.folder || '') : `${setup.user_folder}/${pack}`;
      path.textContent = `${folder}/${slug(name.value, '') || '…'}.yaml`;
    };
    for (const el of [select, packId, name]) el.addEventListener('input', update);
    update();
    const body = h('div.ed-dialog-grid', {},
      h('label', {}, t('ed_pack'), select),
      newBox,
      h('label', {}, t('ed_file_name'), name, h('small.note', {}, t('ed_id_rule'))),
      h('div', {}, h('div.note', {}, t('ed_will_write')), path));
    const choice = await modal(t('ed_save_title'), body, [
      { label: t('cancel'), value: null, testid: 'cancel' },
      { label: t('ed_save'), cls: 'primary', testid: 'ed-save-go', value: () => ({
        pack: select.value || slug(packId.value, ''),
        name: slug(name.value, ''),
        newPack: select.value === '' ? { title: { fr: packFr.value, en: packEn.value } } : null,
      }) },
    ]);
    if (!choice) return;
    const target = { pack: choice.pack, name: choice.name };
    if (choice.newPack) target.new_pack = choice.newPack;
    if (page.file && page.file.writable && page.file.pack === choice.pack && page.file.name === choice.name) {
      target.replace = { pack: page.file.pack, name: page.file.name, sha: page.file.sha };
    }
    await doSave(target);
  }

  saveButton.addEventListener('click', async () => {
    if (page.file && page.file.writable) {
      await doSave({ pack: page.file.pack, name: page.file.name, replace: { pack: page.file.pack, name: page.file.name, sha: page.file.sha } });
    } else await saveDialog();
  });
  saveAs.addEventListener('click', () => saveDialog());

  // --- the steps -----------------------------------------------------------------------------
  const map = mapStep(page);
  const rules = rulesStep(page);
  const texts = textsStep(page);
  const solution = solutionStep(page);
  const panels = { map: map.el, rules: rules.el, texts: texts.el, solution: solution.el };
  const panel = h('section.ed-panel', { 'data-testid': 'ed-panel' }, ...Object.values(panels));
  const stepButtons = STEPS.map((name, i) => h('button', {
    type: 'button', role: 'tab', 'data-step': name, 'data-testid': `ed-step-${name}`, onclick: () => showStep(name),
  }, h('span.num', {}, String(i + 1)), t(`ed_step_${name}`), h('span.flag')));

  function showStep(name) {
    step = name;
    for (const [other, el] of Object.entries(panels)) el.hidden = other !== name;
    for (const b of stepButtons) b.setAttribute('aria-selected', String(b.dataset.step === name));
    if (name === 'solution') solution.show().catch((err) => toast(err.message));
    if (name === 'map') map.render();
  }

  const onKey = (event) => {
    if (closed || document.querySelector('.backdrop')) return;
    const target = event.target;
    if (target && (target.closest('input, textarea, select, [contenteditable], .blocklyWidgetDiv, .ed-blockly-box'))) return;
    if (step !== 'map') return;
    const ctrl = event.ctrlKey || event.metaKey;
    if (ctrl && (event.key === 'z' || event.key === 'Z')) {
      if (event.shiftKey) page.redo();
      else page.undo();
      event.preventDefault();
    } else if (ctrl && (event.key === 'y' || event.key === 'Y')) {
      page.redo();
      event.preventDefault();
    } else if (!ctrl && !event.altKey && map.onKey(event)) event.preventDefault();
  };
  const onLeave = (event) => {
    if (!page.dirty) return;
    event.preventDefault();
    event.returnValue = '';
  };
  const onResize = () => solution.resize();
  document.addEventListener('keydown', onKey);
  window.addEventListener('beforeunload', onLeave);
  window.addEventListener('resize', onResize);

  titleEl.textContent = page.draft.title.fr || page.draft.title.en || t('ed_untitled');
  mount(h('div.fac-page', {},
    header('editor'),
    h('main.ed-page', { 'data-testid': 'ed-page' },
      h('div.ed-top', {},
        titleEl,
        h('a.button', { href: '#/editor', 'data-testid': 'ed-back' }, icon('back', 18), t('ed_open')),
        fileLine),
      banner,
      h('nav.ed-steps', { role: 'tablist' }, stepButtons),
      h('div.ed-body', {},
        panel,
        h('aside.ed-side', {},
          h('div.ed-checklist', {},
            h('h2', {}, t('ed_checklist'), busy),
            checklist,
            h('div.row', { style: { marginTop: '10px' } }, saveButton, saveAs)),
          h('details.ed-yaml', {}, h('summary', {}, t('ed_see_file')), yamlText))))));
  showFile();
  showStep('map');

  // an unsaved draft of this level from before a reload?
  const backup = readBackup();
  if (!restored && backup && backup.key === key() && JSON.stringify(backup.draft) !== JSON.stringify(page.draft)) {
    const minutes = Math.max(1, Math.round((Date.now() - backup.at) / 60000));
    banner.replaceChildren(h('div.ed-banner', { 'data-testid': 'ed-backup' },
      h('p', {}, t('ed_backup', { n: minutes })),
      h('button.primary', { type: 'button', 'data-testid': 'ed-backup-restore', onclick: () => {
        cleanup();
        current = editLevel(setup, backup.draft, opened, { restored: true });
      } }, t('ed_backup_restore')),
      h('button', { type: 'button', onclick: () => { banner.replaceChildren(); } }, t('ed_backup_ignore'))));
  }
  if (opened && opened.rewritten && opened.writable) toast(t('ed_rewritten'), 7000);
  runCheck();

  function cleanup() {
    if (closed) return;
    closed = true;
    clearTimeout(timer);
    document.removeEventListener('keydown', onKey);
    window.removeEventListener('beforeunload', onLeave);
    window.removeEventListener('resize', onResize);
    solution.destroy();
  }
  return () => {
    cleanup();
    if (current) current();
  };
}
