// Plays a run's trace on the map SVG (robolab/server/mapsvg.py): moves #robot, draws #trail,
// takes gems, shows crashes and falls, and tells which block is running.

const HEADINGS = { north: 0, east: 1, south: 2, west: 3 };

/** Steps per second for each position of the speed slider (1..10); 10 jumps to the end. */
export const SPEEDS = [0.7, 1, 1.5, 2, 3, 4, 6, 9, 14, Infinity];

export class Player {
  constructor(svg, { onStep = () => {}, onEnd = () => {}, onState = () => {} } = {}) {
    this.svg = svg;
    this.robot = svg.querySelector('#robot');
    this.trail = svg.querySelector('#trail');
    this.gems = [...svg.querySelectorAll('.gem')];
    this.cell = Number(svg.dataset.cell);
    this.start = {
      x: Number(svg.dataset.startX), y: Number(svg.dataset.startY), heading: Number(svg.dataset.startHeading),
    };
    this.onStep = onStep;
    this.onEnd = onEnd;
    this.onState = onState;
    this.speed = 4;
    this.trace = [];
    this.reset();
  }

  /** Back to the start: robot, gems and path as on the mat, nothing playing. */
  reset() {
    this.stop();
    this.index = 0;
    this.pose = { ...this.start, angle: this.start.heading * 90 };
    this.points = [this.center(this.start)];
    this.robot.classList.remove('crash', 'fall');
    for (const gem of this.gems) gem.classList.remove('taken');
    this.draw(this.pose);
    this.trail.setAttribute('points', '');
    this.onState('idle');
  }

  load(trace) {
    this.reset();
    this.trace = trace || [];
  }

  get done() {
    return this.index >= this.trace.length;
  }

  setSpeed(position) {
    this.speed = Math.min(Math.max(Number(position) || 4, 1), SPEEDS.length);
  }

  play() {
    if (this.done) return;
    this.playing = true;
    this.onState('playing');
    this.tick();
  }

  pause() {
    this.stop();
    this.onState(this.done ? 'done' : 'paused');
  }

  stop() {
    this.playing = false;
    clearTimeout(this.timer);
    cancelAnimationFrame(this.frame);
    this.timer = null;
  }

  /** One step forward, animated, then stays paused. */
  step() {
    this.stop();
    if (this.done) return;
    this.advance(this.duration(), () => this.onState(this.done ? 'done' : 'paused'));
  }

  duration() {
    const rate = SPEEDS[this.speed - 1];
    return rate === Infinity ? 0 : 1000 / rate;
  }

  tick() {
    if (!this.playing) return;
    if (this.done) {
      this.finish();
      return;
    }
    const ms = this.duration();
    if (ms === 0) {
      while (!this.done) this.advance(0);
      this.finish();
      return;
    }
    this.advance(ms * 0.85, () => { this.timer = setTimeout(() => this.tick(), ms * 0.15); });
  }

  finish() {
    this.playing = false;
    this.onState('done');
    this.onEnd();
  }

  /** Applies the next trace step, animating over `ms` milliseconds. */
  advance(ms, then = () => {}) {
    const step = this.trace[this.index++];
    this.onStep(step, this.index - 1);
    const from = { ...this.pose };
    const heading = HEADINGS[step.heading] ?? from.heading;
    let turn = (heading - from.heading + 4) % 4;
    if (turn === 3) turn = -1;
    const to = { x: step.x, y: step.y, heading, angle: from.angle + turn * 90 };
    if (step.event === 'crash') {
      this.robot.classList.remove('crash');
      void this.robot.getBoundingClientRect();
      this.robot.classList.add('crash');
    }
    this.animate(from, to, ms, () => {
      this.pose = to;
      if (to.x !== from.x || to.y !== from.y) {
        this.points.push(this.center(to));
        this.trail.setAttribute('points', this.points.map((p) => p.join(',')).join(' '));
      }
      if (step.event === 'gem') this.takeGem(to.x, to.y);
      if (step.event === 'fall') this.robot.classList.add('fall');
      then();
    });
  }

  animate(from, to, ms, done) {
    if (ms <= 0) {
      this.draw(to);
      done();
      return;
    }
    const t0 = performance.now();
    const frame = (now) => {
      const k = Math.min(1, (now - t0) / ms);
      const e = k < 0.5 ? 2 * k * k : 1 - ((-2 * k + 2) ** 2) / 2;
      this.draw({
        x: from.x + (to.x - from.x) * e, y: from.y + (to.y - from.y) * e, angle: from.angle + (to.angle - from.angle) * e,
      });
      if (k < 1) this.frame = requestAnimationFrame(frame);
      else done();
    };
    this.frame = requestAnimationFrame(frame);
  }

  takeGem(x, y) {
    const gem = this.gems.find((g) => Number(g.dataset.x) === x && Number(g.dataset.y) === y && !g.classList.contains('taken'));
    if (gem) gem.classList.add('taken');
  }

  center(pose) {
    return [pose.x * this.cell + this.cell / 2, pose.y * this.cell + this.cell / 2];
  }

  draw(pose) {
    const [cx, cy] = this.center(pose);
    this.robot.setAttribute('transform', `translate(${cx} ${cy}) rotate(${pose.angle})`);
  }
}
