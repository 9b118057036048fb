import type { T } from "../../lib/web/i18n";
import type { PanelLabels } from "../_components/LabPanel";
import type { TaskContext } from "../../lib/web/exercises";

/** "Context: node node01, namespace web" (the namespace only when the task has one). */
export function contextLine(t: T, c: TaskContext): string {
  return c.namespace ? t("exam.contextNamespace", { node: c.node, namespace: c.namespace }) : t("exam.context", { node: c.node });
}

export function panelLabels(t: T): PanelLabels {
  return {
    start: t("exercise.start"),
    starting: t("exercise.starting"),
    check: t("exercise.check"),
    checking: t("exercise.checking"),
    hints: t("exercise.hints"),
    showHint: t("exercise.showHint"),
    showSolution: t("exercise.showSolution"),
    solutionRecorded: t("exercise.solutionRecorded"),
    reset: t("exercise.reset"),
    resetConfirm: t("exercise.resetConfirm"),
    allPassed: t("exercise.allPassed"),
    someFailed: t("exercise.someFailed"),
    labFailed: t("exercise.labFailed"),
    newTab: t("terminal.newTab"),
    connecting: t("terminal.connecting"),
    reconnecting: t("terminal.reconnecting"),
    idle: t("terminal.idleWarning"),
    closed: t("terminal.closed"),
  };
}
