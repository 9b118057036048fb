// Mock exams on disk: exams/<id>.yaml, checked against the exercise catalog (every task names an
// existing exercise; the points per domain follow the CKA's weights).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { DOMAIN_NAMES, DOMAINS, type Domain } from "./curriculum.js";
import { Exam, EXAM_LIMITS, type ExamTask } from "./exam-schema.js";
import { issuesToDiagnostics, parseYaml, pathString, type Diagnostic, type SourceMap } from "./load.js";
import type { Exercise } from "./schema.js";

export interface ExamEntry {
  file: string;
  exam: Exam;
  source: SourceMap;
}

export interface ExamSet {
  entries: ExamEntry[];
  diagnostics: Diagnostic[];
}

/** Points per domain of an exam whose tasks all name known exercises. */
export function examDomainPoints(exam: Exam, exercises: ReadonlyMap<string, Pick<Exercise, "domain">>): Record<Domain, number> {
  const out = Object.fromEntries(DOMAIN_NAMES.map((d) => [d, 0])) as Record<Domain, number>;
  for (const t of exam.tasks) {
    const ex = exercises.get(t.exercise);
    if (ex) out[ex.domain] += t.points;
  }
  return out;
}

export function parseExam(text: string, file: string, exercises: ReadonlyMap<string, Pick<Exercise, "domain">>): { value?: Exam; diagnostics: Diagnostic[]; source?: SourceMap } {
  const y = parseYaml(text, file);
  if (!y.source) return { diagnostics: y.diagnostics };
  const src = y.source;
  const r = Exam.safeParse(y.data);
  if (!r.success) return { diagnostics: issuesToDiagnostics(r.error.issues, file, src, y.data), source: src };
  const exam = r.data;
  const diagnostics: Diagnostic[] = [];
  const at = (p: (string | number)[], message: string) => diagnostics.push({ file, ...src.locate(p), message: `${pathString(p)}: ${message}` });

  const stem = path.basename(file).replace(/\.ya?ml$/, "");
  if (exam.id !== stem) at(["id"], `must equal the file name "${stem}"`);
  let unknown = false;
  exam.tasks.forEach((t, i) => {
    if (!exercises.has(t.exercise)) {
      unknown = true;
      at(["tasks", i, "exercise"], `no exercise has the id "${t.exercise}"`);
    }
  });
  // Weights are only meaningful once every task is known.
  if (!unknown) {
    const points = examDomainPoints(exam, exercises);
    for (const d of DOMAIN_NAMES) {
      const want = DOMAINS[d].weight;
      if (Math.abs(points[d] - want) > EXAM_LIMITS.weightTolerance) {
        at(["tasks"], `${d} has ${points[d]} points; the CKA weighs it ${want} (±${EXAM_LIMITS.weightTolerance})`);
      }
    }
  }
  return { value: diagnostics.length ? undefined : exam, diagnostics, source: src };
}

/** Every exams/*.yaml under root, sorted by file name. */
export function loadExams(root: string, exercises: ReadonlyMap<string, Pick<Exercise, "domain">>): ExamSet {
  const entries: ExamEntry[] = [];
  const diagnostics: Diagnostic[] = [];
  if (!existsSync(root)) return { entries, diagnostics };
  const seen = new Map<string, string>();
  for (const name of readdirSync(root).sort()) {
    if (!/\.ya?ml$/.test(name)) continue;
    const file = path.join(root, name);
    const r = parseExam(readFileSync(file, "utf8"), file, exercises);
    diagnostics.push(...r.diagnostics);
    if (!r.value || !r.source) continue;
    const prev = seen.get(r.value.id);
    if (prev) diagnostics.push({ file, ...r.source.locate(["id"]), message: `id: "${r.value.id}" is already the id of ${prev}` });
    else seen.set(r.value.id, file);
    entries.push({ file, exam: r.value, source: r.source });
  }
  return { entries, diagnostics };
}

/**
 * The lines printed above a task, as the CKA prints them: which host to ssh into (the exam's
 * "You must connect to the correct host" notice), then the kubectl context and namespace when the
 * task sets them.
 */
export function taskContextLines(task: Pick<ExamTask, "context">, lang: "en" | "ko"): string[] {
  const c = task.context;
  const lines =
    lang === "ko"
      ? ["올바른 호스트에 접속해야 합니다. 그렇지 않으면 0점 처리될 수 있습니다.", `[candidate@base] $ ssh ${c.host}`]
      : ["You must connect to the correct host.", "Failure to do so may result in a zero score.", `[candidate@base] $ ssh ${c.host}`];
  if (c.kubectlContext) lines.push(`[candidate@${c.host}] $ kubectl config use-context ${c.kubectlContext}`);
  if (c.namespace) lines.push(lang === "ko" ? `네임스페이스: ${c.namespace}` : `Namespace: ${c.namespace}`);
  return lines;
}
