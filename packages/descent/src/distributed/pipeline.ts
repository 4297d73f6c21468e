/**
 * Pipeline parallelism: the model's layers are cut into S stages, one per rank, and the
 * batch into M micro-batches, so that stage s can work on micro-batch m while stage s+1 works
 * on m−1. Two schedules:
 *
 * - GPipe (Huang et al., 2019): every micro-batch forward, then every backward. Stage s keeps
 *   the activations of all M micro-batches until its backwards start.
 * - 1F1B (PipeDream-Flush; Narayanan et al., 2021): stage s runs S−s−1 warm-up forwards,
 *   then alternates one forward and one backward, then drains. At most S−s micro-batches are
 *   in flight on stage s, whatever M is.
 *
 * With forward and backward each taking one tick, both take 2(M+S−1) ticks for 2M units of
 * work per stage, so the idle share (the "bubble") is (S−1)/(M+S−1) for both; 1F1B saves
 * activation memory, not time. Here the stages run in lock step: every tick each rank does
 * its next action if its input has arrived (or idles), then neighbours exchange activations
 * and gradients. Bubble and peak stored activations are counted from that run, not assumed.
 *
 * Each micro-batch's loss is divided by M, so with equal micro-batches the accumulated
 * gradients are those of the mean loss over the whole batch.
 *
 * ```ts
 * const stage = group.rank === 0 ? new Sequential(new Linear(8, 16), new ReLU()) : new Linear(16, 2);
 * const { loss, stats } = await pipelineStep(group, stage, {
 *   schedule: '1f1b', microBatches: 4, input: x, target: y, loss: (out, t) => F.mseLoss(out, t),
 * });
 * stats.bubbleFraction;   // (S−1)/(M+S−1) = 0.2
 * ```
 */
import { Tensor, tensor } from '../tensor/index.js';
import type { Module } from '../nn/index.js';
import type { Message } from './collectives.js';
import type { ProcessGroup } from './process-group.js';

export type PipelineSchedule = 'gpipe' | '1f1b';
export type PipelineAction = { kind: 'F' | 'B'; micro: number };

export interface PipelineOptions {
  schedule: PipelineSchedule;
  microBatches: number;
  /** The whole batch (first stage only); split along dimension 0. */
  input?: Tensor;
  /** The whole batch's targets and the loss of one micro-batch (last stage only). */
  target?: Tensor;
  loss?: (output: Tensor, target: Tensor) => Tensor;
}

export interface PipelineStats {
  /** Lock-step ticks until every stage finished. */
  ticks: number;
  /** Ticks this stage worked. */
  busyTicks: number;
  /** Idle share of all stages' ticks: 1 − Σ busy / (S · ticks). */
  bubbleFraction: number;
  /** Most micro-batches whose activations this stage held at once. */
  peakActivations: number;
}

/**
 * The order in which stage `rank` of `stages` runs its forwards and backwards.
 *
 * ```ts
 * pipelineOrder('1f1b', 0, 2, 3);   // F0 F1 B0 F2 B1 B2 (one warm-up forward, then alternate)
 * ```
 */
export function pipelineOrder(schedule: PipelineSchedule, rank: number, stages: number, micro: number): PipelineAction[] {
  const F = (m: number): PipelineAction => ({ kind: 'F', micro: m }), B = (m: number): PipelineAction => ({ kind: 'B', micro: m });
  const all = Array.from({ length: micro }, (_, m) => m);
  if (schedule === 'gpipe') return [...all.map(F), ...all.map(B)];
  const warm = Math.min(stages - rank - 1, micro), out = all.slice(0, warm).map(F);
  for (let i = 0; i < micro - warm; i++) out.push(F(warm + i), B(i));
  for (let i = micro - warm; i < micro; i++) out.push(B(i));
  return out;
}

// A message: [kind (0 activation, 1 gradient), micro-batch, ndim, ...shape, ...values].
function pack(kind: number, micro: number, t: Tensor): Float64Array {
  const v = t.toTypedArray();
  const out = new Float64Array(3 + t.ndim + v.length);
  out.set([kind, micro, t.ndim, ...t.shape]);
  for (let i = 0; i < v.length; i++) out[3 + t.ndim + i] = Number(v[i]);
  return out;
}

function unpack(d: Float64Array, dtype: 'float32' | 'float64'): { kind: number; micro: number; t: Tensor } {
  const ndim = d[2]!, shape = [...d.subarray(3, 3 + ndim)];
  const values = d.subarray(3 + ndim);
  return { kind: d[0]!, micro: d[1]!, t: tensor(dtype === 'float32' ? Float32Array.from(values) : Float64Array.from(values)).reshape(shape) };
}

/**
 * One training step's forward and backward through a pipeline whose stage on this rank is
 * `stage`. Gradients accumulate in the stage's parameters; step the optimizer afterwards.
 * Returns the batch's loss on the last stage (null elsewhere) and the measured schedule.
 */
export async function pipelineStep(group: ProcessGroup, stage: Module, options: PipelineOptions): Promise<{ loss: number | null; stats: PipelineStats }> {
  const { schedule, microBatches: M } = options;
  const S = group.worldSize, rank = group.rank, first = rank === 0, last = rank === S - 1;
  if (schedule !== 'gpipe' && schedule !== '1f1b') throw new RangeError(`pipelineStep: schedule must be 'gpipe' or '1f1b', got ${JSON.stringify(schedule)}`);
  if (!Number.isInteger(M) || M < 1) throw new RangeError(`pipelineStep: microBatches must be a positive integer, got ${M}`);
  if (first && options.input === undefined) throw new Error('pipelineStep: the first stage (rank 0) needs options.input');
  if (last && (options.target === undefined || options.loss === undefined)) throw new Error(`pipelineStep: the last stage (rank ${S - 1}) needs options.target and options.loss`);
  const split = (t: Tensor, m: number) => {
    const n = t.shape[0]!;
    if (n % M !== 0) throw new RangeError(`pipelineStep: the batch (${n} rows) must split into ${M} equal micro-batches`);
    return t.narrow(0, m * (n / M), n / M);
  };
  const dtype = (stage.parameters()[0]?.dtype ?? 'float32') as 'float32' | 'float64';

  const todo = pipelineOrder(schedule, rank, S, M);
  const arrived = { act: new Map<number, Tensor>(), grad: new Map<number, Tensor>() };
  const held = new Map<number, { input: Tensor; output: Tensor }>();
  let ticks = 0, busy = 0, peak = 0, loss = 0;
  for (;;) {
    let msg: Message = { to: -1, data: null };
    const next = todo[0];
    if (next !== undefined && next.kind === 'F' && (first || arrived.act.has(next.micro))) {
      todo.shift();
      const m = next.micro;
      let input = first ? split(options.input!, m) : arrived.act.get(m)!;
      arrived.act.delete(m);
      if (!first) { input = input.detach(); input.requiresGrad = true; }
      let output = stage.forward(input) as Tensor;
      if (last) {
        output = options.loss!(output, split(options.target!, m)).div(M);
        loss += Number(output.item());
      } else {
        msg = { to: rank + 1, data: pack(0, m, output) };
      }
      held.set(m, { input, output });
      peak = Math.max(peak, held.size);
      busy++;
    } else if (next !== undefined && next.kind === 'B' && (last || arrived.grad.has(next.micro))) {
      todo.shift();
      const m = next.micro, { input, output } = held.get(m)!;
      held.delete(m);
      if (last) output.backward(); else output.backward(arrived.grad.get(m)!);
      arrived.grad.delete(m);
      if (!first) msg = { to: rank - 1, data: pack(1, m, input.grad ?? tensor(new Float32Array(input.size)).reshape([...input.shape])) };
      busy++;
    }
    ticks++;
    const { received, notes } = await group.exchange(msg, todo.length);
    for (const r of received) {
      const { kind, micro, t } = unpack(r.data, dtype);
      (kind === 0 ? arrived.act : arrived.grad).set(micro, t);
    }
    if (notes.every((n) => n === 0)) break;
  }
  const total = (await group.allReduce(new Float64Array([busy])))[0]!;
  return {
    loss: last ? loss : null,
    stats: { ticks, busyTicks: busy, bubbleFraction: 1 - total / (S * ticks), peakActivations: peak },
  };
}
