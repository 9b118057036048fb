// drydock: the CLI (docs/architecture.md, "The headless interface").
//   drydock serve [--port 3000] [--host 127.0.0.1]
//   drydock lab create [NAME] [--template default]
//   drydock lab exec NAME [--node N] -- SCRIPT
//   drydock lab list | delete NAME
import path from "node:path";
import { fileURLToPath } from "node:url";
import { existsSync } from "node:fs";
import { serve } from "./serve.js";
import { RunnerClient } from "./client.js";

function projectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, "package.json"))) {
    const up = path.dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
  return dir;
}

const USAGE = `Usage:
  drydock serve [--port 3000] [--host 127.0.0.1]
  drydock lab create [NAME] [--template default]
  drydock lab exec NAME [--node NODE] -- SCRIPT
  drydock lab list
  drydock lab delete NAME
  drydock exercises validate [PATH...] | list | new DOMAIN/ID | test [ID...|--all] [-j N]
Environment: DRYDOCK_URL (default http://127.0.0.1:3000), DRYDOCK_DATA (default <project>/data)`;

function takeFlag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = args[i + 1];
  if (v === undefined) die(`drydock: flag ${name} needs a value`);
  args.splice(i, 2);
  return v;
}

function die(msg: string, code = 2): never {
  process.stderr.write(msg + "\n");
  process.exit(code);
}

async function main(argv: string[]) {
  const root = projectRoot();
  const dataDir = process.env.DRYDOCK_DATA ?? path.join(root, "data");
  const [cmd, ...rest] = argv;
  if (cmd === "serve") {
    const port = Number(takeFlag(rest, "--port") ?? process.env.PORT ?? 3000);
    const host = takeFlag(rest, "--host") ?? "127.0.0.1";
    if (rest.length) die(`drydock serve: unknown arguments: ${rest.join(" ")}\n${USAGE}`);
    await serve({ root, dataDir, port, host });
    return;
  }
  if (cmd === "exercises") {
    const { runExercisesCli } = await import("./exercises-cli.js");
    process.exit(await runExercisesCli(rest));
  }
  if (cmd === "lab") {
    const client = new RunnerClient(process.env.DRYDOCK_URL ?? "http://127.0.0.1:3000", dataDir);
    const [sub, ...args] = rest;
    const dash = args.indexOf("--");
    const script = dash >= 0 ? args.slice(dash + 1).join(" ") : undefined;
    const opts = dash >= 0 ? args.slice(0, dash) : args;
    switch (sub) {
      case "create": {
        const template = takeFlag(opts, "--template");
        const lab = await client.create(opts[0], template);
        process.stdout.write(`lab/${lab.name} created\n`);
        return;
      }
      case "exec": {
        const node = takeFlag(opts, "--node") ?? "controlplane";
        if (!opts[0] || script === undefined) die(`drydock lab exec: need NAME and -- SCRIPT\n${USAGE}`);
        const code = await client.exec(opts[0], node, script);
        process.exit(code);
      }
      case "list": {
        const labs = await client.list();
        const rows = [["NAME", "PHASE", "CREATED", "EXPIRES"], ...labs.map((l) => [l.name, l.phase, l.createdAt, l.expiresAt])];
        const w = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
        for (const r of rows) process.stdout.write(r.map((c, i) => c.padEnd(w[i])).join("   ").trimEnd() + "\n");
        return;
      }
      case "delete": {
        if (!opts[0]) die(`drydock lab delete: need NAME\n${USAGE}`);
        await client.delete(opts[0]);
        process.stdout.write(`lab/${opts[0]} deleted\n`);
        return;
      }
    }
  }
  die(USAGE);
}

main(process.argv.slice(2)).catch((e) => {
  process.stderr.write(`drydock: ${(e as Error).message}\n`);
  process.exit(1);
});
