// What the lab's images run when a kubelet starts them: the control-plane components (real etcd,
// Drydock's kube-apiserver, kube-controller-manager and kube-scheduler), and the add-on daemons
// whose work the lab does elsewhere (kube-proxy's rules and CoreDNS's answers live in the lab
// network; Calico, metrics-server and the ingress/gateway controllers only need to be running).
import path from "node:path";
import type { Random } from "../../cluster/api/types.js";
import type { ControllerFactory } from "../../cluster/controllers/types.js";
import { klogText, type Severity } from "../../cluster/kubelet/klog.js";
import type { Time } from "../../cluster/runtime/timers.js";
import type { ContainerProgramContext, ContainerProgramEntry } from "../../node/containers/programs/types.js";
import type { NodeConnector } from "../../apiserver/pod-streams.js";
import type { ApiSlot } from "./api-slot.js";
import { connect } from "node:net";
import type { Duplex } from "node:stream";
import { ok, serveHealth } from "./health.js";
import { startControllerManager, type ComponentProcess } from "./controller-manager.js";
import { startEtcdProgram } from "./etcd.js";
import { startKubeApiserver } from "./kube-apiserver.js";
import { startScheduler, type SchedulerFactory } from "./scheduler.js";

export interface LabProgramDeps {
  runDir: string;
  /** Host path of the node's tree (etcd's messages name node paths). */
  nodeRoot: string;
  hostname: string;
  slot: ApiSlot;
  apiSocket: string;
  clusterCaPem: string;
  time: Time;
  random: Random;
  /** etcd address → host socket, when the lab's etcd serves there. */
  etcdSocketFor(address: string): string | undefined;
  /** Resolves when etcd holds the fresh cluster (the first API server waits for it). */
  seeded(): Promise<void>;
  /** Called when an etcd process has started (the lab seeds a fresh store). */
  onEtcdStarted(): void;
  controllers(): Map<string, ControllerFactory>;
  createScheduler: SchedulerFactory;
  nodes: NodeConnector;
  /** The identity a component's next run uses for leader election (the first run's is seeded). */
  leaderIdentity(component: "kube-controller-manager" | "kube-scheduler"): string;
  /** CoreDNS's Corefile error, if the current Corefile does not parse. */
  corefileError(): string | undefined;
  /** A TCP connection from this node's host network (the API server's componentstatuses probes). */
  hostDial(host: string, port: number): Duplex | "refused";
  /** The add-on controllers that run while their pod runs, by image repository. */
  addonControllers: { repo: string; start(ctx: ContainerProgramContext): { stop(): void } }[];
}

/** The add-ons' health ports (their probes): [port, TLS]. */
const ADDON_HEALTH: [string, [number, boolean][]][] = [
  ["metrics-server/metrics-server", [[10250, true]]],
  ["ingress-nginx/controller", [[10254, false]]],
  ["nginx-gateway-fabric", [[8081, false]]],
];

/** klog lines from a component's "I message" / "E message" log calls. */
function klogger(ctx: ContainerProgramContext, source: string) {
  // The component is its container's first process: klog prints PID 1.
  const pid = 1;
  return (line: string) => {
    const m = /^([IWEF]) (.*)$/s.exec(line);
    const [sev, text] = m ? [m[1] as Severity, m[2]] : (["I", line] as [Severity, string]);
    // grpc-go's own messages reach klog through component-base's grpclog adapter.
    ctx.stderr(klogText(sev, ctx.time.now(), pid, text.startsWith("[core] ") ? "logging.go:55" : source, text) + "\n");
  };
}

const imageIs = (repo: string) => (image: string) => image.split("@")[0].replace(/:[^/:]+$/, "").endsWith(repo);
const hostPath = (ctx: ContainerProgramContext) => (p: string) => ctx.hostPathOf(p) ?? path.join("/nonexistent", p);

/** A component stops on SIGTERM and its container exits 0 once it has (SIGKILL: the runtime's 137). */
function wrap(ctx: ContainerProgramContext, p: ComponentProcess | { stop(): Promise<void> }) {
  return {
    stop: (signal: string) => {
      void p.stop().then(() => {
        if (signal !== "SIGKILL") ctx.exit(0);
      });
    },
  };
}

export function labPrograms(deps: LabProgramDeps): ContainerProgramEntry[] {
  return [
    {
      name: "etcd",
      match: (image, argv) => imageIs("/etcd")(image) && path.basename(argv[0] ?? "") === "etcd",
      start(ctx) {
        const etcd = startEtcdProgram({
          argv: ctx.argv,
          hostPathOf: ctx.hostPathOf,
          runDir: deps.runDir,
          nodeRoot: deps.nodeRoot,
          scratchDir: path.join(deps.runDir, "etcd-scratch"),
          log: (l) => ctx.stderr(l + "\n"),
          exit: (c) => ctx.exit(c),
        });
        deps.onEtcdStarted();
        serveHealth(ctx, 2381, (p) => (p === "/health" ? { status: 200, body: '{"health":"true","reason":""}', type: "application/json" } : { status: 200, body: "ok" }));
        return wrap(ctx, etcd);
      },
    },
    {
      name: "kube-apiserver",
      match: (image, argv) => imageIs("/kube-apiserver")(image) && path.basename(argv[0] ?? "") === "kube-apiserver",
      start(ctx) {
        const log = klogger(ctx, "server.go:219");
        // The container's port 6443 (host network) is the API server itself: probes get /livez.
        ctx.listen(6443, (socket) => {
          const up = connect(deps.apiSocket);
          up.on("error", () => socket.destroy());
          socket.on("error", () => up.destroy());
          socket.pipe(up).pipe(socket);
        });
        let stopped = false;
        let proc: { stop(): Promise<void> } | undefined;
        void deps.seeded().then(() => {
          if (stopped) return;
          proc = startKubeApiserver({
            argv: ctx.argv,
            clock: deps.time,
            random: deps.random,
            slot: deps.slot,
            apiSocket: deps.apiSocket,
            etcdSocketFor: deps.etcdSocketFor,
            hostPathOf: ctx.hostPathOf,
            log,
            exit: (c) => ctx.exit(c),
            nodes: deps.nodes,
            dial: (h, p) => deps.hostDial(h, p),
          });
        });
        return {
          stop(signal: string) {
            stopped = true;
            void (proc?.stop() ?? Promise.resolve()).then(() => {
              if (signal !== "SIGKILL") ctx.exit(0);
            });
          },
        };
      },
    },
    {
      name: "kube-controller-manager",
      match: (image, argv) => imageIs("/kube-controller-manager")(image) && path.basename(argv[0] ?? "") === "kube-controller-manager",
      start(ctx) {
        serveHealth(ctx, 10257, ok(), true);
        return wrap(
          ctx,
          startControllerManager({
            argv: ctx.argv,
            nodePath: hostPath(ctx),
            slot: deps.slot,
            clusterCaPem: deps.clusterCaPem,
            time: deps.time,
            random: deps.random,
            log: klogger(ctx, "controllermanager.go:189"),
            exit: (c) => ctx.exit(c),
            identity: deps.leaderIdentity("kube-controller-manager"),
            controllers: deps.controllers(),
          }),
        );
      },
    },
    {
      name: "kube-scheduler",
      match: (image, argv) => imageIs("/kube-scheduler")(image) && path.basename(argv[0] ?? "") === "kube-scheduler",
      start(ctx) {
        serveHealth(ctx, 10259, ok(), true);
        return wrap(
          ctx,
          startScheduler({
            argv: ctx.argv,
            nodePath: hostPath(ctx),
            slot: deps.slot,
            clusterCaPem: deps.clusterCaPem,
            time: deps.time,
            random: deps.random,
            log: klogger(ctx, "server.go:166"),
            exit: (c) => ctx.exit(c),
            identity: deps.leaderIdentity("kube-scheduler"),
            createScheduler: deps.createScheduler,
            hostname: deps.hostname,
          }),
        );
      },
    },
    {
      name: "coredns",
      match: imageIs("/coredns"),
      start(ctx) {
        const err = deps.corefileError();
        if (err) {
          ctx.stdout(`${err}\n`);
          setTimeout(() => ctx.exit(1), 50).unref();
          return { stop: () => undefined };
        }
        serveHealth(ctx, 8080, ok("OK"));
        serveHealth(ctx, 8181, ok("OK"));
        ctx.stdout(".:53\n[INFO] plugin/reload: Running configuration SHA512 = 591cf328cccc12bc490481273e738df59329c62c0b729d94e8b61db9961c2fa5f046dd37f1cf888b953814040d180f52594972691cd6ff41be96639138a43908\nCoreDNS-1.11.3\nlinux/amd64, go1.21.11, a6338e9\n");
        return { stop: () => ctx.exit(0) };
      },
    },
    {
      name: "kube-proxy",
      match: imageIs("/kube-proxy"),
      start(ctx) {
        const log = klogger(ctx, "server_linux.go:66");
        log(`I "Using iptables proxy"`);
        log(`I "kube-proxy running in dual-stack mode" primary ipFamily="IPv4"`);
        log(`I "Starting endpoint slice config controller"`);
        return { stop: () => ctx.exit(0) };
      },
    },
    {
      // Calico's init containers: install the CNI plugin and its config on the node, then exit.
      name: "calico init",
      match: (image, argv) =>
        (imageIs("calico/cni")(image) && ["install", "calico-ipam"].includes(path.basename(argv[0] ?? ""))) || (imageIs("calico/node")(image) && argv.includes("-init")),
      start(ctx) {
        const at = () => ctx.time.now().toISOString().replace("T", " ").replace(/\.(\d{3})Z$/, ".$1");
        ctx.stderr(`${at()} [INFO][1] cni-installer/<nil> <nil>: Running as a Kubernetes pod\n`);
        ctx.time.after(150, () => {
          ctx.stderr(`${at()} [INFO][1] cni-installer/<nil> <nil>: Done configuring CNI.  Sleep= false\n`);
          ctx.exit(0);
        });
        return { stop: () => ctx.exit(0) };
      },
    },
    {
      name: "add-on daemon",
      match: (image) =>
        ["calico/node", "calico/kube-controllers", "metrics-server/metrics-server", "ingress-nginx/controller", "local-path-provisioner", "nginx-gateway-fabric", "nginx-gateway-fabric/nginx"].some((r) =>
          image.split("@")[0].replace(/:[^/:]+$/, "").endsWith(r),
        ),
      start(ctx) {
        for (const [repo, ports] of ADDON_HEALTH) if (imageIs(repo)(ctx.image)) for (const [port, tls] of ports) serveHealth(ctx, port, ok(), tls);
        ctx.stderr(`${ctx.time.now().toISOString()} [INFO] starting ${ctx.image}\n`);
        // One-shot subcommands (NGF's init container) finish; daemons run until stopped.
        if (ctx.argv.includes("initialize")) {
          ctx.time.after(100, () => ctx.exit(0));
          return { stop: () => ctx.exit(0) };
        }
        const loops = deps.addonControllers.filter((a) => imageIs(a.repo)(ctx.image) && !ctx.image.includes("nginx-gateway-fabric/nginx")).map((a) => a.start(ctx));
        return {
          stop: () => {
            for (const l of loops) l.stop();
            ctx.exit(0);
          },
        };
      },
    },
  ];
}
