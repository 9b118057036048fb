// Expectations from pkg/registry/batch/job/strategy_test.go (TestJobStrategy_PrepareForCreate:
// generated selector and the four template labels; manualSelector leaves the Job alone).
import { describe, expect, it } from "vitest";
import type { KObject } from "../../api/types.js";
import { jobPrepareForCreate } from "./job.js";

const job = (spec: Record<string, unknown>): KObject => ({ apiVersion: "batch/v1", kind: "Job", metadata: { name: "pi", namespace: "default", uid: "u-1" }, spec });

describe("jobPrepareForCreate", () => {
  it.each([
    [
      "generates the selector and template labels",
      job({ template: { spec: {} } }),
      job({
        selector: { matchLabels: { "batch.kubernetes.io/controller-uid": "u-1" } },
        template: { metadata: { labels: { "job-name": "pi", "batch.kubernetes.io/job-name": "pi", "controller-uid": "u-1", "batch.kubernetes.io/controller-uid": "u-1" } }, spec: {} },
      }),
    ],
    [
      "keeps the user's labels",
      job({ template: { metadata: { labels: { app: "x", "job-name": "custom" } }, spec: {} } }),
      job({
        selector: { matchLabels: { "batch.kubernetes.io/controller-uid": "u-1" } },
        template: { metadata: { labels: { app: "x", "job-name": "custom", "batch.kubernetes.io/job-name": "pi", "controller-uid": "u-1", "batch.kubernetes.io/controller-uid": "u-1" } }, spec: {} },
      }),
    ],
    ["leaves a manual selector alone", job({ manualSelector: true, selector: { matchLabels: { a: "b" } }, template: { spec: {} } }), job({ manualSelector: true, selector: { matchLabels: { a: "b" } }, template: { spec: {} } })],
  ])("%s", (_name, input, want) => {
    expect(jobPrepareForCreate(input)).toEqual(want);
  });
});
