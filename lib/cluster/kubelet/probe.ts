// The result state machine of one probe of one container, as pkg/kubelet/prober/worker.go: a
// result is reported only after successThreshold/failureThreshold equal results in a row, the
// initial delay counts from the container's start, and a failed liveness/startup probe puts the
// worker on hold until the container restarts.
import type { Probe } from "./types.js";

export type ProbeType = "liveness" | "readiness" | "startup";
export type ProbeResult = "success" | "failure" | "unknown";

/** The v1.Probe defaults (pkg/apis/core/v1/defaults.go). */
export function probeDefaults(p: Probe): Required<Pick<Probe, "initialDelaySeconds" | "timeoutSeconds" | "periodSeconds" | "successThreshold" | "failureThreshold">> {
  return {
    initialDelaySeconds: p.initialDelaySeconds ?? 0,
    timeoutSeconds: p.timeoutSeconds ?? 1,
    periodSeconds: p.periodSeconds ?? 10,
    successThreshold: p.successThreshold ?? 1,
    failureThreshold: p.failureThreshold ?? 3,
  };
}

/** results.Manager initial values: readiness starts failed, liveness succeeded, startup unknown. */
export function initialResult(t: ProbeType): ProbeResult {
  return t === "readiness" ? "failure" : t === "liveness" ? "success" : "unknown";
}

export class ProbeState {
  lastResult: ProbeResult = "unknown";
  resultRun = 0;
  reported: ProbeResult;
  onHold = false;

  constructor(
    readonly type: ProbeType,
    readonly probe: Probe,
  ) {
    this.reported = initialResult(type);
  }

  /** Whether the probe should run now, given how long ago the container started. */
  due(sinceStartMs: number): boolean {
    if (this.onHold) return false;
    return sinceStartMs >= probeDefaults(this.probe).initialDelaySeconds * 1000;
  }

  /** Feeds one probe outcome; returns the newly reported result when it changes. */
  observe(result: ProbeResult): ProbeResult | undefined {
    const d = probeDefaults(this.probe);
    if (result === this.lastResult) this.resultRun++;
    else {
      this.lastResult = result;
      this.resultRun = 1;
    }
    if ((result === "failure" && this.resultRun < d.failureThreshold) || (result === "success" && this.resultRun < d.successThreshold)) return undefined;
    const changed = this.reported !== result;
    this.reported = result;
    if ((this.type === "liveness" || this.type === "startup") && result === "failure") {
      // The container will be killed: stop probing until it runs again.
      this.onHold = true;
      this.resultRun = 0;
    }
    return changed || (result === "failure" && this.type !== "readiness") ? result : undefined;
  }

  /** A new container instance: start over. */
  reset(): void {
    this.lastResult = "unknown";
    this.resultRun = 0;
    this.reported = initialResult(this.type);
    this.onHold = false;
  }
}

const TITLE: Record<ProbeType, string> = { liveness: "Liveness", readiness: "Readiness", startup: "Startup" };

/** The Unhealthy event text (prober.go recordContainerEvent). */
export function unhealthyMessage(t: ProbeType, output: string, errored = false): string {
  return errored ? `${TITLE[t]} probe errored: ${output}` : `${TITLE[t]} probe failed: ${output}`;
}

/** The Killing event text after a failed liveness or startup probe (kuberuntime_manager.go). */
export function probeKillMessage(t: "liveness" | "startup", container: string): string {
  return `Container ${container} failed ${t} probe, will be restarted`;
}

/** What an HTTP probe reports (pkg/probe/http/http.go). */
export function httpProbeOutcome(statusCode: number): { result: ProbeResult; output: string } {
  if (statusCode >= 200 && statusCode < 400) return { result: "success", output: "" };
  return { result: "failure", output: `HTTP probe failed with statuscode: ${statusCode}` };
}

/** The Go net/http client's error text for a refused or timed-out probe request. */
export function httpDialError(url: string, ip: string, port: number, kind: "refused" | "timeout"): string {
  if (kind === "refused") return `Get "${url}": dial tcp ${ip}:${port}: connect: connection refused`;
  return `Get "${url}": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`;
}

export function tcpDialError(ip: string, port: number, kind: "refused" | "timeout"): string {
  return kind === "refused" ? `dial tcp ${ip}:${port}: connect: connection refused` : `dial tcp ${ip}:${port}: i/o timeout`;
}

/** A named port of the container resolved to its number (prober.go findPortByName). */
export function resolveProbePort(port: number | string, ports: { name?: string; containerPort: number }[] = []): number | Error {
  if (typeof port === "number") return port;
  if (/^\d+$/.test(port)) return Number(port);
  const p = ports.find((x) => x.name === port);
  return p ? p.containerPort : new Error(`couldn't find port: ${port} in ${JSON.stringify(ports)}`);
}
