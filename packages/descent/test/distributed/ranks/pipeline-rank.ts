// A rank of the pipeline test.
import { initProcessGroup } from '../../../src/distributed/index.js';
import { pipelineRank, type PipeArgs } from './pipeline-cases.js';

void initProcessGroup<unknown, PipeArgs[]>(async (group, runs) => {
  const out = [];
  for (const args of runs) out.push(await pipelineRank(group, args));
  return out;
});
