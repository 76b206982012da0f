import { defineConfig } from "vitest/config";

// Unit tests live beside the code (*.test.ts); integration tests in tests/integration
// run against real embedded Postgres and the SQS/SNS emulator, two files at a time (each
// starts its own servers on free ports, so files share nothing).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "worker/**/*.test.ts", "app/**/*.test.ts", "components/**/*.test.ts", "scripts/**/*.test.ts", "bench/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Much of a file's time is waiting (Postgres starting, polls, workers' backoff), so
          // two files at once use CI's 2 cores: about 150 s less than one at a time. Vitest's
          // default there would be one (cores − 1).
          maxWorkers: 2,
        },
      },
      {
        // Crash, outage and competing-worker scenarios with real worker processes; each
        // file ends with the shared invariant check in tests/chaos/invariants.ts.
        test: {
          name: "chaos",
          include: ["tests/chaos/**/*.test.ts"],
          environment: "node",
          testTimeout: 120_000,
          hookTimeout: 90_000,
          fileParallelism: false,
        },
      },
      {
        // Attacks replayed against a production web server as a hostile client would
        // (tests/security); each asserts the refusal and that nothing was written or sent.
        test: {
          name: "security",
          include: ["tests/security/**/*.test.ts"],
          environment: "node",
          testTimeout: 120_000,
          hookTimeout: 600_000,
          fileParallelism: false,
        },
      },
      {
        // Two production web instances behind nginx and three worker processes, one of
        // each SIGKILLed under load (tests/scale). Builds the app first unless a fresh
        // build is there.
        test: {
          name: "scale",
          include: ["tests/scale/**/*.test.ts"],
          environment: "node",
          testTimeout: 300_000,
          hookTimeout: 600_000,
          fileParallelism: false,
        },
      },
      {
        // The AWS CDK app (infra/, its own package): assertions on the synthesized template.
        test: {
          name: "infra",
          include: ["infra/test/**/*.test.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
