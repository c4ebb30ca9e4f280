import { defineConfig } from 'vitest/config';

export default defineConfig({
  define: { __VERSION__: JSON.stringify('0.0.0-test') },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'happy-dom',
          include: ['test/unit/**/*.test.ts'],
          setupFiles: ['test/support/setup-unit.ts'],
          // A timeout only catches a hang: no unit or property test may fail because a loaded
          // 2-core machine ran it slowly (speed is measured by `npm run bench`).
          testTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: { name: 'node', environment: 'node', include: ['test/node/**/*.test.ts'], exclude: ['test/node/clickhouse*'], testTimeout: 60_000 },
      },
      {
        // The ClickHouse tests: one real server per run (test/support/clickhouse.ts), shared.
        extends: true,
        test: {
          name: 'clickhouse',
          environment: 'node',
          include: ['test/node/clickhouse*.test.ts'],
          globalSetup: ['test/support/clickhouse.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          environment: 'node',
          include: ['test/browser/**/*.test.ts'],
          // One Chromium at a time: the CI machine has two cores.
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
