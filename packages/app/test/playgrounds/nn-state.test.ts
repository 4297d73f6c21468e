import { describe, expect, it } from 'vitest';
import { DEFAULT_STATE, decodeState, defaultState, encodeState, type NNState } from '../../src/client/playgrounds/nn/state.js';

const decode = (q: string) => decodeState(new URLSearchParams(q));

describe('NN playground URL state', () => {
  it('an empty query gives the defaults', () => {
    expect(decode('')).toEqual(defaultState());
  });

  it('round-trips a non-default state through the query string', () => {
    const s: NNState = {
      problem: 'regression', dataset: 'bumps', noise: 35, trainRatio: 70, batchSize: 17,
      features: ['x1', 'x2sq', 'sinx1'], layers: [8, 1, 3, 6, 2, 5], activation: 'relu',
      learningRate: 0.003, regularization: 'L1', regRate: 0.3, seed: 123456,
    };
    const q = encodeState(s).toString();
    expect(decodeState(new URLSearchParams(q))).toEqual(s);
  });

  it('round-trips no hidden layers (a linear model) as an empty list', () => {
    const s = { ...defaultState(), layers: [] };
    expect(decodeState(encodeState(s)).layers).toEqual([]);
  });

  it('reads numbers written differently (3e-2 is 0.03)', () => {
    expect(decode('lr=3e-2').learningRate).toBe(0.03);
  });

  it.each([
    ['problem=banana', 'problem', DEFAULT_STATE.problem],
    ['dataset=moons', 'dataset', 'circle'],
    ['noise=7', 'noise', DEFAULT_STATE.noise],
    ['noise=55', 'noise', DEFAULT_STATE.noise],
    ['noise=abc', 'noise', DEFAULT_STATE.noise],
    ['train=95', 'trainRatio', DEFAULT_STATE.trainRatio],
    ['batch=0', 'batchSize', DEFAULT_STATE.batchSize],
    ['batch=2.5', 'batchSize', DEFAULT_STATE.batchSize],
    ['act=gelu', 'activation', DEFAULT_STATE.activation],
    ['lr=0.5', 'learningRate', DEFAULT_STATE.learningRate],
    ['lr=', 'learningRate', DEFAULT_STATE.learningRate],
    ['reg=L3', 'regularization', DEFAULT_STATE.regularization],
    ['seed=-4', 'seed', DEFAULT_STATE.seed],
  ] as const)('%s falls back to the default %s', (q, key, expected) => {
    expect(decode(q)[key]).toEqual(expected);
  });

  it.each(['9', '1,2,3,4,5,6,7', '0', '2,,3', 'a,b', '-1'])('layers=%s (invalid) falls back to the default layers', (l) => {
    expect(decode(`layers=${encodeURIComponent(l)}`).layers).toEqual(DEFAULT_STATE.layers);
  });

  it('keeps the known features (in canonical order) and drops unknown ones', () => {
    expect(decode('features=sinx2,foo,x1').features).toEqual(['x1', 'sinx2']);
    expect(decode('features=foo,bar').features).toEqual(DEFAULT_STATE.features);
    expect(decode('features=').features).toEqual(DEFAULT_STATE.features);
  });

  it('a dataset of the other problem type falls back to that problem\'s first dataset', () => {
    expect(decode('problem=regression&dataset=spiral').dataset).toBe('plane');
    expect(decode('problem=classification&dataset=plane').dataset).toBe('circle');
  });

  it('no regularization means a rate of 0, whatever the URL says', () => {
    expect(decode('reg=none&regRate=0.3').regRate).toBe(0);
    expect(decode('reg=L2&regRate=0.3').regRate).toBe(0.3);
    expect(decode('reg=L2&regRate=0.2').regRate).toBe(DEFAULT_STATE.regRate);
  });

  it('encodes every key, so a link does not depend on future defaults', () => {
    const keys = [...encodeState(defaultState()).keys()].sort();
    expect(keys).toEqual(['act', 'batch', 'dataset', 'features', 'layers', 'lr', 'noise', 'problem', 'reg', 'regRate', 'seed', 'train']);
  });

  it('defaultState returns fresh arrays', () => {
    const a = defaultState();
    a.layers.push(3);
    expect(defaultState().layers).toEqual([4, 2]);
  });
});
