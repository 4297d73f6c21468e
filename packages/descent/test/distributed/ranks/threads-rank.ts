// A rank that reports how many threads its tensor engine may use (spawn's threadsPerRank).
import { initProcessGroup } from '../../../src/distributed/index.js';
import { getNumThreads } from '../../../src/tensor/index.js';

void initProcessGroup(() => getNumThreads());
