import { defineConfig } from 'vitest/config';

// The slow group: agents and models trained to a stated quality with fixed seeds (for example
// DQN and PPO solving CartPole). Each file trains for a minute or more, so the group runs once
// per `npm test` (tools/test.mjs), after the quick suite; `npm run test:slow` runs it alone.
export default defineConfig({
  test: {
    include: ['packages/*/test/**/*.slow.test.ts'],
    pool: 'forks',
    testTimeout: 15 * 60_000,
  },
});
