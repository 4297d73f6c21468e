/**
 * The CartPole panel of the RL playground: PPO or Double DQN trains in a Web Worker
 * (cartpole-worker.ts) while the page plots the mean return and animates the latest training
 * episode at CartPole's own pace (50 frames a second, one per 0.02 s step), next to two
 * baselines computed here: a random policy and the hand-written controller.
 */
import { fitCanvas } from '../common/color.js';
import { button, fmt, h, panel, select } from '../common/dom.js';
import { baselineReturns, type Agent, type TrainMessage } from './cartpole-training.js';

const BUDGET: Record<Agent, number> = { ppo: 100_000, dqn: 50_000 };

export function mountCartPole(): { el: HTMLElement; stop(): void; redraw(): void } {
  let agent: Agent = 'ppo';
  let worker: Worker | null = null;
  let frames: Float32Array | null = null;
  let frameLabel = '';
  let frameIndex = 0;
  let raf = 0;
  let lastTick = 0;
  const progress: { step: number; meanReturn: number }[] = [];
  const base = baselineReturns();

  const stage = h('canvas', { role: 'img', 'data-testid': 'cartpole-canvas', 'aria-label': 'The cart and pole of the latest training episode' });
  const curve = h('canvas', { role: 'img', 'data-testid': 'return-curve', 'aria-label': 'Mean return of the last 100 training episodes against environment steps' });
  const stat = (id: string, text = '—') => h('dd', { 'data-testid': id, text });
  const stepsDd = stat('cp-steps', '0'), episodesDd = stat('cp-episodes', '0'), meanDd = stat('cp-mean'), evalDd = stat('cp-eval');
  const status = h('p', { class: 'pg-note', 'data-testid': 'cp-status', 'aria-live': 'polite', text: 'Press Train: the agent starts from a random network.' });
  const detail = h('p', { class: 'pg-note', 'data-testid': 'cp-detail' });

  function onMessage(m: TrainMessage): void {
    if (m.type === 'progress') {
      progress.push({ step: m.step, meanReturn: m.meanReturn });
      stepsDd.textContent = m.step.toLocaleString('en');
      episodesDd.textContent = String(m.episodes);
      meanDd.textContent = Number.isNaN(m.meanReturn) ? '—' : fmt(m.meanReturn);
      detail.textContent = m.detail;
      drawCurve();
    } else if (m.type === 'episode') {
      frames = m.frames;
      frameIndex = 0;
      frameLabel = `training episode ${m.episode}: return ${m.episodeReturn}`;
    } else if (m.type === 'done') {
      frames = m.greedyFrames;
      frameIndex = 0;
      frameLabel = `greedy policy after training: ${m.greedyFrames.length / 2 - 1} steps`;
      evalDd.textContent = fmt(m.evalReturn);
      stepsDd.textContent = m.step.toLocaleString('en');
      status.textContent = `Done after ${m.step.toLocaleString('en')} steps. The greedy policy averages ${fmt(m.evalReturn)} over 20 fresh episodes (the hand-written controller: ${fmt(base.hand)}).`;
      endWorker();
    } else {
      status.textContent = `Training failed: ${m.message}`;
      endWorker();
    }
  }

  function start(): void {
    endWorker();
    progress.length = 0;
    evalDd.textContent = '—';
    worker = new Worker(new URL('./cartpole-worker.ts', import.meta.url), { type: 'module', name: 'descent-rl-cartpole' });
    worker.addEventListener('message', (e: MessageEvent<TrainMessage>) => onMessage(e.data));
    worker.addEventListener('error', (e) => { status.textContent = `Training failed: ${e.message}`; endWorker(); });
    worker.postMessage({ type: 'start', request: { agent, totalSteps: BUDGET[agent], seed: 0 } });
    trainBtn.textContent = 'Stop';
    trainBtn.setAttribute('aria-pressed', 'true');
    status.textContent = `Training ${agent === 'ppo' ? 'PPO' : 'Double DQN'} for up to ${BUDGET[agent].toLocaleString('en')} steps with rl-baselines3-zoo's CartPole settings…`;
  }

  function endWorker(): void {
    worker?.terminate();
    worker = null;
    trainBtn.textContent = 'Train';
    trainBtn.setAttribute('aria-pressed', 'false');
  }

  const agentSel = select('Agent', [{ value: 'ppo', label: 'PPO (100,000 steps)' }, { value: 'dqn', label: 'Double DQN (50,000 steps)' }], agent, (v) => { agent = v; });
  const trainBtn = button('Train', () => {
    if (worker) { endWorker(); status.textContent = 'Stopped. Press Train to start again from a random network.'; } else start();
  }, { class: 'pg-btn pg-primary', 'data-testid': 'cp-train', 'aria-pressed': 'false', 'aria-label': 'Train or stop' });

  function drawStage(): void {
    const w = Math.max(240, Math.min(560, stage.parentElement ? stage.parentElement.clientWidth - 26 : 480)), hgt = Math.round(w * 0.5);
    const c = fitCanvas(stage, w, hgt);
    c.fillStyle = '#fff';
    c.fillRect(0, 0, w, hgt);
    const scale = w / 4.8, ground = hgt * 0.75;
    c.strokeStyle = '#1b1f24';
    c.lineWidth = 1;
    c.beginPath(); c.moveTo(0, ground + 12); c.lineTo(w, ground + 12); c.stroke();
    const n = frames ? frames.length / 2 : 0;
    const k = Math.min(frameIndex, n - 1);
    const x = n > 0 ? frames![2 * k] : 0, theta = n > 0 ? frames![2 * k + 1] : 0;
    const cx = w / 2 + x * scale;
    c.fillStyle = '#333';
    c.fillRect(cx - 22, ground - 8, 44, 22);
    c.strokeStyle = '#ca9865';
    c.lineWidth = 8;
    c.lineCap = 'round';
    c.beginPath();
    c.moveTo(cx, ground - 8);
    c.lineTo(cx + scale * Math.sin(theta), ground - 8 - scale * Math.cos(theta));
    c.stroke();
    c.fillStyle = '#56616b';
    c.font = '12px system-ui, sans-serif';
    c.fillText(n > 0 ? `${frameLabel} · frame ${k} of ${n - 1}` : 'no episode yet', 8, 16);
  }

  function drawCurve(): void {
    const w = Math.max(200, curve.parentElement ? curve.parentElement.clientWidth - 26 : 260), hgt = 160, pad = 28;
    const c = fitCanvas(curve, w, hgt);
    c.fillStyle = '#fff';
    c.fillRect(0, 0, w, hgt);
    const maxStep = Math.max(BUDGET[agent], ...progress.map((p) => p.step));
    const sx = (s: number) => pad + (s / maxStep) * (w - pad - 8);
    const sy = (r: number) => 8 + (1 - r / 500) * (hgt - pad - 8);
    c.strokeStyle = '#dde2e7';
    c.strokeRect(pad, 8, w - pad - 8, hgt - pad - 8);
    c.fillStyle = '#56616b';
    c.font = '11px system-ui, sans-serif';
    c.fillText('500', 2, 14);
    c.fillText('0', 14, hgt - pad + 2);
    c.fillText('environment steps →', pad, hgt - 8);
    const hline = (v: number, colour: string) => {
      c.strokeStyle = colour; c.setLineDash([4, 4]); c.lineWidth = 1;
      c.beginPath(); c.moveTo(pad, sy(v)); c.lineTo(w - 8, sy(v)); c.stroke(); c.setLineDash([]);
    };
    hline(base.random, '#d55e00');
    hline(base.hand, '#009e73');
    const pts = progress.filter((p) => !Number.isNaN(p.meanReturn));
    c.strokeStyle = '#0072b2';
    c.lineWidth = 2;
    c.beginPath();
    pts.forEach((p, i) => (i === 0 ? c.moveTo(sx(p.step), sy(p.meanReturn)) : c.lineTo(sx(p.step), sy(p.meanReturn))));
    c.stroke();
  }

  // CartPole's time step is 0.02 s: advance one frame every 20 ms, then start the episode over.
  const tick = (t: number) => {
    if (t - lastTick >= 20) {
      lastTick = t;
      if (frames) frameIndex = frameIndex + 1 >= frames.length / 2 ? 0 : frameIndex + 1;
      drawStage();
    }
    raf = requestAnimationFrame(tick);
  };
  raf = requestAnimationFrame(tick);

  const controls = panel('CartPole', agentSel.el, h('div', { class: 'pg-rl-buttons' }, trainBtn),
    h('dl', { class: 'pg-stat' },
      h('div', {}, h('dt', { text: 'Random policy' }), stat('cp-random', fmt(base.random))),
      h('div', {}, h('dt', { text: 'Hand-written' }), stat('cp-hand', fmt(base.hand)))),
    h('p', { class: 'pg-note', text: 'Baselines: mean return over 20 episodes of a coin-flip policy and of “push towards the side the pole leans to”. CartPole-v1 stops at 500 steps.' }),
    status);
  const picture = panel('The latest episode', stage, detail);
  const side = panel('Mean return (last 100 episodes)',
    h('dl', { class: 'pg-stat' }, h('div', {}, h('dt', { text: 'Steps' }), stepsDd), h('div', {}, h('dt', { text: 'Episodes' }), episodesDd),
      h('div', {}, h('dt', { text: 'Mean return' }), meanDd), h('div', {}, h('dt', { text: 'Greedy eval.' }), evalDd)),
    curve, h('p', { class: 'pg-note', text: 'Blue: training return. Dashed: the random policy (orange) and the hand-written controller (green).' }));
  drawCurve();
  return {
    el: h('div', { class: 'pg-grid pg-rl-grid' }, controls, picture, side),
    stop() { endWorker(); cancelAnimationFrame(raf); },
    redraw: drawCurve,
  };
}
