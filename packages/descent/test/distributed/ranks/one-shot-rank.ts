// A rank of the one-meeting all-reduce race test: many short all-reduces back to back, each
// rank pausing a different, varying time between them, so a rank often writes its next
// vector while another is still waking up to read the last one. Returns how many results
// were wrong, and the last one.
import { initProcessGroup } from '../../../src/distributed/index.js';

void initProcessGroup(async (group, { rounds }: { rounds: number }) => {
  const w = group.worldSize;
  let wrong = 0;
  let last: number[] = [];
  for (let k = 0; k < rounds; k++) {
    // Every few rounds one rank (a different one each time) dawdles for up to ~0.2 ms.
    if ((k * 7 + group.rank * 3) % 5 === 0) {
      const until = performance.now() + ((k * 13 + group.rank) % 4) * 0.05;
      while (performance.now() < until) { /* spin */ }
    }
    const x = Float64Array.of(k * w + group.rank, -k, group.rank === k % w ? 1 : 0);
    const got = await group.allReduce(x, 'sum');
    // Σ_r (k·W + r) = k·W² + W(W−1)/2;  Σ_r −k = −k·W;  exactly one rank sends 1.
    const want = [k * w * w + (w * (w - 1)) / 2, -k * w, 1];
    if (got.some((v, i) => v !== want[i])) wrong++;
    last = [...got];
  }
  return { wrong, last };
});
