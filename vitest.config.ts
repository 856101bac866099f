import { defineConfig } from 'vitest/config';
import SummaryLine from './test/support/summary-reporter.js';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    reporters: ['default', new SummaryLine()],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Test files share the machine's PostgreSQL; each uses its own schema, so they may run in parallel.
    fileParallelism: true,
  },
});
