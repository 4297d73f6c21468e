// A rank of the DDP test.
import { initProcessGroup } from '../../../src/distributed/index.js';
import { trainDDP, type DDPArgs } from './ddp-cases.js';

void initProcessGroup<unknown, DDPArgs[]>(async (group, runs) => {
  const out = [];
  for (const args of runs) out.push(await trainDDP(group, args));
  return out;
});
