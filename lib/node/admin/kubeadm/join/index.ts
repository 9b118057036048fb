// kubeadm join for a worker (cmd/kubeadm/app/cmd/join.go, phases/join/{preflight,kubelet}.go,
// v1.32): validate the flags, run the node checks, discover the cluster with the token, read
// kubeadm-config and kubelet-config as the bootstrap token, write the kubelet's files, (re)start
// it, have the client certificate issued (the kubelet's TLS bootstrap, done here: see
// tls-bootstrap.ts), annotate the Node with the CRI socket and print the joined message.
import fs from "node:fs";
import path from "node:path";
import type { KObject, Random } from "../../../../cluster/api/types.js";
import type { ClusterClient } from "../../../../cluster/client/types.js";
import { GR } from "../../../../cluster/client/types.js";
import type { Time } from "../../../../cluster/runtime/timers.js";
import { CRI_SOCKET, createKubeletServingCert, generateRsaKeyPair, IMAGE_REPOSITORY, type KeySource } from "../../../kubeadm";
import { marshalYaml } from "../../../kubeadm/goyaml";
import type { CommandIO } from "../../../types";
import { fail } from "../errors";
import { uploadConfigHint } from "../messages";
import { release } from "../releases";
import { goDurationNs, initSystem, noExec, sleep, type NodeExec } from "../node-exec";
import { ignoreSet, joinNodeChecks, runChecks } from "../preflight";
import type { BootstrapClientFactory } from "./client";
import { DiscoveryError, retrieveValidatedConfigInfo } from "./discovery";
import { parseJoinFlags, splitToken, tokens, validateJoin } from "./flags";
import { tlsBootstrap } from "./tls-bootstrap";

export const JOIN_WORKER_DONE = `
This node has joined the cluster:
* Certificate signing request was sent to apiserver and a response was received.
* The Kubelet was informed of the new secure connection details.

Run 'kubectl get nodes' on the control-plane to see this node join the cluster.

`;

/** phases/join/kubelet.go kubeadmJoinFailMsg, dedented. */
export function joinFailMessage(err: string): string {
  return `
Unfortunately, an error has occurred:
	${err}

This error is likely caused by:
	- The kubelet is not running
	- The kubelet is unhealthy due to a misconfiguration of the node in some way (required cgroups disabled)

If you are on a systemd-powered system, you can try to troubleshoot the error with the following commands:
	- 'systemctl status kubelet'
	- 'journalctl -xeu kubelet'
`;
}

/** v1beta4 Timeouts: KubeletHealthCheck and TLSBootstrap 4m0s/5m0s; constants.KubernetesAPICallTimeout. */
const KUBELET_HEALTH_TIMEOUT_MS = 4 * 60_000;
const TLS_BOOTSTRAP_TIMEOUT_MS = 5 * 60_000;
const API_CALL_TIMEOUT_MS = 60_000;
const API_CALL_RETRY_MS = 500;
const CRI_SOCKET_ANNOTATION = "kubeadm.alpha.kubernetes.io/cri-socket";

export interface JoinDeps {
  /** The lab's client, used once the node has its own identity (CRI socket annotation). */
  client: () => Promise<ClusterClient>;
  bootstrapClient: BootstrapClientFactory;
  exec?: NodeExec;
  time: Time;
  random: Random;
  kubeadmVersion: string;
  keySource?: KeySource;
}

class PhaseError extends Error {
  constructor(
    readonly phase: string,
    message: string,
  ) {
    super(message);
  }
}

function writeNodeFile(io: CommandIO, p: string, content: string, mode = 0o644): void {
  const host = io.nodePath(p);
  fs.mkdirSync(path.dirname(host), { recursive: true });
  fs.writeFileSync(host, content, { mode });
  fs.chmodSync(host, mode);
}

/** kubeconfigutil.CreateWithToken(server, "kubernetes", "tls-bootstrap-token-user", ca, token). */
export function bootstrapKubeletConf(server: string, caPem: string, token: string): string {
  return marshalYaml({
    apiVersion: "v1",
    clusters: [{ cluster: { "certificate-authority-data": Buffer.from(caPem).toString("base64"), server }, name: "kubernetes" }],
    contexts: [{ context: { cluster: "kubernetes", user: "tls-bootstrap-token-user" }, name: "tls-bootstrap-token-user@kubernetes" }],
    "current-context": "tls-bootstrap-token-user@kubernetes",
    kind: "Config",
    preferences: {},
    users: [{ name: "tls-bootstrap-token-user", user: { token } }],
  });
}

/** flags.go buildKubeletArgs for a worker: sorted --key=value pairs; --hostname-override when the name differs. */
export function joinFlagsEnv(kubeadmVersion: string, nodeName: string, hostname: string): string {
  const args = new Map<string, string>([
    ["container-runtime-endpoint", CRI_SOCKET],
    ["pod-infra-container-image", `${IMAGE_REPOSITORY}/pause:${release(kubeadmVersion).pause}`],
  ]);
  if (nodeName !== hostname) args.set("hostname-override", nodeName);
  const line = [...args.keys()].sort().map((k) => `--${k}=${args.get(k)}`).join(" ");
  return `KUBELET_KUBEADM_ARGS="${line}"\n`;
}

function isReady(node: KObject | undefined): boolean {
  const conds = (node?.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? [];
  return conds.some((c) => c.type === "Ready" && c.status === "True");
}

/** A few hundred microseconds of jitter on top of the 500 ms poll, so durations look measured. */
function jitterNs(random: Random): number {
  return parseInt(random.uuid().replace(/-/g, "").slice(0, 6), 16) % 2_000_000;
}

/** WaitForKubelet: polls healthz (the unit being active) every 500 ms, the first check right away. */
async function waitForKubelet(io: CommandIO, deps: JoinDeps, exec: NodeExec): Promise<string | undefined> {
  io.stdout.write("[kubelet-check] Waiting for a healthy kubelet at http://127.0.0.1:10248/healthz. This can take up to 4m0s\n");
  const start = deps.time.now().getTime();
  for (;;) {
    await sleep(deps.time, API_CALL_RETRY_MS);
    const elapsed = deps.time.now().getTime() - start;
    if (await initSystem(exec).isActive("kubelet")) {
      io.stdout.write(`[kubelet-check] The kubelet is healthy after ${goDurationNs(elapsed * 1e6 + jitterNs(deps.random))}\n`);
      return undefined;
    }
    if (elapsed >= KUBELET_HEALTH_TIMEOUT_MS) {
      io.stdout.write(`[kubelet-check] The kubelet is not healthy after ${goDurationNs(elapsed * 1e6 + jitterNs(deps.random))}\n`);
      return `The HTTP call equal to 'curl -sSL http://127.0.0.1:10248/healthz' returned error: Get "http://127.0.0.1:10248/healthz": dial tcp 127.0.0.1:10248: connect: connection refused\n`;
    }
  }
}

/** patchnode.AnnotateCRISocket: retried until the kubelet has registered the Node. */
async function annotateCRISocket(deps: JoinDeps, nodeName: string): Promise<void> {
  const client = await deps.client();
  const deadline = deps.time.now().getTime() + API_CALL_TIMEOUT_MS;
  for (;;) {
    const node = client.get(GR.nodes, "", nodeName);
    if (node) {
      const annotations = (node.metadata?.annotations ?? {}) as Record<string, string>;
      if (annotations[CRI_SOCKET_ANNOTATION] === CRI_SOCKET) return;
      await client.patch(GR.nodes, "", nodeName, "application/strategic-merge-patch+json", { metadata: { annotations: { [CRI_SOCKET_ANNOTATION]: CRI_SOCKET } } });
      return;
    }
    if (deps.time.now().getTime() + API_CALL_RETRY_MS > deadline) throw new PhaseError("kubelet-start", `error writing CRISocket for this node: nodes "${nodeName}" not found`);
    await sleep(deps.time, API_CALL_RETRY_MS);
  }
}

export async function join(io: CommandIO, deps: JoinDeps, args: string[]): Promise<number> {
  const flags = parseJoinFlags(args);
  if (typeof flags === "string") return fail(io, flags);
  if (flags.controlPlane || flags.unsupported.length) {
    const what = flags.controlPlane ? "--control-plane" : flags.unsupported.join(", ");
    io.stderr.write(`Drydock: 'kubeadm join ${what}' is not simulated yet.\n`);
    return 1;
  }
  const invalid = validateJoin(flags);
  if (invalid) {
    io.stderr.write(`${invalid}\nTo see the stack trace of this error execute with --v=5 or higher\n`);
    return 3;
  }
  const ignore = ignoreSet(flags.ignorePreflightErrors);
  if (typeof ignore === "string") {
    io.stderr.write(`${ignore}\nTo see the stack trace of this error execute with --v=5 or higher\n`);
    return 3;
  }
  const exec = deps.exec ?? noExec;
  const systemd = initSystem(exec);
  const nodeName = flags.nodeName ?? io.nodeName;
  const { discovery, tlsBootstrap: bootstrapToken } = tokens(flags);
  const endpoint = flags.endpoint!;
  let wroteBootstrapConf = false;

  try {
    // Phase preflight.
    io.stdout.write("[preflight] Running pre-flight checks\n");
    const state = { kubeletActive: await systemd.isActive("kubelet"), kubeletEnabled: await systemd.isEnabled("kubelet") };
    const preflight = runChecks(io, joinNodeChecks(io, state), ignore);
    if (preflight) throw new PhaseError("preflight", preflight.message);

    let cluster;
    try {
      cluster = await retrieveValidatedConfigInfo({
        client: () => deps.bootstrapClient(endpoint),
        token: splitToken(discovery),
        caCertHashes: flags.caCertHashes,
        time: deps.time,
      });
    } catch (e) {
      if (e instanceof DiscoveryError) throw new PhaseError("preflight", `couldn't validate the identity of the API Server: ${e.message}`);
      throw e;
    }
    const api = deps.bootstrapClient(endpoint, bootstrapToken);
    io.stdout.write(`[preflight] Reading configuration from the "kubeadm-config" ConfigMap in namespace "kube-system"...\n`);
    io.stdout.write(`[preflight] ${uploadConfigHint(deps.kubeadmVersion)}\n`);
    let kubeletConfig: string;
    try {
      await api.getConfigMap("kube-system", "kubeadm-config");
      const kc = await api.getConfigMap("kube-system", "kubelet-config");
      kubeletConfig = ((kc.data ?? {}) as Record<string, string>).kubelet ?? "";
    } catch (e) {
      throw new PhaseError("preflight", `unable to fetch the kubeadm-config ConfigMap: failed to get config map: ${(e as Error).message}`);
    }

    // Phase kubelet-start.
    writeNodeFile(io, "/etc/kubernetes/bootstrap-kubelet.conf", bootstrapKubeletConf(cluster.server, cluster.caPem, bootstrapToken), 0o600);
    wroteBootstrapConf = true;
    if (!fs.existsSync(io.nodePath("/etc/kubernetes/pki/ca.crt"))) writeNodeFile(io, "/etc/kubernetes/pki/ca.crt", cluster.caPem);
    let existing: KObject | undefined;
    try {
      existing = await api.getNode(nodeName);
    } catch (e) {
      throw new PhaseError("kubelet-start", `cannot get Node "${nodeName}": ${(e as Error).message}`);
    }
    if (isReady(existing)) {
      throw new PhaseError(
        "kubelet-start",
        `a Node with name "${nodeName}" and status "Ready" already exists in the cluster. You must delete the existing Node or change the name of this new joining Node`,
      );
    }
    await systemd.stop("kubelet");
    io.stdout.write(`[kubelet-start] Writing kubelet configuration to file "/var/lib/kubelet/config.yaml"\n`);
    writeNodeFile(io, "/var/lib/kubelet/config.yaml", kubeletConfig);
    io.stdout.write(`[kubelet-start] Writing kubelet environment file with flags to file "/var/lib/kubelet/kubeadm-flags.env"\n`);
    writeNodeFile(io, "/var/lib/kubelet/kubeadm-flags.env", joinFlagsEnv(deps.kubeadmVersion, nodeName, io.nodeName));
    io.stdout.write("[kubelet-start] Starting the kubelet\n");
    // The kubelet's own start-up work, done before it starts since the simulated kubelet does not
    // bootstrap: its self-signed serving certificate, then the client certificate.
    await ensureServingCert(io, deps);
    let bootstrapError: string | undefined;
    try {
      await tlsBootstrap(io, { client: api, nodeName, server: cluster.server, caPem: cluster.caPem, time: deps.time, timeoutMs: TLS_BOOTSTRAP_TIMEOUT_MS });
    } catch (e) {
      bootstrapError = (e as Error).message;
    }
    await systemd.restart("kubelet");
    const unhealthy = await waitForKubelet(io, deps, exec);
    if (unhealthy) {
      io.stdout.write(joinFailMessage(unhealthy));
      throw new PhaseError("kubelet-start", unhealthy);
    }
    io.stdout.write("[kubelet-start] Waiting for the kubelet to perform the TLS Bootstrap\n");
    if (bootstrapError) {
      io.stdout.write(joinFailMessage(bootstrapError));
      throw new PhaseError("kubelet-start", bootstrapError);
    }
    await annotateCRISocket(deps, nodeName);
  } catch (e) {
    if (e instanceof PhaseError) return fail(io, `error execution phase ${e.phase}: ${e.message}`);
    throw e;
  } finally {
    // Deferred in runKubeletStartJoinPhase: the bootstrap credential never stays on disk.
    if (wroteBootstrapConf) fs.rmSync(io.nodePath("/etc/kubernetes/bootstrap-kubelet.conf"), { force: true });
  }
  io.stdout.write(JOIN_WORKER_DONE);
  return 0;
}

/** kubelet.crt/kubelet.key as the kubelet generates them at start when missing. */
async function ensureServingCert(io: CommandIO, deps: JoinDeps): Promise<void> {
  if (fs.existsSync(io.nodePath("/var/lib/kubelet/pki/kubelet.crt"))) return;
  const source = deps.keySource ?? generateRsaKeyPair;
  const serving = createKubeletServingCert(io.nodeName, { ca: await source(), leaf: await source() }, deps.time.now());
  writeNodeFile(io, "/var/lib/kubelet/pki/kubelet.crt", serving.certPem);
  writeNodeFile(io, "/var/lib/kubelet/pki/kubelet.key", serving.keyPem, 0o600);
}
