import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';
import { freshDist } from './test/dist.js';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    // Vitest's default is one file at a time on a 2-core machine (CPUs − 1); many files
    // spend their time starting CLIs and browsers, so two at a time fill the idle core.
    maxWorkers: 2,
    // Worker threads of in-process runs start from the build when it is fresh (src/run/pool.ts).
    env: freshDist() ? { WATERWAY_SIM_WORKER_SCRIPT: resolve('dist/src/run/worker.js') } : {},
    // The JSON report lets .ci/run print a plain "N passed, N failed" line.
    reporters: ['default', 'json'],
    outputFile: { json: 'test-artifacts/vitest.json' },
  },
});
