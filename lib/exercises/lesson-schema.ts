// The lesson format (docs/course.md): lessons/<domain>/<NN-id>/lesson.yaml beside en.md and ko.md.
// Like exercise.yaml, strict objects, so a misspelt key is an error with its position.
import { z } from "zod";
import { DOMAIN_NAMES } from "./curriculum.js";
import { Localized } from "./schema.js";

export const LESSON_FILE = "lesson.yaml";

/** Lowercase RFC 1123 label: lesson and exercise ids appear in URLs and progress records. */
export const Slug = z.string().regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, "must be a lowercase RFC 1123 label (a-z, 0-9, '-')");

export const Lesson = z.strictObject({
  id: Slug,
  title: Localized,
  domain: z.enum(DOMAIN_NAMES),
  /** Position in the whole course (not per domain): unique, and written as NN in the directory. */
  order: z.number().int().positive().max(99),
  estimatedMinutes: z.number().int().positive().max(240),
  /** Exercise ids that practise the lesson, in the order a student should try them. */
  exercises: z.array(Slug).default([]),
  /** Lesson ids to read first; each must come earlier in the course. */
  prerequisites: z.array(Slug).default([]),
});
export type Lesson = z.infer<typeof Lesson>;
