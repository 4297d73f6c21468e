/**
 * fit: the history it records, early stopping on scripted validation curves, the best
 * weights (restored, and as checkpoint bytes), schedulers, progress events and errors.
 * Expected values are derived independently: losses by evaluating the model again,
 * learning rates from the schedule's formula, stopping epochs by reading the curve.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Tensor, manualSeed, randn, tensor } from '../../src/tensor/index.js';
import { Generator } from '../../src/random/index.js';
import { F, Linear, MSELoss, ReLU, Sequential, loadState, type StateDict } from '../../src/nn/index.js';
import { Adam, OneCycleLR, ReduceLROnPlateau, SGD, StepLR } from '../../src/optim/index.js';
import { DataLoader, TensorDataset, accuracy, evaluate, fit, type FitEvent } from '../../src/data/index.js';

/** Two Gaussian classes in 2-D: 90 training rows, 30 validation rows. */
function classification() {
  manualSeed(0);
  const X = randn([120, 2]);
  const y = X.select(1, 0).add(X.select(1, 1)).gt(0).astype('int32');
  const train = new TensorDataset(X.narrow(0, 0, 90), y.narrow(0, 0, 90));
  const val = new TensorDataset(X.narrow(0, 90, 30), y.narrow(0, 90, 30));
  const model = new Sequential(new Linear(2, 8), new ReLU(), new Linear(8, 2));
  return {
    model,
    // 90 rows in batches of 25: the last batch holds 15, so sample weighting matters.
    trainLoader: new DataLoader(train, { batchSize: 25, shuffle: true, generator: new Generator(3) }),
    valLoader: new DataLoader(val, { batchSize: 7 }),
  };
}

/**
 * A regression model with a validation set whose monitored metric follows `curve`: the
 * metric returns the next value each time it is called on the validation batch (one
 * call per epoch), whatever the model does.
 */
function scripted(curve: number[]) {
  manualSeed(1);
  const X = randn([16, 2]);
  const y = X.matmul(tensor([[1], [-2]]));
  const valX = randn([4, 2]);
  const valY = valX.matmul(tensor([[1], [-2]]));
  let calls = 0;
  const script = (_out: Tensor, target: Tensor) => (target === valY ? curve[calls++] : 0);
  const model = new Linear(2, 1);
  return {
    model,
    train: [[X.narrow(0, 0, 8), y.narrow(0, 0, 8)], [X.narrow(0, 8, 8), y.narrow(0, 8, 8)]],
    val: [[valX, valY]],
    metrics: { script },
    optimizer: new SGD(model.parameters(), { lr: 0.05 }),
  };
}

const copyState = (s: StateDict): Record<string, number[]> => Object.fromEntries(Object.entries(s).map(([k, t]) => [k, Array.from(t.toTypedArray())]));

describe('fit: history', () => {
  it('records one entry per epoch with train/val loss, metrics, lr and time', () => {
    const { model, trainLoader, valLoader } = classification();
    const events: FitEvent[] = [];
    const { history, monitor } = fit(model, trainLoader, {
      optimizer: new Adam(model.parameters(), { lr: 0.02 }), loss: F.crossEntropy, epochs: 6,
      valLoader, metrics: { accuracy }, progress: (e) => events.push(e),
    });
    expect(history.map((h) => h.epoch)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(monitor).toBe('valLoss');
    for (const h of history) {
      expect(Object.keys(h).sort()).toEqual(['epoch', 'lr', 'seconds', 'trainAccuracy', 'trainLoss', 'valAccuracy', 'valLoss']);
      expect(h.lr).toBe(0.02);
      expect(h.seconds).toBeGreaterThanOrEqual(0);
    }
    expect(history[5].trainLoss).toBeLessThan(history[0].trainLoss);
    expect(history[5].valAccuracy).toBeGreaterThan(0.8);
    // The last epoch's validation numbers are the final model's: evaluate it again.
    const again = evaluate(model, valLoader, { loss: F.crossEntropy, metrics: { accuracy } });
    expect(history[5].valLoss).toBeCloseTo(again.loss, 6);
    expect(history[5].valAccuracy).toBeCloseTo(again.accuracy, 10);
    // trainLoss weights each batch by its size (25, 25, 25, 15), from the batch events.
    const sizes = [25, 25, 25, 15];
    const epoch2 = events.filter((e): e is Extract<FitEvent, { type: 'batch' }> => e.type === 'batch' && e.epoch === 2);
    const weighted = epoch2.reduce((s, e, i) => s + e.loss * sizes[i], 0) / 90;
    expect(history[1].trainLoss).toBeCloseTo(weighted, 6);
  });

  it('sends start, batch, epoch and end events to a progress callback', () => {
    const { model, trainLoader } = classification();
    const events: FitEvent[] = [];
    fit(model, trainLoader, { optimizer: new SGD(model.parameters(), { lr: 0.1 }), loss: F.crossEntropy, epochs: 3, progress: (e) => events.push(e) });
    expect(events[0]).toEqual({ type: 'start', epochs: 3, batches: 4 });
    expect(events.filter((e) => e.type === 'batch')).toHaveLength(12);
    expect(events.filter((e) => e.type === 'epoch').map((e) => (e as { epoch: number }).epoch)).toEqual([1, 2, 3]);
    expect(events.at(-1)).toEqual({ type: 'end', epochsRun: 3, stoppedEarly: false, bestEpoch: expect.any(Number) });
    const batchNumbers = events.filter((e) => e.type === 'batch' && e.epoch === 2).map((e) => (e as { batch: number }).batch);
    expect(batchNumbers).toEqual([1, 2, 3, 4]);
  });

  it("'bar' prints one line per epoch without a terminal, and redraws with \\r on one", () => {
    const { model, trainLoader } = classification();
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const stdout = process.stdout as { isTTY?: boolean };
    const wasTTY = stdout.isTTY;
    try {
      stdout.isTTY = false;
      fit(model, trainLoader, { optimizer: new SGD(model.parameters(), { lr: 0.1 }), loss: F.crossEntropy, epochs: 2, progress: 'bar' });
      expect(log.mock.calls.map((c) => String(c[0]).slice(0, 9))).toEqual(['Epoch 1/2', 'Epoch 2/2']);
      stdout.isTTY = true;
      const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
      fit(model, trainLoader, { optimizer: new SGD(model.parameters(), { lr: 0.1 }), loss: F.crossEntropy, epochs: 2, progress: 'bar' });
      const written = write.mock.calls.map((c) => String(c[0]));
      write.mockRestore();
      expect(written.some((w) => /^\rEpoch 1\/2 \[[#-]{24}\] \d\/4 loss \d/.test(w))).toBe(true);
      expect(written.filter((w) => w.endsWith('\n'))).toHaveLength(2);
    } finally {
      stdout.isTTY = wasTTY;
      log.mockRestore();
    }
  });
});

describe('fit: schedulers', () => {
  it('steps a per-epoch scheduler once per epoch: lr follows StepLR', () => {
    const { model, trainLoader } = classification();
    const optimizer = new SGD(model.parameters(), { lr: 0.1 });
    const { history } = fit(model, trainLoader, { optimizer, loss: F.crossEntropy, epochs: 4, scheduler: new StepLR(optimizer, { stepSize: 1, gamma: 0.5 }), progress: false });
    expect(history.map((h) => h.lr)).toEqual([0.1, 0.05, 0.025, 0.0125]);
  });

  it('steps OneCycleLR once per batch by default (totalSteps = epochs × batches)', () => {
    const { model, trainLoader } = classification();
    const optimizer = new SGD(model.parameters(), { lr: 0.1 });
    const scheduler = new OneCycleLR(optimizer, { maxLr: 0.5, totalSteps: 3 * 4 });
    const { history } = fit(model, trainLoader, { optimizer, loss: F.crossEntropy, epochs: 3, scheduler, progress: false });
    expect(history[0].lr).toBeCloseTo(0.5 / 25, 12);
    expect(scheduler.lastEpoch).toBe(11);   // stepped after every batch but the run's last
  });

  it('hands ReduceLROnPlateau the monitored value', () => {
    const s = scripted([1, 1, 1, 1, 1]);
    const scheduler = new ReduceLROnPlateau(s.optimizer, { patience: 1, factor: 0.5 });
    const { history } = fit(s.model, s.train, { optimizer: s.optimizer, loss: F.mseLoss, epochs: 5, valLoader: s.val, metrics: s.metrics, monitor: 'valScript', scheduler, progress: false });
    // Best after epoch 1; epochs 2, 3 are bad → cut after epoch 3; then 4, 5 → cut after 5.
    expect(history.map((h) => h.lr)).toEqual([0.05, 0.05, 0.05, 0.025, 0.025]);
    expect(s.optimizer.paramGroups[0].options.lr).toBe(0.0125);
  });
});

describe('fit: early stopping and the best weights', () => {
  const curve = [1.0, 0.8, 0.6, 0.65, 0.7, 0.62, 0.9, 0.5];

  it('stops after `patience` epochs without improvement', () => {
    const s = scripted(curve);
    const r = fit(s.model, s.train, { optimizer: s.optimizer, loss: F.mseLoss, epochs: 8, valLoader: s.val, metrics: s.metrics, monitor: 'valScript', earlyStopping: { patience: 3 }, progress: false });
    // Best 0.6 at epoch 3; epochs 4, 5, 6 do not beat it → stop after 6 (0.5 at epoch 8 never seen).
    expect(r.history.map((h) => h.valScript)).toEqual(curve.slice(0, 6));
    expect([r.bestEpoch, r.bestValue, r.stoppedEarly]).toEqual([3, 0.6, true]);
  });

  it('counts only improvements larger than minDelta, and runs to the end without a stall', () => {
    const s = scripted([1.0, 0.97, 0.95, 0.5, 0.49]);
    const r = fit(s.model, s.train, { optimizer: s.optimizer, loss: F.mseLoss, epochs: 5, valLoader: s.val, metrics: s.metrics, monitor: 'valScript', earlyStopping: { patience: 2, minDelta: 0.1 }, progress: false });
    // 0.97 and 0.95 are within 0.1 of 1.0: two stalled epochs → stop after epoch 3.
    expect([r.history.length, r.bestEpoch, r.stoppedEarly]).toEqual([3, 1, true]);
    const t = scripted([1.0, 0.8, 0.6]);
    const r2 = fit(t.model, t.train, { optimizer: t.optimizer, loss: F.mseLoss, epochs: 3, valLoader: t.val, metrics: t.metrics, monitor: 'valScript', earlyStopping: { patience: 1 }, progress: false });
    expect([r2.history.length, r2.bestEpoch, r2.stoppedEarly]).toEqual([3, 3, false]);
  });

  it("mode 'max' (inferred for accuracy names, or given) treats larger as better", () => {
    const s = scripted([0.5, 0.7, 0.6, 0.65]);
    const r = fit(s.model, s.train, { optimizer: s.optimizer, loss: F.mseLoss, epochs: 4, valLoader: s.val, metrics: s.metrics, monitor: 'valScript', mode: 'max', earlyStopping: { patience: 1 }, progress: false });
    expect([r.history.length, r.bestEpoch, r.bestValue]).toEqual([3, 2, 0.7]);
  });

  it('restoreBestWeights loads the best epoch back; without it the last weights stay', () => {
    for (const restore of [true, false]) {
      const s = scripted(curve);
      const snapshots: Record<string, number[]>[] = [];
      const r = fit(s.model, s.train, {
        optimizer: s.optimizer, loss: F.mseLoss, epochs: 8, valLoader: s.val, metrics: s.metrics, monitor: 'valScript',
        earlyStopping: { patience: 3, restoreBestWeights: restore },
        progress: (e) => { if (e.type === 'epoch') snapshots.push(copyState(s.model.stateDict())); },
      });
      const final = copyState(s.model.stateDict());
      expect(snapshots).toHaveLength(6);
      expect(snapshots[2]).not.toEqual(snapshots[5]);   // training did move the weights
      expect(final).toEqual(restore ? snapshots[2] : snapshots[5]);
      expect(copyState(r.bestState!)).toEqual(snapshots[2]);
    }
  });

  it('onCheckpoint receives saveState bytes of each new best, which load back into a fresh model', () => {
    const s = scripted(curve);
    const saved: { bytes: Uint8Array; epoch: number; value: number }[] = [];
    const snapshots: Record<string, number[]>[] = [];
    fit(s.model, s.train, {
      optimizer: s.optimizer, loss: F.mseLoss, epochs: 5, valLoader: s.val, metrics: s.metrics, monitor: 'valScript',
      onCheckpoint: (bytes, info) => saved.push({ bytes, ...info }),
      progress: (e) => { if (e.type === 'epoch') snapshots.push(copyState(s.model.stateDict())); },
    });
    expect(saved.map((c) => [c.epoch, c.value])).toEqual([[1, 1.0], [2, 0.8], [3, 0.6]]);
    const { state, meta } = loadState(saved[2].bytes);
    expect(meta).toEqual({ epoch: 3, monitor: 'valScript', value: 0.6 });
    const fresh = new Linear(2, 1);
    fresh.loadStateDict(state);
    expect(copyState(fresh.stateDict())).toEqual(snapshots[2]);
  });
});

describe('fit: input checks', () => {
  const { model, trainLoader } = classification();
  const optimizer = new SGD(model.parameters(), { lr: 0.1 });
  const base = { optimizer, loss: F.crossEntropy, epochs: 1, progress: false as const };

  afterEach(() => vi.restoreAllMocks());

  it('explains bad options', () => {
    expect(() => fit(model, trainLoader, { ...base, epochs: 0 })).toThrow(/epochs must be a positive integer, got 0/);
    expect(() => fit(model, trainLoader, { ...base, optimizer: undefined as never })).toThrow(/optimizer is missing.*new Adam/);
    expect(() => fit(model, trainLoader, { ...base, loss: undefined as never })).toThrow(/loss is missing.*F\.crossEntropy/);
    expect(() => fit(model, trainLoader, { ...base, monitor: 'valLoss' })).toThrow(/monitor 'valLoss' is not in the history; choose one of trainLoss \(pass valLoader/);
    expect(() => fit(model, trainLoader, { ...base, earlyStopping: { patience: -1 } })).toThrow(/patience must be an integer >= 0, got -1/);
    expect(() => fit(model, trainLoader, { ...base, earlyStopping: { minDelta: -0.1 } })).toThrow(/minDelta must be a number >= 0/);
    expect(() => fit(model, trainLoader, { ...base, mode: 'up' as never })).toThrow(/mode must be 'min' or 'max'/);
    expect(() => fit(model, trainLoader, { ...base, scheduler: new ReduceLROnPlateau(optimizer), schedulerInterval: 'batch' })).toThrow(/ReduceLROnPlateau needs the monitored value once per epoch/);
    expect(() => fit(model, [], base)).toThrow(/training loader has no batches/);
    expect(() => fit({} as never, trainLoader, base)).toThrow(/first argument must be a Module/);
  });

  it('explains bad batches, outputs and losses', () => {
    const X = randn([4, 2]);
    const y = tensor([0, 1, 0, 1], { dtype: 'int32' });
    expect(() => fit(model, [[X]] as never, base)).toThrow(/each training batch must be \[input, target\] tensors/);
    expect(() => fit(model, [[X, y]], { ...base, loss: (out: Tensor) => out })).toThrow(/loss must return a scalar tensor/);
    const diverging = new Linear(2, 1);
    const sgd = new SGD(diverging.parameters(), { lr: 1e30 });
    const yr = tensor([[1e20], [-1e20], [1e20], [-1e20]]);
    expect(() => fit(diverging, [[X, yr], [X, yr], [X, yr]], { ...base, optimizer: sgd, loss: new MSELoss(), epochs: 3 })).toThrow(/training loss is (NaN|Infinity) at epoch 1, batch \d; lower the learning rate/);
  });
});
