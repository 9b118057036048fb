import type { T } from "../../lib/web/i18n";
import type { PanelLabels } from "../_components/LabPanel";

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
