import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/test/**/*.test.ts', 'bench/**/*.test.ts'],
    // Learning runs that take minutes (`*.slow.test.ts`) form their own group: `npm test` runs
    // them once after this suite (vitest.slow.config.ts), `npm run test:unit` skips them.
    exclude: [...configDefaults.exclude, '**/*.slow.test.ts'],
    // Two cores in CI: keep workers to what the machine has.
    pool: 'forks',
    testTimeout: 60_000,
  },
});
