// The mock exam format (docs/course.md): exams/<id>.yaml, a timed set of weighted tasks, each an
// exercise of the catalog shown with the context the real CKA prints above a task.
import { z } from "zod";
import { Slug } from "./lesson-schema.js";
import { Localized } from "./schema.js";

const NodeName = z.string().regex(/^[a-z0-9][-a-z0-9]*$/, "must be a node name such as controlplane or node01");

/** Where a task is done: the host to ssh into and, when it matters, the namespace and the kubectl
 * context, printed before the task text as the exam does. */
export const TaskContext = z.strictObject({
  host: NodeName.default("controlplane"),
  namespace: z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "must be a namespace name").optional(),
  kubectlContext: z.string().min(1).optional(),
});
export type TaskContext = z.infer<typeof TaskContext>;

export const ExamTask = z.strictObject({
  exercise: Slug,
  /** The task's share of the exam's 100 points (the exercise's own points are not used). */
  points: z.number().int().min(1).max(20),
  context: TaskContext.default({ host: "controlplane" }),
});
export type ExamTask = z.infer<typeof ExamTask>;

/** What the CKA allows: 15-20 tasks, 120 minutes, 66% to pass. */
export const EXAM_LIMITS = { minTasks: 15, maxTasks: 20, totalPoints: 100, weightTolerance: 5 } as const;

export const Exam = z
  .strictObject({
    id: Slug,
    title: Localized,
    description: Localized.optional(),
    durationMinutes: z.number().int().positive().max(240).default(120),
    /** Percent of the points needed to pass. */
    passingScore: z.number().int().min(1).max(100).default(66),
    tasks: z.array(ExamTask).min(EXAM_LIMITS.minTasks, `needs at least ${EXAM_LIMITS.minTasks} tasks`).max(EXAM_LIMITS.maxTasks, `has more than ${EXAM_LIMITS.maxTasks} tasks`),
  })
  .superRefine((exam, ctx) => {
    const total = exam.tasks.reduce((s, t) => s + t.points, 0);
    if (total !== EXAM_LIMITS.totalPoints) ctx.addIssue({ code: "custom", path: ["tasks"], message: `points add up to ${total}, not ${EXAM_LIMITS.totalPoints}` });
    const seen = new Map<string, number>();
    exam.tasks.forEach((t, i) => {
      const first = seen.get(t.exercise);
      if (first !== undefined) ctx.addIssue({ code: "custom", path: ["tasks", i, "exercise"], message: `"${t.exercise}" is already tasks[${first}]` });
      else seen.set(t.exercise, i);
    });
  });
export type Exam = z.infer<typeof Exam>;
