// MountainCar-v0, Pendulum-v1 and Acrobot-v1 against the float64 NumPy transcription of Gymnasium's
// equations in tools/fixtures/rl_envs.py, to 1e-12.
import { describe, expect, it } from 'vitest';
import { Acrobot, MountainCar, Pendulum, angleNormalize, makeAcrobot, makeMountainCar, makePendulum } from '../../src/rl/index.js';
import { loadFixture } from '../helpers/fixtures.js';

interface CarCase { start: number[]; actions: number[]; states: number[][]; terminated: boolean[] }
interface AcroCase { start: number[]; actions: number[]; observations: number[][]; terminated: boolean[] }
interface PendCase { start: number[]; torques: number[]; observations: number[][]; rewards: number[] }
const fx = loadFixture<{ mountaincar: CarCase[]; pendulum: PendCase[]; acrobot: AcroCase[] }>('rl-envs.json');

describe('MountainCar', () => {
  fx.mountaincar.forEach((c, k) => {
    it(`trajectory ${k} (${c.actions.length} steps, ends ${c.terminated.at(-1) ? 'at the flag' : 'early'}) matches to 1e-12`, () => {
      const env = new MountainCar();
      env.reset({ options: { state: c.start } });
      c.actions.forEach((a, t) => {
        const [obs, r, term] = env.step(a);
        for (let i = 0; i < 2; i++) expect(Math.abs(obs[i] - c.states[t][i]), `step ${t}`).toBeLessThan(1e-12);
        expect(term).toBe(c.terminated[t]);
        expect(r).toBe(-1);
      });
    });
  });

  it('reset draws x in [-0.6, -0.4) with v = 0, and v0 truncates at 200 steps', () => {
    const env = makeMountainCar();
    const [obs] = env.reset({ seed: 5 });
    expect(obs[0]).toBeGreaterThanOrEqual(-0.6);
    expect(obs[0]).toBeLessThan(-0.4);
    expect(obs[1]).toBe(0);
    let steps = 0, done = false;
    while (!done) { const [, , te, tr] = env.step(1); steps++; done = te || tr; }
    expect(steps).toBe(200); // doing nothing never reaches the flag
    expect(() => new MountainCar().step(3)).toThrow(/action must be 0/);
  });
});

describe('Pendulum', () => {
  fx.pendulum.forEach((c, k) => {
    it(`trajectory ${k} with clipped torques matches observations and rewards to 1e-12`, () => {
      const env = new Pendulum();
      env.reset({ options: { state: c.start } });
      c.torques.forEach((u, t) => {
        const [obs, r, term, trunc] = env.step([u]);
        for (let i = 0; i < 3; i++) expect(Math.abs(obs[i] - c.observations[t][i]), `step ${t} obs ${i}`).toBeLessThan(1e-12);
        expect(Math.abs(r - c.rewards[t]), `step ${t} reward`).toBeLessThan(1e-12);
        expect(term || trunc).toBe(false);
      });
    });
  });

  it('angleNormalize wraps like Python\'s modulo, and Pendulum-v1 truncates at 200', () => {
    expect(angleNormalize(3 * Math.PI / 2)).toBeCloseTo(-Math.PI / 2, 14);
    expect(angleNormalize(-3 * Math.PI / 2)).toBeCloseTo(Math.PI / 2, 14);
    expect(angleNormalize(0.3)).toBeCloseTo(0.3, 15);
    const env = makePendulum();
    env.reset({ seed: 0 });
    let steps = 0, trunc = false;
    while (!trunc) { [, , , trunc] = env.step([0]); steps++; }
    expect(steps).toBe(200);
    expect(() => new Pendulum().step([1, 2])).toThrow(/one finite torque/);
  });
});

describe('Acrobot', () => {
  fx.acrobot.forEach((c, k) => {
    it(`trajectory ${k} (${c.actions.length} RK4 steps${c.terminated.at(-1) ? ', swings up' : ''}) matches to 1e-12`, () => {
      const env = new Acrobot();
      env.reset({ options: { state: c.start } });
      c.actions.forEach((a, t) => {
        const [obs, r, term] = env.step(a);
        for (let i = 0; i < 6; i++) expect(Math.abs(obs[i] - c.observations[t][i]), `step ${t} obs ${i}`).toBeLessThan(1e-12);
        expect(term).toBe(c.terminated[t]);
        expect(r).toBe(term ? 0 : -1);
      });
    });
  });

  it('resets near hanging down and Acrobot-v1 truncates at 500 steps', () => {
    const env = makeAcrobot();
    const [obs] = env.reset({ seed: 2 });
    expect(obs[0]).toBeGreaterThan(Math.cos(0.1) - 1e-12);
    let steps = 0, done = false;
    while (!done) { const [, , te, tr] = env.step(1); steps++; done = te || tr; }
    expect(steps).toBe(500); // no torque never swings up
    expect(() => new Acrobot().step(-1)).toThrow(/action must be 0/);
  });
});
