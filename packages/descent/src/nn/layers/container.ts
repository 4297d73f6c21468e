/** Containers and shape helpers: Sequential, ModuleList, Flatten, Identity. */
import type { Tensor } from '../../tensor/index.js';
import { Module } from '../module.js';

/**
 * Runs its modules in order, each one's output feeding the next. Children are named
 * '0', '1', …, so parameters read `0.weight`, `2.bias`, as in PyTorch.
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
    for (let i = 0; i < this.length; i++) out = (this[i].forward as (v: unknown) => unknown)(out);
    return out as Tensor;
  }
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
