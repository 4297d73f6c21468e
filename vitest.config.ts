import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/test/**/*.test.ts', 'bench/**/*.test.ts'],
    // Two cores in CI: keep workers to what the machine has.
    pool: 'forks',
    testTimeout: 60_000,
  },
});
