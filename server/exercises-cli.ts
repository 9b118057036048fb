// drydock exercises ...: the instructor tooling of issue 8 (docs/authoring.md).
//   validate [PATH...]                   schema + lint; file:line:col errors, exit 1
//   list [--domain D]                    the catalog, with what each exercise needs
//   new DOMAIN/ID                        scaffold exercises/DOMAIN/ID/exercise.yaml
//   coverage [--write]                   the curriculum map (docs/course.md), printed or written
//   test [ID...|--all] [-j N] [--include-unsupported] [--keep]
//                                        fresh lab → setup → a check fails → solution → all pass
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { RunnerClient } from "./client.js";
import { loadCatalog, type CatalogEntry } from "../lib/exercises/catalog.js";
import { DOMAINS, DOMAIN_NAMES, type Domain } from "../lib/exercises/curriculum.js";
import { missingFeatures, SIMULATOR_FEATURES, FEATURE_NAMES, type Feature } from "../lib/exercises/features.js";
import { formatDiagnostic } from "../lib/exercises/load.js";
import { curriculumMap, replaceMap } from "../lib/exercises/coverage.js";
import { loadLessons } from "../lib/exercises/lessons.js";
import { loadExams } from "../lib/exercises/exams.js";
import type { LabAccess } from "../lib/checker/lab-access.js";
import { remoteLabAccess } from "../lib/checker/remote-lab.js";
import { selfTest, type SelfTestResult } from "../lib/checker/selftest.js";

const USAGE = `Usage:
  drydock exercises validate [PATH...]
  drydock exercises list [--domain DOMAIN]
  drydock exercises new DOMAIN/ID
  drydock exercises coverage [--write]
  drydock exercises test [ID...|--all] [-j N] [--include-unsupported] [--keep]
Environment: DRYDOCK_URL (default http://127.0.0.1:3000), DRYDOCK_DATA (default <project>/data),
DRYDOCK_FEATURES (comma-separated simulator features, overrides the built-in list)`;

/** Where `exercises test` gets its fresh labs; the default is the runner API of `drydock serve`. */
export interface LabProvider {
  create(template: string, hint: string): Promise<{ name: string; access: LabAccess }>;
  delete(name: string): Promise<void>;
}

export interface CliIO {
  out: (s: string) => void;
  err: (s: string) => void;
  root: string;
  env: Record<string, string | undefined>;
  labs?: LabProvider;
}

function projectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, "package.json"))) {
    const up = path.dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
  return dir;
}

function runnerLabs(env: CliIO["env"], root: string): LabProvider {
  const endpoint = { baseUrl: env.DRYDOCK_URL ?? "http://127.0.0.1:3000", dataDir: env.DRYDOCK_DATA ?? path.join(root, "data") };
  const client = new RunnerClient(endpoint.baseUrl, endpoint.dataDir);
  return {
    async create(template, hint) {
      const suffix = Math.random().toString(36).slice(2, 6);
      const { name } = await client.create(`ex-${hint.slice(0, 50).replace(/-+$/, "")}-${suffix}`, template);
      return { name, access: remoteLabAccess(endpoint, name) };
    },
    async delete(name) {
      await client.delete(name);
    },
  };
}

export function table(rows: string[][]): string {
  const w = rows[0].map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(w[i]))).join("   ").trimEnd()).join("\n") + "\n";
}

function takeFlag(args: string[], ...names: string[]): string | undefined {
  const i = args.findIndex((a) => names.includes(a));
  if (i < 0) return undefined;
  const v = args[i + 1];
  if (v === undefined) throw new UsageError(`flag ${args[i]} needs a value`);
  args.splice(i, 2);
  return v;
}

function takeBool(args: string[], name: string): boolean {
  const i = args.indexOf(name);
  if (i >= 0) args.splice(i, 1);
  return i >= 0;
}

class UsageError extends Error {}

function features(env: CliIO["env"]): ReadonlySet<Feature> {
  if (env.DRYDOCK_FEATURES === undefined) return SIMULATOR_FEATURES;
  const list = env.DRYDOCK_FEATURES.split(",").map((s) => s.trim()).filter(Boolean);
  const bad = list.filter((f) => !(FEATURE_NAMES as string[]).includes(f));
  if (bad.length) throw new UsageError(`DRYDOCK_FEATURES: unknown features ${bad.join(", ")} (known: ${FEATURE_NAMES.join(", ")})`);
  return new Set(list as Feature[]);
}

function validate(args: string[], io: CliIO): number {
  const paths = args.length ? args : [path.join(io.root, "exercises")];
  const cat = loadCatalog(paths);
  for (const d of cat.diagnostics) io.err(formatDiagnostic({ ...d, file: path.relative(process.cwd(), d.file) || d.file }) + "\n");
  const bad = new Set(cat.diagnostics.map((d) => d.file));
  const files = new Set([...cat.entries.map((e) => e.file), ...bad]);
  io.out(`${files.size - bad.size} valid, ${bad.size} invalid (${cat.diagnostics.length} error${cat.diagnostics.length === 1 ? "" : "s"})\n`);
  return cat.diagnostics.length ? 1 : 0;
}

function loadOrReport(io: CliIO): CatalogEntry[] | undefined {
  const cat = loadCatalog([path.join(io.root, "exercises")]);
  if (cat.diagnostics.length) {
    for (const d of cat.diagnostics) io.err(formatDiagnostic(d) + "\n");
    io.err("the catalog has errors; run `drydock exercises validate`\n");
    return undefined;
  }
  return cat.entries;
}

function list(args: string[], io: CliIO): number {
  const domain = takeFlag(args, "--domain");
  if (args.length) throw new UsageError(`unknown arguments: ${args.join(" ")}`);
  const entries = loadOrReport(io);
  if (!entries) return 1;
  const have = features(io.env);
  const rows = [["ID", "DOMAIN", "DIFFICULTY", "POINTS", "MINUTES", "REQUIRES", "RUNNABLE"]];
  for (const { exercise: e } of entries) {
    if (domain && e.domain !== domain) continue;
    const missing = missingFeatures(e.requires, have);
    rows.push([e.id, e.domain, e.difficulty, String(e.points), String(e.timeEstimateMinutes), e.requires.join(",") || "-", missing.length ? `no (needs ${missing.join(", ")})` : "yes"]);
  }
  io.out(table(rows));
  return 0;
}

export function scaffold(domain: Domain, id: string): string {
  const competency = DOMAINS[domain].competencies[0];
  return `# docs/authoring.md describes every field and check type.
id: ${id}
title:
  en: TODO title
  ko: TODO 제목
domain: ${domain}
competency: ${JSON.stringify(competency)}
difficulty: easy
points: 4
timeEstimateMinutes: 5
requires: []
prompt:
  en: |
    TODO: what the student must do, with every name they need.
  ko: |
    TODO: 학생이 해야 할 일과 필요한 모든 이름.
setup:
  script: |
    kubectl create namespace ${id}
checks:
  - id: namespace-labelled
    type: match
    resource: namespace
    name: ${id}
    expect:
      metadata:
        labels:
          done: "true"
    message:
      en: The namespace ${id} does not have the expected label.
      ko: 네임스페이스 ${id}에 필요한 레이블이 없습니다.
hints:
  - en: kubectl label --help
    ko: kubectl label --help 를 보세요.
solution:
  script: |
    kubectl label namespace ${id} done=true
explanation:
  en: |
    TODO: why this is the answer.
  ko: |
    TODO: 왜 이것이 답인지.
`;
}

function create(args: string[], io: CliIO): number {
  const m = /^([a-z-]+)\/([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)$/.exec(args[0] ?? "");
  if (!m || args.length !== 1) throw new UsageError("need DOMAIN/ID, e.g. storage/pvc-resize");
  const domain = m[1] as Domain;
  if (!DOMAIN_NAMES.includes(domain)) throw new UsageError(`unknown domain ${domain} (one of: ${DOMAIN_NAMES.join(", ")})`);
  const dir = path.join(io.root, "exercises", domain, m[2]);
  const file = path.join(dir, "exercise.yaml");
  if (existsSync(file)) {
    io.err(`${path.relative(process.cwd(), file)} already exists\n`);
    return 1;
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, scaffold(domain, m[2]));
  io.out(`created ${path.relative(process.cwd(), file)}\n`);
  return 0;
}

/** The curriculum map from the catalog, lessons/ and exams/; --write puts it into docs/course.md. */
function coverage(args: string[], io: CliIO): number {
  const write = takeBool(args, "--write");
  if (args.length) throw new UsageError(`unknown arguments: ${args.join(" ")}`);
  const entries = loadOrReport(io);
  if (!entries) return 1;
  const byId = new Map(entries.map((e) => [e.exercise.id, e.exercise]));
  const lessons = loadLessons(path.join(io.root, "lessons"), new Set(byId.keys()));
  const exams = loadExams(path.join(io.root, "exams"), byId);
  const diags = [...lessons.diagnostics, ...exams.diagnostics];
  if (diags.length) {
    for (const d of diags) io.err(formatDiagnostic(d) + "\n");
    return 1;
  }
  const map = curriculumMap([...byId.values()], lessons.entries.map((e) => e.lesson), exams.entries.map((e) => e.exam));
  if (!write) {
    io.out(map);
    return 0;
  }
  const file = path.join(io.root, "docs", "course.md");
  const doc = existsSync(file) ? replaceMap(readFileSync(file, "utf8"), map) : undefined;
  if (doc === undefined) {
    io.err(`${file} has no curriculum-map markers\n`);
    return 1;
  }
  writeFileSync(file, doc);
  io.out(`wrote the curriculum map to ${path.relative(process.cwd(), file)}\n`);
  return 0;
}

/** Runs fn over items with at most n at a time, keeping the order of results. */
async function pool<T, R>(items: readonly T[], n: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(n, items.length)) }, worker));
  return out;
}

type Row = { id: string; result: "PASS" | "FAIL" | "SKIP"; seconds: string; detail: string };

async function test(args: string[], io: CliIO): Promise<number> {
  const j = Number(takeFlag(args, "-j", "--jobs") ?? 1);
  if (!Number.isInteger(j) || j < 1 || j > 8) throw new UsageError("-j needs a number from 1 to 8");
  const all = takeBool(args, "--all");
  const includeUnsupported = takeBool(args, "--include-unsupported");
  const keep = takeBool(args, "--keep");
  const unknownFlag = args.find((a) => a.startsWith("-"));
  if (unknownFlag) throw new UsageError(`unknown flag ${unknownFlag}`);
  if (!all && !args.length) throw new UsageError("name exercise ids or --all");
  const entries = loadOrReport(io);
  if (!entries) return 1;
  const byId = new Map(entries.map((e) => [e.exercise.id, e]));
  const unknown = args.filter((id) => !byId.has(id));
  if (unknown.length) {
    io.err(`unknown exercise ids: ${unknown.join(", ")}\n`);
    return 1;
  }
  const chosen = all ? entries : args.map((id) => byId.get(id)!);
  const have = features(io.env);
  const labs = io.labs ?? runnerLabs(io.env, io.root);

  const rows = await pool(chosen, j, async ({ exercise: ex }): Promise<Row> => {
    const missing = missingFeatures(ex.requires, have);
    if (missing.length && !includeUnsupported) return { id: ex.id, result: "SKIP", seconds: "-", detail: `the simulator cannot do ${missing.join(", ")} yet` };
    const start = Date.now();
    let lab: { name: string; access: LabAccess } | undefined;
    let r: SelfTestResult | undefined;
    let error: string | undefined;
    try {
      lab = await labs.create(ex.lab, ex.id);
      r = await selfTest(lab.access, ex);
    } catch (e) {
      error = (e as Error).message;
    } finally {
      if (lab && !keep) await labs.delete(lab.name).catch((e) => io.err(`could not delete lab ${lab!.name}: ${(e as Error).message}\n`));
    }
    const seconds = ((Date.now() - start) / 1000).toFixed(1);
    const kept = lab && keep ? ` [lab ${lab.name} kept]` : "";
    if (error !== undefined) {
      io.err(`FAIL ${ex.id} (${seconds}s): ${error}\n`);
      return { id: ex.id, result: "FAIL", seconds, detail: error + kept };
    }
    io.err(`${r!.passed ? "PASS" : "FAIL"} ${ex.id} (${seconds}s)${r!.passed ? "" : `: ${r!.reason}`}\n`);
    return { id: ex.id, result: r!.passed ? "PASS" : "FAIL", seconds, detail: r!.reason + kept };
  });

  io.out(table([["EXERCISE", "RESULT", "SECONDS", "DETAIL"], ...rows.map((r) => [r.id, r.result, r.seconds, r.detail])]));
  const count = (k: Row["result"]) => rows.filter((r) => r.result === k).length;
  const skipped = count("SKIP");
  io.out(`${count("PASS")} passed, ${count("FAIL")} failed${skipped ? `, ${skipped} skipped` : ""}\n`);
  return count("FAIL") ? 1 : 0;
}

export async function runExercisesCli(argv: string[], io?: Partial<CliIO>): Promise<number> {
  const full: CliIO = {
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
    root: projectRoot(),
    env: process.env,
    ...io,
  };
  const [sub, ...args] = argv;
  try {
    switch (sub) {
      case "validate":
        return validate(args, full);
      case "list":
        return list(args, full);
      case "new":
        return create(args, full);
      case "test":
        return await test(args, full);
      case "coverage":
        return coverage(args, full);
      default:
        full.err(USAGE + "\n");
        return 2;
    }
  } catch (e) {
    if (e instanceof UsageError) {
      full.err(`drydock exercises ${sub}: ${e.message}\n${USAGE}\n`);
      return 2;
    }
    full.err(`drydock exercises ${sub}: ${(e as Error).message}\n`);
    return 1;
  }
}
