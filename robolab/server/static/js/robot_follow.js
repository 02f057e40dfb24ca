// Follows a real robot on the map: the poses it reports (progress events) move the map's robot,
// one cell after the other, and its trail is drawn, with the page's Player (player.js).
// Shared by the tablet (robot.js) and the facilitator's queue (fac/fleet.js).
import { version } from './i18n.js';

const MOTION_EVENT = { crash: 'crash', fall: 'fall' };

/** Loads the robots' styles once (robots.css: the shared style sheets stay untouched). */
export function robotStyles() {
  if (document.getElementById('robots-css')) return;
  const link = document.createElement('link');
  link.id = 'robots-css';
  link.rel = 'stylesheet';
  link.href = `/static/robots.css?v=${encodeURIComponent(version)}`;
  document.head.append(link);
}

export class RobotFollower {
  constructor(player) {
    this.player = player;
    this.queue = [];
    this.busy = false;
    this.jobId = null;
  }

  /** A new run of the robot: back to the start cell. */
  start(jobId) {
    if (this.jobId === jobId) return;
    this.jobId = jobId;
    this.queue = [];
    this.busy = false;
    this.player.load([]);
    this.player.svg.classList.add('robot-live');
  }

  /** A `done` progress event: the robot finished a block at (x, y, heading). */
  step(data) {
    if (data.job !== this.jobId) this.start(data.job);
    if (this.player.playing) return; // the simulator is replaying on this map: let it
    this.queue.push({
      id: data.id, block: data.number, x: data.x, y: data.y, heading: data.heading,
      // 'gem' takes a gem only where there is one; crash and fall animate the robot.
      event: MOTION_EVENT[data.motion] || 'gem',
    });
    if (!this.busy) this.next();
  }

  next() {
    const step = this.queue.shift();
    if (!step) {
      this.busy = false;
      return;
    }
    this.busy = true;
    this.player.trace.push(step);
    this.player.advance(this.queue.length ? 60 : 220, () => this.next());
  }

  end() {
    this.player.svg.classList.remove('robot-live');
  }
}
