/**
 * The tensor memory budget (tensor/memory.ts): past the limit, the allocation that would cross
 * it throws a MemoryLimitError that says how much is held and what to do; without a limit
 * nothing is counted.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryLimitError, memoryUsage, ones, setMemoryLimit, zeros } from '../../src/tensor/index.js';

const MIB = 2 ** 20;

afterEach(() => setMemoryLimit(null));

describe('setMemoryLimit', () => {
  it('stops the allocation that would cross the limit, with a message that says what to do', () => {
    setMemoryLimit(64 * MIB);
    const keep = [];
    let error: unknown;
    try {
      for (let i = 0; i < 100; i++) keep.push(zeros([1024, 1024])); // 4 MiB each
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MemoryLimitError);
    expect(error).toBeInstanceOf(RangeError);
    expect(keep.length).toBe(16);
    expect((error as Error).message).toMatch(/a float32 tensor of 1,048,576 elements needs 4\.0 MiB.*hold 64\.0 MiB of this thread's 64\.0 MiB limit.*smaller shape/);
    expect(memoryUsage()).toEqual({ live: 64 * MIB, peak: 64 * MIB, limit: 64 * MIB });
  });

  it('stops one tensor bigger than the limit before allocating it', () => {
    setMemoryLimit(MIB);
    expect(() => ones([1024, 1024], { dtype: 'float64' })).toThrow(/float64 tensor of 1,048,576 elements needs 8\.0 MiB/);
    expect(memoryUsage().live).toBe(0);
  });

  it('counts nothing without a limit, and rejects a limit that is not a positive number', () => {
    setMemoryLimit(null);
    zeros([1024, 1024]);
    expect(memoryUsage()).toEqual({ live: 0, peak: 0, limit: null });
    expect(() => setMemoryLimit(-1)).toThrow(/setMemoryLimit: the limit must be a number of bytes > 0, or null for no limit\. Got -1 instead\./);
    expect(() => setMemoryLimit(Number.NaN)).toThrow(/Got NaN/);
  });
});
