/**
 * `Module`: the building block of neural networks, shaped like PyTorch's `nn.Module`.
 *
 * A module holds parameters (tensors that training updates), buffers (state that is saved
 * but not trained, like BatchNorm's running mean) and child modules, found by looking at
 * the instance's own properties in the order they were assigned: a `Parameter` is a
 * parameter, a `Module` is a child, and names passed to `registerBuffer` are buffers. So
 * names in `stateDict()` read like PyTorch's: `layers.0.weight`.
 *
 * ```ts
 * class TwoLayer extends Module {
 *   fc1 = new Linear(4, 8);
 *   fc2 = new Linear(8, 3);
 *   forward(x: Tensor) { return this.fc2.forward(this.fc1.forward(x).relu()); }
 * }
 * const net = new TwoLayer();
 * net.parameters().length;   // 4: two weights, two biases
 * String(net);               // the architecture with parameter counts
 * ```
 */
import { Tensor, noGrad } from '../tensor/index.js';

/** A tensor that a module trains: a leaf that requires gradients. */
export class Parameter extends Tensor {
  constructor(t: Tensor, requiresGrad = true) {
    const own = t.contiguous().detach();
    const data = own.offset === 0 && own.data.length === own.size ? own.data : own.toTypedArray();
    super(data, t.shape, t.dtype);
    if (requiresGrad) this.requiresGrad = true;
  }
}

export type ForwardHook = (module: Module, inputs: unknown[], output: unknown) => unknown;

export interface StateDict { [name: string]: Tensor }

export abstract class Module {
  /** `true` in training mode (dropout active, batch statistics), `false` after `eval()`. */
  training = true;
  /** Buffer property names, each with its key in `stateDict()`. */
  private readonly bufferNames = new Map<string, string>();
  private readonly hooks: ForwardHook[] = [];

  constructor() {
    // Route `forward` through the hooks without subclasses having to call anything:
    // the instance property shadows the prototype's method.
    const own = this.forward;
    Object.defineProperty(this, 'forward', {
      enumerable: false,
      writable: true,
      value: (...args: unknown[]) => {
        const out = (own as (...a: unknown[]) => unknown).apply(this, args);
        let result = out;
        for (const hook of this.hooks) {
          const replaced = hook(this, args, result);
          if (replaced !== undefined) result = replaced;
        }
        return result;
      },
    });
  }

  abstract forward(...inputs: unknown[]): unknown;

  /**
   * Marks the property `name` (a tensor) as a buffer: saved in `stateDict` under `stateName`
   * (default `name`; BatchNorm's `runningMean` is PyTorch's `running_mean`), not trained.
   */
  protected registerBuffer(name: string, value: Tensor, stateName = name): Tensor {
    this.bufferNames.set(name, stateName);
    (this as unknown as Record<string, Tensor>)[name] = value;
    return value;
  }

  /** Child modules with their property names, in assignment order. */
  namedChildren(): [string, Module][] {
    return Object.entries(this).filter((e): e is [string, Module] => e[1] instanceof Module);
  }

  children(): Module[] {
    return this.namedChildren().map(([, m]) => m);
  }

  /** This module and every descendant, with dotted names ('' for this one). */
  namedModules(prefix = ''): [string, Module][] {
    const out: [string, Module][] = [[prefix, this]];
    for (const [name, child] of this.namedChildren()) out.push(...child.namedModules(prefix ? `${prefix}.${name}` : name));
    return out;
  }

  modules(): Module[] {
    return this.namedModules().map(([, m]) => m);
  }

  /** Every parameter below this module with its dotted name, each tensor once. */
  namedParameters(): [string, Parameter][] {
    const seen = new Set<Tensor>();
    const out: [string, Parameter][] = [];
    for (const [prefix, m] of this.namedModules()) {
      for (const [name, value] of Object.entries(m)) {
        if (value instanceof Parameter && !seen.has(value)) {
          seen.add(value);
          out.push([prefix ? `${prefix}.${name}` : name, value]);
        }
      }
    }
    return out;
  }

  parameters(): Parameter[] {
    return this.namedParameters().map(([, p]) => p);
  }

  namedBuffers(): [string, Tensor][] {
    const out: [string, Tensor][] = [];
    for (const [prefix, m] of this.namedModules()) {
      for (const [name, stateName] of m.bufferNames) {
        const value = (m as unknown as Record<string, unknown>)[name];
        if (value instanceof Tensor) out.push([prefix ? `${prefix}.${stateName}` : stateName, value]);
      }
    }
    return out;
  }

  /** Switches this module and all children to training mode (or evaluation mode with `false`). */
  train(mode = true): this {
    for (const m of this.modules()) m.training = mode;
    return this;
  }

  /** Evaluation mode: dropout off, batch norm uses running statistics. */
  eval(): this {
    return this.train(false);
  }

  /** Clears the gradients of every parameter (sets them to null, as PyTorch does by default). */
  zeroGrad(): void {
    for (const p of this.parameters()) p.grad = null;
  }

  /** Whether any forward hook is registered on this module (not its children). */
  hasForwardHooks(): boolean {
    return this.hooks.length > 0;
  }

  /** Calls `hook(module, inputs, output)` after every forward; a returned value replaces the output. Returns a remover. */
  registerForwardHook(hook: ForwardHook): () => void {
    this.hooks.push(hook);
    return () => {
      const i = this.hooks.indexOf(hook);
      if (i >= 0) this.hooks.splice(i, 1);
    };
  }

  /** Parameters and buffers by dotted name: the tensors themselves (copy before mutating). */
  stateDict(): StateDict {
    const out: StateDict = {};
    for (const [name, p] of this.namedParameters()) out[name] = p;
    for (const [name, b] of this.namedBuffers()) out[name] = b;
    return out;
  }

  /**
   * Copies values into this module's parameters and buffers, in place. With `strict`
   * (the default) the names must match exactly; shapes must always match.
   */
  loadStateDict(state: StateDict, strict = true): { missingKeys: string[]; unexpectedKeys: string[] } {
    const own = this.stateDict();
    const missingKeys = Object.keys(own).filter((k) => !(k in state));
    const unexpectedKeys = Object.keys(state).filter((k) => !(k in own));
    if (strict && (missingKeys.length > 0 || unexpectedKeys.length > 0)) {
      const parts = [];
      if (missingKeys.length) parts.push(`missing: ${missingKeys.join(', ')}`);
      if (unexpectedKeys.length) parts.push(`unexpected: ${unexpectedKeys.join(', ')}`);
      throw new Error(`loadStateDict: the saved state does not match this ${this.constructor.name} (${parts.join('; ')}); was it saved from the same architecture? Pass strict=false to load the matching part`);
    }
    noGrad(() => {
      for (const [name, target] of Object.entries(own)) {
        const src = state[name];
        if (src === undefined) continue;
        if (src.shape.length !== target.shape.length || src.shape.some((d, i) => d !== target.shape[i])) {
          throw new Error(`loadStateDict: ${name} has shape (${src.shape.join(',')}) in the saved state but (${target.shape.join(',')}) in this model`);
        }
        target.copy_(src);
      }
    });
    return { missingKeys, unexpectedKeys };
  }

  /** One line per module: the tree of the architecture, with parameter counts. */
  toString(): string {
    const count = this.parameters().reduce((n, p) => n + p.size, 0);
    const lines = [this.describe(''), `Total parameters: ${count.toLocaleString('en-US')}`];
    return lines.join('\n');
  }

  private describe(indent: string): string {
    const children = this.namedChildren();
    const own = this.extraRepr();
    if (children.length === 0) return `${this.constructor.name}(${own})`;
    const inner = children.map(([name, m]) => `${indent}  (${name}): ${m.describe(indent + '  ')}`);
    return `${this.constructor.name}(${own}\n${inner.join('\n')}\n${indent})`;
  }

  /** What goes between the parentheses in `toString()`; layers override it. */
  protected extraRepr(): string {
    return '';
  }
}
