// kube-apiserver as its static pod runs it: every flag that matters is read from the container's
// command, every file through the container's mounts (a path outside the mounts does not exist
// in the container, as upstream). It serves on the lab's API socket, which the nodes' forwarders
// put at <controlplane IP>:6443 and 127.0.0.1:6443, and announces itself in the ApiSlot.
import { readFileSync, rmSync } from "node:fs";
import type { Clock, Random } from "../../cluster/api/types.js";
import { ApiServer } from "../../apiserver/server.js";
import { EtcdStore } from "../../store/etcd.js";
import type { ApiSlot } from "./api-slot.js";
import type { NodeConnector } from "../../apiserver/pod-streams.js";
import type { HostDial } from "../../apiserver/component-status.js";
import { parseFlags } from "./flags.js";

export interface ContainerFiles {
  /** Host path of a file as the container sees it, or undefined when no mount covers it. */
  hostPathOf(containerPath: string): string | undefined;
}

export interface ApiServerProgramDeps extends ContainerFiles {
  argv: string[];
  clock: Clock;
  random: Random;
  slot: ApiSlot;
  /** The lab's API socket (host path). */
  apiSocket: string;
  /** etcd address (host:port as in --etcd-servers) → host unix socket of that etcd, if one listens there. */
  etcdSocketFor(address: string): string | undefined;
  log(line: string): void;
  exit(code: number): void;
  /** The kubelets, for pods/log and pods/exec. */
  nodes?: NodeConnector;
  /** Connections from the API server's host network (componentstatuses probes the components there). */
  dial?: HostDial;
}

export function readContainerFile(deps: ContainerFiles, p: string): Buffer {
  const host = deps.hostPathOf(p);
  if (!host) throw new Error(`open ${p}: no such file or directory`);
  try {
    return readFileSync(host);
  } catch {
    throw new Error(`open ${p}: no such file or directory`);
  }
}

/**
 * The line grpc-go logs through klog when the etcd client cannot reach an endpoint
 * (grpc clientconn.go's createTransport warning): it names the --etcd-servers address, never the
 * lab's host socket behind it.
 */
export function etcdDialWarning(address: string, err: string): string {
  const cause = /ENOENT|ECONNREFUSED|ECONNRESET|UNAVAILABLE/.test(err) ? `dial tcp ${address}: connect: connection refused` : "context deadline exceeded";
  return `W [core] [Channel #1 SubChannel #2]grpc: addrConn.createTransport failed to connect to {Addr: "${address}", ServerName: "${address}", }. Err: connection error: desc = "transport: Error while dialing: ${cause}"`;
}

export function startKubeApiserver(deps: ApiServerProgramDeps): { stop(): Promise<void> } {
  const { flags: f } = parseFlags(deps.argv.slice(1));
  let server: ApiServer | undefined;
  let store: EtcdStore | undefined;
  let stopped = false;
  const fail = (msg: string) => {
    deps.log(`E ${msg}`);
    deps.exit(1);
  };
  const run = async () => {
    const file = (flag: string) => readContainerFile(deps, f.get(flag) ?? "");
    let tls;
    try {
      tls = {
        caPem: file("etcd-cafile"),
        certPem: file("etcd-certfile"),
        keyPem: file("etcd-keyfile"),
        tlsCert: file("tls-cert-file"),
        tlsKey: file("tls-private-key-file"),
        clientCA: file("client-ca-file"),
        saPub: file("service-account-key-file").toString(),
        saKey: file("service-account-signing-key-file").toString(),
      };
    } catch (e) {
      return fail(`"Error: ${(e as Error).message}"`);
    }
    const etcdServers = (f.get("etcd-servers") ?? "").split(",").filter(Boolean);
    const sockets = etcdServers.map((u) => {
      try {
        const url = new URL(u);
        return deps.etcdSocketFor(`${url.hostname}:${url.port || "2379"}`);
      } catch {
        return undefined;
      }
    });
    const socket = sockets.find(Boolean);
    const etcdAddress = (etcdServers[sockets.findIndex(Boolean)] ?? etcdServers[0] ?? "").replace(/^https?:\/\//, "");
    if (!socket) {
      // Upstream keeps dialing and the process is restarted by the kubelet when it gives up.
      deps.log(etcdDialWarning(etcdAddress, "ECONNREFUSED"));
      return setTimeout(() => !stopped && fail(`"Error creating leases" err="error creating storage factory: context deadline exceeded"`), 20_000).unref();
    }
    store = new EtcdStore({ endpoints: [`unix://${socket}`], caPem: tls.caPem, certPem: tls.certPem, keyPem: tls.keyPem });
    const range = (f.get("service-node-port-range") ?? "30000-32767").split("-").map(Number) as [number, number];
    server = new ApiServer({
      store,
      clock: deps.clock,
      random: deps.random,
      tlsCert: tls.tlsCert,
      tlsKey: tls.tlsKey,
      clientCA: tls.clientCA,
      saPublicKeys: [tls.saPub],
      saSigningKey: tls.saKey,
      issuer: f.get("service-account-issuer") ?? "https://kubernetes.default.svc.cluster.local",
      admission: {
        enabled: (f.get("enable-admission-plugins") ?? "").split(",").filter(Boolean),
        disabled: (f.get("disable-admission-plugins") ?? "").split(",").filter(Boolean),
        serviceCIDR: f.get("service-cluster-ip-range") ?? "10.96.0.0/12",
        nodePortRange: range,
      },
      authorizationModes: (f.get("authorization-mode") ?? "AlwaysAllow").split(","),
      advertiseAddress: f.get("advertise-address") ?? "127.0.0.1",
      securePort: Number(f.get("secure-port") ?? 6443),
      // The cache's resync warnings carry the store's transport error (the host socket).
      log: (l) => deps.log(l.startsWith("W etcd not reachable yet") ? etcdDialWarning(etcdAddress, l) : l),
      nodes: deps.nodes,
      dial: deps.dial,
    });
    for (let i = 0; !stopped; i++) {
      try {
        await server.start();
        break;
      } catch (e) {
        if (i === 0 || i % 20 === 0) deps.log(etcdDialWarning(etcdAddress, (e as Error).message));
        if (i > 400) return fail(`"Error creating leases" err="error creating storage factory: context deadline exceeded"`);
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    if (stopped) return;
    // A socket file left by a previous instance that died is stale: take the address over.
    rmSync(deps.apiSocket, { force: true });
    await server.listen(deps.apiSocket);
    deps.slot.set(server);
    deps.log(`I "Serving securely on [::]:${f.get("secure-port") ?? 6443}"`);
  };
  const started = run().catch((e) => fail(`"Error" err="${(e as Error).message}"`));
  return {
    async stop() {
      stopped = true;
      await started;
      if (deps.slot.current === server) deps.slot.set(undefined);
      await server?.close().catch(() => undefined);
      await store?.close().catch(() => undefined);
    },
  };
}
