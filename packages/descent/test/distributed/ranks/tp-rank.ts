// A rank of the tensor-parallel test.
import { initProcessGroup } from '../../../src/distributed/index.js';
import { shardedModel } from './tp-cases.js';

void initProcessGroup((group) => shardedModel(group));
