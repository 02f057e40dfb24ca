// "Send to the robot" on the challenge page: the team's robot, the button (enabled only when the
// server says the current program solved the challenge in the simulator and a robot is assigned),
// and the real robot's run live: the running block lit up, the robot moving on the map, then the
// robot's result or a clear message (link lost, stopped...). The team only ever hears of its own
// robot and jobs (the server's `team:<id>` events).
import { get, post } from './api.js';
import { lang, t } from './i18n.js';
import { icon } from './icons.js';
import { RobotFollower, robotStyles } from './robot_follow.js';
import { onRoomEvent } from './socket.js';
import { h, toast } from './ui.js';

const RECHECK_MS = 1500; // after an edit: the autosave (0.8 s) has reached the server by then
const ENDED = new Set(['finished', 'invalid', 'stopped', 'lost', 'failed', 'refused', 'interrupted']);

/** The robot box of a challenge page; `changed()` after each edit, `afterRun()` after a run. */
export function robotPanel({ challenge, editor, player, autosave }) {
  robotStyles();
  const who = h('span.robot-name', { 'data-testid': 'robot-name' });
  const link = h('span.robot-link');
  const sendLabel = h('span', {}, t('robot_send'));
  const button = h('button.primary.robot-send', { 'data-testid': 'robot-send', disabled: true }, icon('robot', 26), sendLabel);
  const note = h('p.robot-note', { 'data-testid': 'robot-status', 'aria-live': 'polite' });
  const el = h('div.robot-box', { 'data-testid': 'robot-box', hidden: true },
    h('div.robot-line', {}, icon('robot', 20), who, link), button, note);
  const follower = new RobotFollower(player);
  let info = null;
  let job = null;
  let editedAt = 0;
  let recheck = null;
  let closed = false;

  async function refresh() {
    try {
      info = await get(`/api/team/robot?challenge=${encodeURIComponent(challenge.id)}`);
    } catch {
      return; // offline: the socket reconnects and the next event asks again
    }
    if (closed) return;
    if (info.job && (!job || info.job.updated_at >= job.updated_at)) job = info.job;
    render();
  }

  function statusText() {
    if (job && job.challenge === challenge.id) {
      if (job.status === 'waiting') return t('robot_waiting');
      if (job.status === 'running') {
        const n = job.progress ? job.progress.number : null;
        return n ? t('robot_running', { n }) : (job.message ? job.message[lang] : '');
      }
      if (ENDED.has(job.status)) {
        const parts = [job.message ? job.message[lang] : ''];
        if (job.status === 'finished' && job.result) parts.push(job.result.solved ? t('robot_solved') : t('robot_not_solved'));
        return parts.filter(Boolean).join(' ');
      }
    }
    if (info && !info.can_send && info.why && info.robot) return info.why.message;
    return '';
  }

  function render() {
    if (!info || !info.robots) {
      el.hidden = true;
      return;
    }
    el.hidden = false;
    const robot = info.robot;
    who.textContent = robot ? t('robot_your', { name: robot.name }) : t('robot_none');
    link.className = `robot-link ${robot ? robot.link : 'none'}`;
    link.textContent = robot && robot.battery !== null && robot.battery !== undefined ? `${robot.battery} %` : '';
    const busy = job && (job.status === 'running') && job.challenge === challenge.id;
    const fresh = Date.now() - editedAt > RECHECK_MS;
    button.disabled = !info.can_send || busy || !fresh;
    sendLabel.textContent = job && job.challenge === challenge.id && ENDED.has(job.status) ? t('robot_again') : t('robot_send');
    note.textContent = statusText();
    el.dataset.job = job ? job.status : '';
    el.dataset.canSend = String(!button.disabled);
  }

  button.addEventListener('click', async () => {
    button.disabled = true;
    await autosave.flush(); // the server compares what it has with the program that was run
    try {
      const out = await post('/api/team/robot', { challenge: challenge.id });
      job = out.job;
      toast(t('robot_sent'));
    } catch (err) {
      toast(err.message);
    }
    refresh();
  });

  const stop = onRoomEvent((event) => {
    const data = event.data || {};
    if (event.type === 'robot.team' || event.type === 'session.state' || event.type === 'attempt') {
      refresh();
    } else if (event.type === 'robot.job' && data.job) {
      const mine = data.job;
      if (mine.challenge !== challenge.id) return;
      job = mine;
      if (mine.status === 'running') follower.start(mine.id);
      if (ENDED.has(mine.status)) {
        follower.end();
        editor.highlight(null);
        refresh();
      }
      render();
    } else if (event.type === 'robot.progress' && data.challenge === challenge.id) {
      if (job && job.id === data.job) job.progress = data;
      if (data.phase === 'start' || data.phase === 'sense') editor.highlight(data.id);
      if (data.phase === 'done') follower.step(data);
      render();
    }
  });

  refresh();
  return {
    el,
    afterRun() { refresh(); },
    changed() {
      editedAt = Date.now();
      if (info) render();
      clearTimeout(recheck);
      recheck = setTimeout(refresh, RECHECK_MS + 100);
    },
    close() {
      closed = true;
      clearTimeout(recheck);
      stop();
    },
  };
}
