// A rank of the ZeRO stage 3 test.
import { initProcessGroup } from '../../../src/distributed/index.js';
import { trainZero3 } from './zero3-cases.js';

void initProcessGroup((group) => trainZero3(group));
