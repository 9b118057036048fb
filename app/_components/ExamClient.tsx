"use client";
// The running mock exam: the countdown with alerts at 30/15/5 minutes, the question list with
// flags, the current question, the lab terminal, and submission.
import { useEffect, useState, useTransition, type ReactNode } from "react";
import TerminalTabs from "./Terminal";
import CopyButton from "./CopyButton";
import { flagAction, submitExamAction, startExamLabAction } from "../_lib/actions";
import type { LabView } from "../../lib/web/data/labs";

const ALERTS = [30, 15, 5];

type Labels = Record<"timeLeft" | "alert" | "flag" | "unflag" | "submit" | "submitConfirm" | "task" | "start" | "starting" | "labFailed" | "newTab" | "connecting" | "reconnecting" | "idle" | "closed" | "copy" | "copied", string>;

export interface ExamTask {
  id: string;
  title: string;
  /** "Context: node node01, namespace web" */
  context: string;
  /** What to do before the task, and the commands that do it (ssh NODE, kubectl config use-context). */
  connect: string;
  commands: string[];
}

function fmt(ms: number) {
  const s = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(s / 3600)}:${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
}

export default function ExamClient({ examId, deadline, tasks, prompts, flags: initialFlags, initialLab, labels }: { examId: string; deadline: string; tasks: ExamTask[]; prompts: ReactNode[]; flags: string[]; initialLab?: LabView; labels: Labels }) {
  const [current, setCurrent] = useState(0);
  const [flags, setFlags] = useState(initialFlags);
  const [left, setLeft] = useState(() => Date.parse(deadline) - Date.now());
  const [alertMsg, setAlertMsg] = useState<string>();
  const [lab, setLab] = useState(initialLab);
  const [error, setError] = useState<string>();
  const [pending, start] = useTransition();
  const [submitting, startSubmit] = useTransition();

  useEffect(() => {
    const fired = new Set(ALERTS.filter((m) => Date.parse(deadline) - Date.now() <= m * 60_000));
    const id = setInterval(() => {
      const l = Date.parse(deadline) - Date.now();
      setLeft(l);
      for (const m of ALERTS) {
        if (l <= m * 60_000 && !fired.has(m)) {
          fired.add(m);
          setAlertMsg(labels.alert.replace("{minutes}", String(m)));
        }
      }
      if (l <= 0) {
        clearInterval(id);
        startSubmit(() => submitExamAction(examId));
      }
    }, 1000);
    return () => clearInterval(id);
  }, [deadline, examId, labels.alert]);

  const task = tasks[current];
  return (
    <div className="exam">
      <header className="exam-bar">
        <span className={left < 5 * 60_000 ? "timer low" : "timer"} data-testid="exam-timer">
          {labels.timeLeft}: {fmt(left)}
        </span>
        <button className="primary" disabled={submitting} onClick={() => confirm(labels.submitConfirm) && startSubmit(() => submitExamAction(examId))}>
          {labels.submit}
        </button>
      </header>
      {alertMsg && (
        <p className="exam-alert" role="alert" onClick={() => setAlertMsg(undefined)}>
          {alertMsg}
        </p>
      )}
      <div className="exam-body">
        <ol className="questions">
          {tasks.map((t, i) => (
            <li key={t.id} className={i === current ? "current" : ""}>
              <button onClick={() => setCurrent(i)}>
                {labels.task} {i + 1}
                {flags.includes(t.id) ? " ⚑" : ""}
              </button>
            </li>
          ))}
        </ol>
        <section className="question">
          <h2>
            {labels.task} {current + 1}: {task.title}
          </h2>
          <div className="task-context" data-testid="task-context">
            <p className="context">{task.context}</p>
            <p className="connect">{task.connect}</p>
            {task.commands.map((c) => (
              <div key={c} className="codeblock">
                <pre>
                  <code>{c}</code>
                </pre>
                <CopyButton text={c} label={labels.copy} done={labels.copied} />
              </div>
            ))}
          </div>
          <button onClick={async () => setFlags(await flagAction(examId, task.id))}>{flags.includes(task.id) ? labels.unflag : labels.flag}</button>
          {prompts.map((p, i) => (
            <div key={i} style={{ display: i === current ? "block" : "none" }}>
              {p}
            </div>
          ))}
          <nav className="prevnext">
            <button disabled={current === 0} onClick={() => setCurrent(current - 1)}>
              ←
            </button>
            <button disabled={current === tasks.length - 1} onClick={() => setCurrent(current + 1)}>
              →
            </button>
          </nav>
        </section>
      </div>
      {lab?.status !== "ready" && (
        <button
          className="primary"
          disabled={pending}
          onClick={() =>
            start(async () => {
              const r = await startExamLabAction(examId);
              if (r.error) setError(r.error);
              setLab(r.lab);
            })
          }
        >
          {pending ? labels.starting : labels.start}
        </button>
      )}
      {error && <p className="error" role="alert">{error}</p>}
      {lab?.status === "failed" && <p className="error" role="alert">{labels.labFailed.replace("{message}", lab.error ?? "")}</p>}
      {lab?.status === "ready" && <TerminalTabs lab={lab.labName} labels={labels} />}
    </div>
  );
}
