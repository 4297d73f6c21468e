/**
 * `npm start`: a tour of Descent in the terminal, until the app lands.
 *
 * It builds tensors, differentiates a function and checks the gradient against finite
 * differences, solves a least-squares problem, then trains a small neural network
 * (descent/nn, descent/optim) on two interleaving half-moons and draws the decision
 * boundary it learned.
 */
import { tensor, randn, manualSeed, noGrad, concat, type Tensor } from 'descent/tensor';
import { Sequential, Linear, ReLU, F } from 'descent/nn';
import { Adam } from 'descent/optim';
import { lstsq } from 'descent/linalg';

const bold = (s: string) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s);
const section = (title: string) => console.log(`\n${bold(`── ${title} ${'─'.repeat(Math.max(0, 60 - title.length))}`)}\n`);

console.log(bold('Descent: machine learning from first principles, in TypeScript.'));

// ---------------------------------------------------------------------------------------
section('1. Tensors and broadcasting');
const x = tensor([[1, 2, 3], [4, 5, 6]]);
const b = tensor([10, 20, 30]);
console.log('x =', String(x));
console.log('x + b  (b is broadcast over the rows) =', String(x.add(b)));
console.log('x.mean(0) =', String(x.mean(0)), '  x.T.shape =', x.T.shape);

// ---------------------------------------------------------------------------------------
section('2. Autograd: f(w) = Σ tanh(w·w) and its gradient');
const w = tensor([0.3, -1.2, 0.8], { dtype: 'float64', requiresGrad: true });
const f = (v: Tensor) => v.mul(v).tanh().sum();
f(w).backward();
const h = 1e-6;
const numeric = [0, 1, 2].map((i) => {
  const e = tensor([0, 1, 2].map((j) => (j === i ? h : 0)), { dtype: 'float64' });
  return (f(w.detach().add(e)).item() - f(w.detach().sub(e)).item()) / (2 * h);
});
console.log('autograd  ∇f =', (w.grad!.toArray() as number[]).map((v) => v.toFixed(8)).join('  '));
console.log('finite-diff ∇f =', numeric.map((v) => v.toFixed(8)).join('  '));

// ---------------------------------------------------------------------------------------
section('3. Least squares: fit y = a·x + c to noisy points');
manualSeed(0);
const xs = tensor(Array.from({ length: 50 }, (_, i) => i / 10), { dtype: 'float64' });
const ys = xs.mul(2.5).add(-1).add(randn([50], { dtype: 'float64' }).mul(0.3));
const design = concat([xs.unsqueeze(1), tensor(new Array(50).fill(1), { dtype: 'float64' }).unsqueeze(1)], 1);
const { solution } = lstsq(design, ys);
const [a, c] = solution.toArray() as number[];
console.log(`true line: y = 2.5x − 1     fitted: y = ${a.toFixed(3)}x ${c < 0 ? '−' : '+'} ${Math.abs(c).toFixed(3)}`);

// ---------------------------------------------------------------------------------------
section('4. A neural network: descent/nn and descent/optim');
/** Two interleaving half-circles with Gaussian noise (the classic "moons"). */
function moons(n: number, noise: number): { X: Tensor; y: Tensor } {
  const pts: number[][] = [];
  const labels: number[] = [];
  const jitter = randn([n, 2], { dtype: 'float64' }).mul(noise).toArray() as number[][];
  for (let i = 0; i < n; i++) {
    const upper = i % 2 === 0;
    const t = Math.PI * ((i >> 1) / (n / 2));
    const px = upper ? Math.cos(t) : 1 - Math.cos(t);
    const py = upper ? Math.sin(t) : 0.5 - Math.sin(t);
    pts.push([px + jitter[i][0], py + jitter[i][1]]);
    labels.push(upper ? 0 : 1);
  }
  return { X: tensor(pts), y: tensor(labels) };
}

manualSeed(42);
const { X, y } = moons(400, 0.12);
const model = new Sequential(new Linear(2, 32), new ReLU(), new Linear(32, 32), new ReLU(), new Linear(32, 1));
console.log(String(model), '\n');
const forward = (inp: Tensor) => (model.forward(inp) as Tensor).squeeze(-1); // (N,2) → (N,) logits
const opt = new Adam(model.parameters(), { lr: 0.02 });
const started = performance.now();
const epochs = 300;
for (let step = 1; step <= epochs; step++) {
  opt.zeroGrad();
  const loss = F.binaryCrossEntropyWithLogits(forward(X), y);
  loss.backward();
  opt.step();
  if (step === 1 || step % 50 === 0) {
    const acc = noGrad(() => forward(X).gt(0).eq(y.gt(0.5)).astype('float32').mean().item());
    console.log(`epoch ${String(step).padStart(3)}   loss ${loss.item().toFixed(4)}   accuracy ${(acc * 100).toFixed(1)}%`);
  }
}
const ms = performance.now() - started;
console.log(`\ntrained ${epochs} full-batch epochs on ${X.shape[0]} points in ${(ms / 1000).toFixed(2)} s`);

// The decision boundary, drawn in the terminal: each cell is the network's verdict there.
const cols = 64, rows = 20;
const grid: number[][] = [];
for (let r = 0; r < rows; r++) for (let c2 = 0; c2 < cols; c2++) grid.push([-1.5 + (3.5 * c2) / (cols - 1), 1.5 - (2.6 * r) / (rows - 1)]);
const verdict = noGrad(() => forward(tensor(grid)).gt(0).toArray()) as boolean[];
const Xs = X.toArray() as number[][];
const ys2 = y.toArray() as number[];
const canvas: string[] = verdict.map((isOne) => (isOne ? '·' : ' '));
Xs.forEach(([px, py], i) => {
  const c2 = Math.round(((px + 1.5) / 3.5) * (cols - 1));
  const r = Math.round(((1.5 - py) / 2.6) * (rows - 1));
  if (c2 >= 0 && c2 < cols && r >= 0 && r < rows) canvas[r * cols + c2] = ys2[i] === 1 ? 'o' : 'x';
});
console.log('\nclass x (upper moon) and class o (lower moon); dots: where the network says "o"\n');
for (let r = 0; r < rows; r++) console.log('  │' + canvas.slice(r * cols, (r + 1) * cols).join('') + '│');

console.log(`\nNext: ${bold('npm test')} runs the test suite; ${bold('npm run bench')} measures speed against tfjs and ml-matrix.`);
