/**
 * Reverse-mode automatic differentiation.
 *
 * Every op that produces a tensor from inputs that require gradients records a
 * `GradNode`: its inputs and a `backward` function that turns the gradient of the output
 * into gradients of the inputs, written with ordinary tensor ops. `backward()` walks the
 * recorded graph from the output in reverse topological order (the chain rule applied
 * once per node), summing the contributions that reach each tensor, and leaves the result
 * in `.grad` of the leaf tensors (those created by the user with `requiresGrad`).
 */
import { Tensor } from './tensor.js';
import { allocate } from './dtype.js';
import { addToView } from './ops/elementwise.js';

export interface GradNode {
  /** The op's name, for error messages and `toString()`. */
  readonly op: string;
  readonly inputs: readonly Tensor[];
  /** Gradient of the output → gradient of each input (`null` where an input gets none). */
  readonly backward: (grad: Tensor) => readonly (Tensor | null)[];
  /**
   * Optional, for one-input ops whose backward places the gradient into zeros of the
   * input's shape (slices): adds it directly into `into`, a contiguous buffer of the
   * input's shape and dtype that autograd owns. Must agree with `backward`, which is still
   * what runs when the backward pass is itself recorded (`createGraph`).
   */
  readonly addInto?: (grad: Tensor, into: Tensor) => void;
}

let gradEnabled = true;

export function isGradEnabled(): boolean {
  return gradEnabled;
}

/**
 * Runs `fn` without recording gradients, like `torch.no_grad()`: evaluation loops and
 * in-place parameter updates go here. Synchronous only: the mode is restored when `fn`
 * returns, so work after an `await` inside `fn` is recorded again.
 *
 * ```ts
 * const y = noGrad(() => model(x));   // y.requiresGrad === false
 * ```
 */
export function noGrad<T>(fn: () => T): T {
  return withGradMode(false, fn);
}

/** Runs `fn` with gradient recording switched on or off, restoring the mode after. */
export function withGradMode<T>(enabled: boolean, fn: () => T): T {
  const prev = gradEnabled;
  gradEnabled = enabled;
  try {
    return fn();
  } finally {
    gradEnabled = prev;
  }
}

/** The tensors reachable from `root` through recorded ops, inputs before the ops that use them. */
function topologicalOrder(root: Tensor): Tensor[] {
  const order: Tensor[] = [];
  const visited = new Set<Tensor>();
  // An explicit stack instead of recursion: graphs from long sequences (an RNN over a
  // thousand steps) are deeper than the JavaScript call stack.
  const stack: [Tensor, number][] = [[root, 0]];
  visited.add(root);
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    const [t, i] = top;
    const inputs = t.gradFn?.inputs ?? [];
    if (i < inputs.length) {
      top[1]++;
      const child = inputs[i];
      if (child.requiresGrad && !visited.has(child)) {
        visited.add(child);
        stack.push([child, 0]);
      }
    } else {
      stack.pop();
      order.push(t);
    }
  }
  return order;
}

export interface BackwardOptions {
  /** Record the backward pass itself, so gradients can be differentiated again. */
  createGraph?: boolean;
}

/**
 * Accumulates d(root)/d(leaf), scaled by `grad`, into `leaf.grad` for every leaf that
 * requires gradients. `grad` defaults to 1 and may be omitted only for a one-element root.
 */
export function runBackward(root: Tensor, grad: Tensor, options: BackwardOptions = {}): void {
  const order = topologicalOrder(root);
  const grads = new Map<Tensor, Tensor>([[root, grad]]);
  // Gradient sums this pass allocated itself and that nothing else references yet: later
  // contributions are added to them in place rather than into a new tensor each time. Not
  // when the backward pass is recorded (createGraph), where every step must be an op.
  const inPlace = !(options.createGraph ?? false);
  const owned = new Set<Tensor>();
  /** The gradient sum for `input`, made an owned buffer (allocated or copied) if it is not one. */
  const ownedBuffer = (input: Tensor): Tensor => {
    const prev = grads.get(input);
    if (prev !== undefined && owned.has(prev)) return prev;
    const buf = prev === undefined ? new Tensor(allocate(input.dtype, input.size), input.shape, input.dtype) : prev.clone();
    grads.set(input, buf);
    owned.add(buf);
    return buf;
  };
  withGradMode(!inPlace, () => {
    for (let n = order.length - 1; n >= 0; n--) {
      const t = order[n];
      const g = grads.get(t);
      if (g === undefined) continue;
      grads.delete(t); // free memory as soon as the gradient has been passed on
      // From here g may be handed on (add passes one tensor to both inputs), so it is no
      // longer safe to write into, and a leaf keeps it only if no one else can see it.
      const gOwned = owned.delete(g);
      if (t.gradFn === null || t.retainsGrad) {
        // A leaf owns its gradient's storage: the incoming tensor may be shared with another
        // input (add passes one tensor to both) or be a stride-0 expand view, and optimizers
        // and gradient clipping update .grad in place.
        t.grad = t.grad !== null ? t.grad.add(g) : gOwned && t.gradFn === null ? g : g.clone();
      }
      const node = t.gradFn;
      if (node === null) continue;
      if (inPlace && node.addInto !== undefined) {
        // A slice: its gradient goes straight into the input's gradient buffer.
        const input = node.inputs[0];
        if (input.requiresGrad) node.addInto(g.dtype === input.dtype ? g : g.astype(input.dtype), ownedBuffer(input));
        continue;
      }
      const inputGrads = node.backward(g);
      for (let i = 0; i < node.inputs.length; i++) {
        const input = node.inputs[i];
        let gi = inputGrads[i];
        if (gi === null || gi === undefined || !input.requiresGrad) continue;
        // Mixed-dtype ops (float32 with float64) compute in the wider dtype; each input's
        // gradient comes back in the input's own dtype, as in PyTorch.
        if (gi.dtype !== input.dtype) gi = gi.astype(input.dtype);
        if (!shapesMatch(gi.shape, input.shape)) {
          throw new Error(
            `backward: ${node.op} produced a gradient of shape (${gi.shape.join(',')}) for an input of shape ` +
            `(${input.shape.join(',')}); this is a bug in that op's backward rule`);
        }
        const prev = grads.get(input);
        if (prev === undefined) grads.set(input, gi);
        else if (inPlace) addToView(ownedBuffer(input), gi);
        else grads.set(input, prev.add(gi));
      }
    }
  });
}

function shapesMatch(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
