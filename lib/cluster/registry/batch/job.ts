// Follows kubernetes pkg/registry/batch/job/strategy.go (PrepareForCreate -> generateSelector):
// unless spec.manualSelector is true, a new Job selects its pods by its own uid, and its pod
// template carries the job-name and controller-uid labels (legacy and batch.kubernetes.io/ forms).
import type { KObject } from "../../api/types.js";

type Labels = Record<string, string>;

const JOB_NAME_LABELS = ["job-name", "batch.kubernetes.io/job-name"];
const CONTROLLER_UID_LABELS = ["controller-uid", "batch.kubernetes.io/controller-uid"];
const SELECTOR_LABEL = "batch.kubernetes.io/controller-uid";

export function jobPrepareForCreate(job: KObject): KObject {
  const spec = (job.spec ?? {}) as { manualSelector?: boolean; selector?: { matchLabels?: Labels }; template?: { metadata?: { labels?: Labels } } };
  if (spec.manualSelector === true) return job;
  const name = job.metadata?.name ?? "";
  const uid = job.metadata?.uid ?? "";
  const template = { ...(spec.template ?? {}) };
  const meta = { ...(template.metadata ?? {}) };
  // Labels the user set are kept: a conflicting one is rejected by validation, as upstream.
  const labels: Labels = Object.assign(Object.create(null) as Labels, meta.labels);
  for (const k of JOB_NAME_LABELS) if (!(k in labels)) labels[k] = name;
  for (const k of CONTROLLER_UID_LABELS) if (!(k in labels)) labels[k] = uid;
  const selector = { ...(spec.selector ?? {}) };
  const matchLabels: Labels = Object.assign(Object.create(null) as Labels, selector.matchLabels);
  if (!(SELECTOR_LABEL in matchLabels)) matchLabels[SELECTOR_LABEL] = uid;
  return {
    ...job,
    spec: { ...spec, selector: { ...selector, matchLabels: { ...matchLabels } }, template: { ...template, metadata: { ...meta, labels: { ...labels } } } },
  };
}
