// A rank of the collectives test: runs the battery and returns what it saw.
import { initProcessGroup } from '../../../src/distributed/index.js';
import { runBattery } from './collective-cases.js';

void initProcessGroup((group) => runBattery(group));
