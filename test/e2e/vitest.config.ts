// The browser suite: `npx vitest run --config test/e2e/vitest.config.ts` after `npm run build`
// (it drives dist/drydock.mjs and .next with Debian's /usr/bin/chromium).
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/e2e/**/*.e2e.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: "forks",
    maxWorkers: 1,
    fileParallelism: false,
  },
});
