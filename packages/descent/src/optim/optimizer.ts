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

/** One parameter's buffers: momentum, moment estimates, step counts. */
export type ParamState = Record<string, Tensor | number>;

/**
 * What `stateDict()` returns, laid out as PyTorch's `optimizer.state_dict()`: parameters are
 * named by their position counting through all groups in order (0, 1, …), so the dict can
 * be loaded into an optimizer built the same way over other tensors (a reloaded model).
 */
export interface OptimizerStateDict<O> {
  /** Buffers by parameter position; a parameter that has never been stepped has no entry. */
  state: Record<number, ParamState>;
  /** Each group's options and the positions of its parameters. */
  paramGroups: (O & { params: number[] })[];
}

// Tensors are cloned because step() updates them in place; option arrays (Adam's betas) too.
function copyState(s: ParamState): ParamState {
  return Object.fromEntries(Object.entries(s).map(([k, v]) => [k, typeof v === 'number' ? v : v.clone()]));
}

function copyOptions<O extends object>(o: O): O {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, Array.isArray(v) ? [...v] : v])) as O;
}

/** `weight_decay` → `weightDecay`. */
const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

function checkOptionNames(given: object, known: object, name: string): void {
  for (const key of Object.keys(given)) {
    if (key in known) continue;
    const hint = camel(key) in known ? ` Did you mean "${camel(key)}"? Options are camelCase here.` : '';
    throw new Error(`${name}: unknown option "${key}".${hint} ${name}'s options are: ${Object.keys(known).join(', ')}.`);
  }
}

export abstract class Optimizer<O extends { lr: number }> {
  readonly paramGroups: ParamGroup<O>[];
  /** Per-parameter state (momentum buffers, moment estimates, step counts). */
  protected readonly state = new Map<Tensor, ParamState>();

  /**
   * `defaults` lists every option the algorithm knows; `options` (and each group's options)
   * may only use those names: an unknown one (`weight_decay`, or `maximize` where the
   * algorithm has none) is an error rather than silently ignored.
   */
  constructor(params: ParamsArg<O>, defaults: O, name: string, options: Partial<O> = {}) {
    checkOptionNames(options, defaults, name);
    defaults = { ...defaults, ...options };
    const list = params as unknown[];
    if (!Array.isArray(list) || list.length === 0) throw new RangeError(`${name}: got an empty parameter list; pass model.parameters()`);
    const groups = list.every((p) => typeof p === 'object' && p !== null && 'params' in (p as object))
      ? (params as { params: Tensor[]; options?: Partial<O> }[])
      : [{ params: params as Tensor[] }];
    for (const g of groups) checkOptionNames(g.options ?? {}, defaults, name);
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

  /**
   * A snapshot of the optimizer: every group's options and each stepped parameter's
   * buffers, keyed by position as in PyTorch. Unlike PyTorch, which hands out the live
   * buffers (so a saved dict changes as training goes on unless it is deep-copied), this
   * returns copies: it is a checkpoint.
   *
   * ```ts
   * const opt = new Adam(model.parameters(), { lr: 1e-3 });
   * // … train …
   * const saved = opt.stateDict();          // { state: { 0: { step, expAvg, expAvgSq }, … }, paramGroups: [{ lr, …, params: [0, 1, …] }] }
   * const resumed = new Adam(model.parameters());
   * resumed.loadStateDict(saved);           // same moments, step counts and lr: training continues as if uninterrupted
   * ```
   */
  stateDict(): OptimizerStateDict<O> {
    const state: Record<number, ParamState> = {};
    let index = 0;
    const paramGroups = this.paramGroups.map((g) => {
      const params = g.params.map((p) => {
        const s = this.state.get(p);
        if (s !== undefined) state[index] = copyState(s);
        return index++;
      });
      return { ...copyOptions(g.options), params };
    });
    return { state, paramGroups };
  }

  /**
   * Puts back a `stateDict()`: the saved groups' options (learning rates included) replace
   * the current ones, and the saved buffers (copied) become this optimizer's state, matched
   * to this optimizer's parameters by position. The groups must have the same sizes.
   */
  loadStateDict(saved: OptimizerStateDict<O>): void {
    const name = `${this.constructor.name}.loadStateDict`;
    if (saved === null || typeof saved !== 'object' || !Array.isArray(saved.paramGroups) || typeof saved.state !== 'object' || saved.state === null) {
      throw new TypeError(`${name}: expected { state, paramGroups } as returned by stateDict()`);
    }
    if (saved.paramGroups.length !== this.paramGroups.length) {
      throw new RangeError(`${name}: the saved state has ${saved.paramGroups.length} parameter group(s) but this optimizer has ${this.paramGroups.length}; build the optimizer with the same groups as the one that was saved`);
    }
    // Check everything before changing anything, so a failed load leaves the optimizer as it was.
    const state = new Map<Tensor, ParamState>();
    const options = saved.paramGroups.map((sg, i) => {
      const params = this.paramGroups[i].params;
      if (!Array.isArray(sg.params) || sg.params.length !== params.length) {
        throw new RangeError(`${name}: parameter group ${i} has ${sg.params?.length} parameter(s) in the saved state but ${params.length} here; build the optimizer with the same groups as the one that was saved`);
      }
      sg.params.forEach((index, j) => {
        const s = saved.state[index];
        if (s === undefined) return;
        const p = params[j];
        for (const [k, v] of Object.entries(s)) {
          if (typeof v !== 'number' && (v.shape.length !== p.shape.length || v.shape.some((d, a) => d !== p.shape[a]))) {
            throw new RangeError(`${name}: the saved ${k} of parameter ${index} has shape (${v.shape.join(',')}) but the parameter has shape (${p.shape.join(',')}); was the state saved from the same model?`);
          }
        }
        state.set(p, copyState(s));
      });
      const { params: _, ...o } = sg;
      const merged = copyOptions({ ...this.paramGroups[i].options, ...o } as O);
      this.validate(merged, this.constructor.name);
      return merged;
    });
    options.forEach((o, i) => { Object.assign(this.paramGroups[i].options, o); });
    this.state.clear();
    for (const [p, s] of state) this.state.set(p, s);
  }

  /** One algorithm's update of parameter `p` with gradient `g`. */
  protected abstract update(p: Tensor, g: Tensor, state: ParamState, o: O): void;
}
