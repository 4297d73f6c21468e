// A rank of the ZeRO test.
import { initProcessGroup } from '../../../src/distributed/index.js';
import { trainZero } from './zero-cases.js';

void initProcessGroup(async (group) => [await trainZero(group, 1), await trainZero(group, 2)]);
