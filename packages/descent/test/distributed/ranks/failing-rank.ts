// A rank of the failure test: rank 1 throws while the others wait at a barrier.
import { initProcessGroup } from '../../../src/distributed/index.js';

void initProcessGroup(async (group) => {
  if (group.rank === 1) throw new Error('rank 1 gives up');
  await group.barrier();
  return group.rank;
});
