import { describe, expect, it } from 'vitest';
import { tensor } from 'descent/tensor';
import { Racer } from '../../src/client/playgrounds/optimizers/race.js';
import { OPTIMIZER_NAMES, SURFACES, SURFACE_NAMES, bandLevels, surfaceGrid } from '../../src/client/playgrounds/optimizers/surfaces.js';

/** ∇f of Rosenbrock by hand: (−2(1 − x) − 400x(y − x²), 200(y − x²)). */
const rosenGrad = (x: number, y: number) => [-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)];

describe('optimizer race surfaces', () => {
  it.each(SURFACE_NAMES)('%s: the gradient vanishes at every marked minimum, and f there is the grid\'s lowest', (name) => {
    const s = SURFACES[name];
    const z = surfaceGrid(s, 60);
    const gridMin = Math.min(...z);
    for (const [mx, my] of s.minima) {
      const x = tensor(mx, { dtype: 'float64' }).requiresGrad_();
      const y = tensor(my, { dtype: 'float64' }).requiresGrad_();
      const f = s.f(x, y);
      f.backward();
      expect(Math.abs(x.grad!.item())).toBeLessThan(1e-4);
      expect(Math.abs(y.grad!.item())).toBeLessThan(1e-4);
      expect(f.item()).toBeLessThanOrEqual(gridMin + 1e-9);
    }
  });

  it('the known minimum values: 0 for bowl, Rosenbrock and Himmelblau, −¼ for the saddle', () => {
    const at = (name: keyof typeof SURFACES, x: number, y: number) => SURFACES[name].f(tensor(x, { dtype: 'float64' }), tensor(y, { dtype: 'float64' })).item();
    expect(at('bowl', 0, 0)).toBe(0);
    expect(at('rosenbrock', 1, 1)).toBe(0);
    expect(at('himmelblau', 3, 2)).toBe(0);
    expect(at('saddle', 0, 1)).toBe(-0.25);
    expect(at('saddle', 0, 0)).toBe(0); // the saddle point itself
  });

  it('surfaceGrid: row 0 is the top edge, columns run left to right', () => {
    const s = SURFACES.rosenbrock;
    const z = surfaceGrid(s, 4);
    // Cell (row 0, col 0) is centred at (x0 + ¼·½·4, y1 − ¼·½·4) = (−1.5, 2.5).
    expect(z[0]).toBeCloseTo((1 + 1.5) ** 2 + 100 * (2.5 - 2.25) ** 2, 10);
    expect(z[15]).toBeCloseTo((1 - 1.5) ** 2 + 100 * (-0.5 - 2.25) ** 2, 10);
  });

  it('bandLevels: values in [0, 1], the lowest point in band 0, monotone in f', () => {
    const z = Float64Array.from([0, 1, 10, 100, 1000]);
    const b = Array.from(bandLevels(z, 10));
    expect(b[0]).toBe(0);
    expect(b[4]).toBe(1);
    for (let i = 1; i < b.length; i++) expect(b[i]).toBeGreaterThanOrEqual(b[i - 1]);
  });
});

describe('optimizer racers', () => {
  it('SGD\'s first step is θ − η·∇f with the hand-derived Rosenbrock gradient', () => {
    const r = new Racer('sgd', SURFACES.rosenbrock, [-1.5, 2.5], 0.001);
    r.step();
    const [gx, gy] = rosenGrad(-1.5, 2.5);
    expect(r.path[1][0]).toBeCloseTo(-1.5 - 0.001 * gx, 12);
    expect(r.path[1][1]).toBeCloseTo(2.5 - 0.001 * gy, 12);
  });

  it('momentum\'s second step follows b ← 0.9·b + g, θ ← θ − η·b', () => {
    const lr = 0.0005;
    const r = new Racer('momentum', SURFACES.rosenbrock, [-1.5, 2.5], lr);
    r.step();
    r.step();
    const g0 = rosenGrad(-1.5, 2.5);
    const p1 = [-1.5 - lr * g0[0], 2.5 - lr * g0[1]];
    const g1 = rosenGrad(p1[0], p1[1]);
    const b1 = [0.9 * g0[0] + g1[0], 0.9 * g0[1] + g1[1]];
    expect(r.path[2][0]).toBeCloseTo(p1[0] - lr * b1[0], 12);
    expect(r.path[2][1]).toBeCloseTo(p1[1] - lr * b1[1], 12);
  });

  it('Adam\'s first step moves each coordinate by η against the gradient\'s sign (bias-corrected m/√v = ±1)', () => {
    const r = new Racer('adam', SURFACES.himmelblau, [-0.3, -0.9], 0.1);
    r.step();
    expect(Math.abs(r.path[1][0] + 0.3)).toBeCloseTo(0.1, 6);
    expect(Math.abs(r.path[1][1] + 0.9)).toBeCloseTo(0.1, 6);
  });

  it.each(OPTIMIZER_NAMES)('%s lowers the loss on every surface with its default learning rate', (name) => {
    for (const s of SURFACE_NAMES) {
      const surface = SURFACES[s];
      const r = new Racer(name, surface, surface.start, surface.lr[name]);
      const start = r.loss;
      for (let i = 0; i < 200; i++) r.step();
      expect(r.diverged).toBe(false);
      expect(r.loss).toBeLessThan(start);
    }
  });

  it('a run that blows up is marked diverged and stops', () => {
    const r = new Racer('sgd', SURFACES.rosenbrock, [-1.5, 2.5], 1);
    let steps = 0;
    while (r.step()) steps++;
    expect(r.diverged).toBe(true);
    expect(r.step()).toBe(false);
    expect(r.path).toHaveLength(steps + 1);
    for (const [x, y] of r.path) expect(Number.isFinite(x) && Number.isFinite(y)).toBe(true);
  });
});
