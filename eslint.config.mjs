// Lint: the layer boundaries of docs/architecture.md first. lib/cluster is the pure core and
// imports nothing else of Drydock; lib/store imports nothing above it.
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/**", ".next/**", "dist/**", ".tools/**", "tmp/**", "next-env.d.ts", "lib/sandbox/clients/**", "lib/web/generated/**"] },
  {
    files: ["**/*.ts", "**/*.tsx", "**/*.mjs"],
    languageOptions: { parser: tseslint.parser },
    plugins: { "@typescript-eslint": tseslint.plugin },
    rules: {
      "no-debugger": "error",
      "no-dupe-keys": "error",
      "no-unreachable": "error",
      "no-self-assign": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_", caughtErrors: "none" }],
    },
  },
  {
    files: ["lib/cluster/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["**/store/**", "**/apiserver/**", "**/node/**", "**/sandbox/**", "**/labs/**", "**/terminal/**", "**/checker/**", "**/exercises/**", "node:fs", "node:fs/*", "node:child_process", "node:net", "node:http", "node:https", "node:http2", "node:dgram", "node:os", "node:worker_threads", "fs", "child_process", "net", "http", "https", "os"], message: "lib/cluster is pure: no I/O and no other Drydock layer (docs/architecture.md)" }] }],
      "no-restricted-globals": ["error", { name: "process", message: "lib/cluster takes configuration as parameters" }],
      "no-restricted-properties": ["error", { object: "Date", property: "now", message: "pass a Clock" }, { object: "Math", property: "random", message: "pass a Random" }],
    },
  },
  {
    files: ["lib/store/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["**/cluster/**", "**/apiserver/**", "**/node/**", "**/sandbox/**", "**/labs/**"], message: "lib/store is the bottom layer" }] }],
    },
  },
);
