import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["lib/**/*.test.ts", "server/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Integration suites start real etcd and bwrap sandboxes; two cores means two forks.
    pool: "forks",
    maxWorkers: 2,
  },
});
