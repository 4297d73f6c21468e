/** Containers and shape helpers: Sequential, ModuleList, Flatten, Identity. */
import type { Tensor } from '../../tensor/index.js';
import { Module } from '../module.js';
import { ReLU } from './activation.js';
import { MaxPool2d } from './conv.js';

/**
 * Runs its modules in order, each one's output feeding the next. Children are named
 * '0', '1', …, so parameters read `0.weight`, `2.bias`, as in PyTorch. One fast path: a
 * `ReLU` followed by a `MaxPool2d` runs pool first, with the same values and gradients to
 * the bit (see `poolCommutes` below).
 *
 * ```ts
 * const mlp = new Sequential(new Linear(64, 128), new ReLU(), new Linear(128, 10));
 * ```
 */
export class Sequential extends Module {
  [index: number]: Module;
  readonly length: number;

  constructor(...modules: Module[]) {
    super();
    modules.forEach((m, i) => {
      if (!(m instanceof Module)) throw new TypeError(`Sequential: item ${i} is not a Module`);
      this[i] = m;
    });
    this.length = modules.length;
  }

  forward(x: Tensor): Tensor {
    let out: unknown = x;
    for (let i = 0; i < this.length; i++) {
      if (i + 1 < this.length && poolCommutes(this[i], this[i + 1])) {
        // ReLU then MaxPool2d, run as MaxPool2d then ReLU (see poolCommutes).
        out = this[i].forward(this[i + 1].forward(out) as Tensor);
        i++;
        continue;
      }
      out = (this[i].forward as (v: unknown) => unknown)(out);
    }
    return out as Tensor;
  }
}

/**
 * Whether `first` is a ReLU and `second` a MaxPool2d that may run in the other order. A
 * window's maximum commutes with a non-decreasing function: max(relu(x)) = relu(max(x)), the
 * same bits, and the gradient reaches the same element (the first maximum; relu's mask is 0
 * there exactly when the window's maximum is ≤ 0). NaN too: relu passes it on unchanged, as
 * pooling does, so a window with a NaN gives the same NaN, and its gradient, in either order.
 *
 * Pooling first, ReLU works on a quarter of the elements for a 2×2 pool, and a step allocates
 * two fewer full-size tensors (ReLU's output and its gradient). On the bench CNN, one epoch on
 * one thread took 6% less time, and 17% less on two data-parallel ranks (medians of five
 * alternations of the two versions, bench/distributed-rank.ts's loop; the README's kernels
 * section has the figures).
 *
 * Only these exact classes (a subclass may change `forward`) and only without forward hooks,
 * which would see the intermediate that the swap changes.
 */
function poolCommutes(first: Module, second: Module): boolean {
  return Object.getPrototypeOf(first) === ReLU.prototype && Object.getPrototypeOf(second) === MaxPool2d.prototype
    && !first.hasForwardHooks() && !second.hasForwardHooks();
}

/** A list of modules whose parameters the parent module sees; you decide how to call them. */
export class ModuleList<T extends Module = Module> extends Module {
  [index: number]: T;
  length = 0;

  constructor(modules: T[] = []) {
    super();
    for (const m of modules) this.append(m);
  }

  append(m: T): this {
    if (!(m instanceof Module)) throw new TypeError('ModuleList.append: expected a Module');
    this[this.length] = m;
    this.length++;
    return this;
  }

  *[Symbol.iterator](): Iterator<T> {
    for (let i = 0; i < this.length; i++) yield this[i];
  }

  /** The modules in order, as a plain array (`list.map(...)`, `list.forEach(...)` work like an array's). */
  toArray(): T[] {
    return [...this];
  }

  map<U>(f: (m: T, i: number) => U): U[] {
    return this.toArray().map(f);
  }

  forEach(f: (m: T, i: number) => void): void {
    this.toArray().forEach(f);
  }

  forward(): never {
    throw new Error('ModuleList has no forward: iterate over it and call each module');
  }
}

/** Flattens axes startAxis..endAxis into one; the default keeps the batch axis: (N, C, H, W) → (N, C·H·W). */
export class Flatten extends Module {
  constructor(readonly startAxis = 1, readonly endAxis = -1) { super(); }
  forward(x: Tensor): Tensor { return x.flatten(this.startAxis, this.endAxis); }
}

/** Returns its input unchanged (a placeholder, e.g. for an optional layer). */
export class Identity extends Module {
  forward(x: Tensor): Tensor { return x; }
}
