import fc from 'fast-check';

// Property tests explore new random inputs on every local run. CI pins the
// seed so a submission's result is reproducible; FC_NUM_RUNS widens a local
// hunt (e.g. FC_NUM_RUNS=20000 npx vitest run test/unit/parse-properties.test.ts).
const numRuns = Number(process.env.FC_NUM_RUNS) || undefined;
fc.configureGlobal({
  ...(numRuns ? { numRuns } : {}),
  ...(process.env.CI ? { seed: 20_261_126 } : {}),
});
