import type { NextConfig } from "next";

const config: NextConfig = {
  // Native or Node-only packages stay outside the bundle (docs/stack.md).
  serverExternalPackages: ["node-pty", "etcd3", "@grpc/grpc-js", "better-sqlite3", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg", "pg", "@node-rs/argon2", "ws"],
  // The runtime (lib/, server/) is bundled separately by scripts/build.mjs. The app imports a
  // few of its modules (lib/exercises, lib/checker), whose "./x.js" imports Turbopack cannot
  // map to x.ts yet: the loader drops the suffix (scripts/next-js-import-loader.cjs says why).
  turbopack: {
    rules: {
      "*.ts": [{ condition: { all: [{ not: "foreign" }, { path: /^(.*[\\/])?lib[\\/]/ }] }, loaders: ["./scripts/next-js-import-loader.cjs"], as: "*.ts" }],
    },
  },
};

export default config;
