// Decoding with and without a KV cache (descent/nn's GroupedQueryAttention).
//
//   npx tsx bench/kv-cache.ts
//
// Generates `steps` positions after a prompt, one token at a time, through one attention
// layer (dModel 128, 8 query heads, 2 key/value heads, RoPE, causal). "Recompute" runs the
// whole prefix again at every step (O(T²) projections overall); "cache" feeds only the new
// token and reads earlier keys/values from the KVCache. Both must give the same last-step
// output (checked before timing). Prints CPU milliseconds (process.cpuUsage), which stay
// meaningful on a shared machine, as the median of a few runs.
import { randn, manualSeed, noGrad } from '../packages/descent/src/tensor/index.js';
import { GroupedQueryAttention, KVCache } from '../packages/descent/src/nn/index.js';

const [dModel, prompt, steps, runs] = [128, 16, 112, 5];
manualSeed(0);
const attn = new GroupedQueryAttention(dModel, 8, { nKvHeads: 2 });
const x = randn([1, prompt + steps, dModel]);

function recompute() {
  let out = attn.forward(x.narrow(1, 0, prompt));
  for (let t = prompt + 1; t <= prompt + steps; t++) out = attn.forward(x.narrow(1, 0, t)).narrow(1, t - 1, 1);
  return out;
}
function cached() {
  const cache = new KVCache();
  let out = attn.forward(x.narrow(1, 0, prompt), { cache });
  for (let t = prompt; t < prompt + steps; t++) out = attn.forward(x.narrow(1, t, 1), { cache });
  return out;
}

function cpuMs(f: () => unknown): number {
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const start = process.cpuUsage();
    noGrad(f);
    const used = process.cpuUsage(start);
    times.push((used.user + used.system) / 1000);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

const diff = noGrad(() => recompute().sub(cached()).abs().max().item());
if (!(diff < 1e-4)) throw new Error(`kv-cache bench: cached and recomputed outputs differ by ${diff}`);
const [slow, fast] = [cpuMs(recompute), cpuMs(cached)];
console.log(`decode ${steps} tokens after a ${prompt}-token prompt, dModel ${dModel}, 8 heads / 2 kv heads (float32)`);
console.log(`  recompute the prefix: ${slow.toFixed(0)} ms CPU`);
console.log(`  KV cache:             ${fast.toFixed(0)} ms CPU   (${(slow / fast).toFixed(1)}× less; max |diff| ${diff.toExponential(1)})`);
