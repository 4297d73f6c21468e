/**
 * The optimizer base: parameter groups with their own options, per-parameter state, and
 * the update written once per algorithm in `step()`. Updates happen in place, inside
 * `noGrad`, so every module holding a parameter sees the new values.
 */
import { noGrad, type Tensor } from '../tensor/index.js';

export interface ParamGroup<O> {
  params: Tensor[];
  options: O;
}

export type ParamsArg<O> = Tensor[] | { params: Tensor[]; options?: Partial<O> }[];

export abstract class Optimizer<O extends { lr: number }> {
  readonly paramGroups: ParamGroup<O>[];
  /** Per-parameter state (momentum buffers, moment estimates, step counts). */
  protected readonly state = new Map<Tensor, Record<string, Tensor | number>>();

  constructor(params: ParamsArg<O>, defaults: O, name: string) {
    const list = params as unknown[];
    if (!Array.isArray(list) || list.length === 0) throw new RangeError(`${name}: got an empty parameter list; pass model.parameters()`);
    const groups = list.every((p) => typeof p === 'object' && p !== null && 'params' in (p as object))
      ? (params as { params: Tensor[]; options?: Partial<O> }[])
      : [{ params: params as Tensor[] }];
    this.paramGroups = groups.map((g) => ({ params: [...g.params], options: { ...defaults, ...(g.options ?? {}) } }));
    for (const g of this.paramGroups) {
      this.validate(g.options, name);
      for (const p of g.params) {
        if (!p.requiresGrad) throw new Error(`${name}: a parameter does not require gradients, so it can never be updated; set requiresGrad or leave it out`);
      }
    }
  }

  /** Checks options; subclasses add their own ranges. */
  protected validate(o: O, name: string): void {
    if (!(o.lr >= 0)) throw new RangeError(`${name}: lr must be a number >= 0, got ${o.lr}`);
  }

  /** Clears every parameter's gradient (sets it to null). */
  zeroGrad(): void {
    for (const g of this.paramGroups) for (const p of g.params) p.grad = null;
  }

  /** Applies one update to every parameter that has a gradient. */
  step(): void {
    noGrad(() => {
      for (const g of this.paramGroups) {
        for (const p of g.params) {
          if (p.grad === null) continue;
          let s = this.state.get(p);
          if (s === undefined) { s = {}; this.state.set(p, s); }
          this.update(p, p.grad, s, g.options);
        }
      }
    });
  }

  /** One algorithm's update of parameter `p` with gradient `g`. */
  protected abstract update(p: Tensor, g: Tensor, state: Record<string, Tensor | number>, o: O): void;
}
