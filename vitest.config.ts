import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Test files share the machine's PostgreSQL; each uses its own schema, so they may run in parallel.
    fileParallelism: true,
  },
});
