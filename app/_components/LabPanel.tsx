"use client";
// The exercise's working area: start/reset the lab, the terminal, Check with per-check results,
// hints one at a time, and the (recorded) solution.
import { useState, useTransition } from "react";
import TerminalTabs from "./Terminal";
import { startLabAction, checkAction, hintAction, revealSolutionAction } from "../_lib/actions";
import type { LabView } from "../../lib/web/data/labs";
import type { CheckOutcome } from "../../lib/web/grading";

export type PanelLabels = Record<
  "start" | "starting" | "check" | "checking" | "hints" | "showHint" | "showSolution" | "solutionRecorded" | "reset" | "resetConfirm" | "allPassed" | "someFailed" | "labFailed" | "newTab" | "connecting" | "reconnecting" | "idle" | "closed",
  string
>;

export default function LabPanel({ exerciseId, initialLab, hintCount, hasSolution, labels }: { exerciseId: string; initialLab?: LabView; hintCount: number; hasSolution: boolean; labels: PanelLabels }) {
  const [lab, setLab] = useState<LabView | undefined>(initialLab);
  const [error, setError] = useState<string>();
  const [results, setResults] = useState<CheckOutcome[]>();
  const [hints, setHints] = useState<string[]>([]);
  const [solution, setSolution] = useState<string>();
  const [pending, start] = useTransition();
  const [checking, startCheck] = useTransition();

  const launch = () =>
    start(async () => {
      setError(undefined);
      setResults(undefined);
      const r = await startLabAction(exerciseId);
      if (r.error) setError(r.error);
      setLab(r.lab);
    });

  const ready = lab?.status === "ready";
  const failed = results?.filter((r) => !r.passed).length ?? 0;
  return (
    <section className="lab-panel">
      <div className="lab-actions">
        {!ready && (
          <button className="primary" onClick={launch} disabled={pending}>
            {pending ? labels.starting : labels.start}
          </button>
        )}
        {ready && (
          <>
            <button
              className="primary"
              disabled={checking}
              onClick={() =>
                startCheck(async () => {
                  const r = await checkAction(exerciseId, lab.labName);
                  if (r.error) setError(r.error);
                  setResults(r.results);
                })
              }
            >
              {checking ? labels.checking : labels.check}
            </button>
            <button onClick={() => confirm(labels.resetConfirm) && launch()} disabled={pending}>
              {pending ? labels.starting : labels.reset}
            </button>
          </>
        )}
        {hints.length < hintCount && (
          <button
            onClick={async () => {
              const r = await hintAction(exerciseId, hints.length + 1);
              if (r.hint) setHints([...hints, r.hint]);
            }}
          >
            {labels.showHint} ({hints.length + 1}/{hintCount})
          </button>
        )}
        {hasSolution && solution === undefined && (
          <button
            title={labels.solutionRecorded}
            onClick={async () => {
              const r = await revealSolutionAction(exerciseId);
              setSolution(r.solution);
            }}
          >
            {labels.showSolution}
          </button>
        )}
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {lab?.status === "failed" && (
        <p className="error" role="alert">
          {labels.labFailed.replace("{message}", lab.error ?? "")}
        </p>
      )}
      {results && (
        <div className="results" data-testid="check-results">
          <p className={failed ? "fail" : "pass"}>{failed ? labels.someFailed.replace("{failed}", String(failed)).replace("{total}", String(results.length)) : labels.allPassed}</p>
          <ul>
            {results.map((r) => (
              <li key={r.id} className={r.passed ? "pass" : "fail"}>
                <span aria-hidden>{r.passed ? "✔" : "✘"}</span> {r.description}
                {!r.passed && <div className="msg">{r.message}</div>}
              </li>
            ))}
          </ul>
        </div>
      )}
      {hints.length > 0 && (
        <div className="hints">
          <h3>{labels.hints}</h3>
          <ol>
            {hints.map((h, i) => (
              <li key={i}>{h}</li>
            ))}
          </ol>
        </div>
      )}
      {solution !== undefined && (
        <div className="solution">
          <h3>{labels.showSolution}</h3>
          <pre>{solution}</pre>
        </div>
      )}
      {ready && <TerminalTabs key={lab.labName} lab={lab.labName} labels={labels} />}
    </section>
  );
}
