import type { NextConfig } from "next";

const config: NextConfig = {
  serverExternalPackages: ["node-pty", "etcd3", "@grpc/grpc-js"],
  // The runtime (lib/, server/) is bundled separately by scripts/build.mjs.
};

export default config;
