/**
 * `descent/distributed`: training on several devices. A process group of worker threads (or
 * simulated devices in one thread) with ring collectives over shared memory, data
 * parallelism, tensor (Megatron-style) parallelism, pipeline schedules and ZeRO sharding.
 *
 * ```ts
 * import { spawnLocal } from 'descent/distributed';
 * const sums = await spawnLocal(4, async (group) => {
 *   const x = await group.allReduce(new Float64Array([group.rank]));   // ring all-reduce
 *   return x[0];
 * });  // [6, 6, 6, 6]
 * ```
 */
export { ProcessGroup, spawnLocal, DEFAULT_CAPACITY } from './process-group.js';
export { spawn, initProcessGroup, DEFAULT_INITIAL_HEAP_MB, type SpawnOptions } from './spawn.js';
export { chunkStart, evenBounds, ringReduceScatterSteps, ringAllGatherSteps, type ReduceOp, type NumericArray, type Transport } from './collectives.js';
export { DistributedDataParallel, balancedCounts, type DDPOptions, type BalanceOptions, type BatchShare } from './ddp.js';
export { ColumnParallelLinear, RowParallelLinear, shardRange, type ParallelLinearOptions } from './tensor-parallel.js';
export { ZeroOptimizer, optimizerStateBytes, type ZeroOptions, type DeviceMemory } from './zero.js';
export { pipelineStep, pipelineOrder, type PipelineSchedule, type PipelineAction, type PipelineOptions, type PipelineStats } from './pipeline.js';
export { ZeroStage3, type Stage3Memory } from './zero3.js';
