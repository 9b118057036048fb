// The shipped catalog: valid, linted, and spread over the whole curriculum.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadCatalog } from "./catalog.js";
import { DOMAIN_NAMES } from "./curriculum.js";
import { formatDiagnostic } from "./load.js";

const catalog = loadCatalog([path.resolve(import.meta.dirname, "../../exercises")]);

describe("exercises/", () => {
  it("validates without a diagnostic", () => {
    expect(catalog.diagnostics.map(formatDiagnostic)).toEqual([]);
  });

  it("covers every domain of the curriculum", () => {
    const domains = new Set(catalog.entries.map((e) => e.exercise.domain));
    expect([...domains].sort()).toEqual([...DOMAIN_NAMES].sort());
    expect(catalog.entries.length).toBeGreaterThanOrEqual(12);
  });

  it("uses these check types (keep in step with docs/authoring.md)", () => {
    const types = new Set(catalog.entries.flatMap((e) => e.exercise.checks.map((c) => c.type)));
    expect([...types].sort()).toEqual(["absent", "can-i", "command", "condition", "dns", "exists", "file", "http", "jsonpath", "match"]);
  });

  it("has plausible wrong answers for at least 15 exercises, in every domain (run by exercises test)", () => {
    const withWrong = catalog.entries.filter((e) => e.exercise.wrongAnswers.length > 0).map((e) => e.exercise);
    expect(withWrong.length).toBeGreaterThanOrEqual(15);
    expect([...new Set(withWrong.map((e) => e.domain))].sort()).toEqual([...DOMAIN_NAMES].sort());
  });
});
