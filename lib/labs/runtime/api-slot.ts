// The lab's kube-apiserver as the components reach it. kube-apiserver runs as a static pod and
// can stop and start (a student edits its manifest, etcd is restored); the components keep
// running through that, as their informers do upstream: reads are served from what they last
// saw, writes fail with the dial error, and when a server is back each watch relists and gets
// the differences as events.
import type { KObject, UserInfo } from "../../cluster/api/types.js";
import type { ClusterClient, GroupResource, WatchHandler } from "../../cluster/client/types.js";
import type { ApiServer } from "../../apiserver/server.js";

/** What a dial to a stopped server gives in Go: components log it verbatim. */
export class DialError extends Error {
  constructor(readonly address: string) {
    super(`dial tcp ${address}: connect: connection refused`);
  }
}

export class ApiSlot {
  private server: ApiServer | undefined;
  private readonly listeners = new Set<(server: ApiServer | undefined) => void>();

  get current(): ApiServer | undefined {
    return this.server;
  }

  /** Called by the kube-apiserver program when it is serving (or has stopped: undefined). */
  set(server: ApiServer | undefined): void {
    this.server = server;
    for (const l of this.listeners) l(server);
  }

  onChange(l: (server: ApiServer | undefined) => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
}

const keyOf = (o: KObject) => `${o.metadata?.namespace ?? ""}/${o.metadata?.name}`;
const grKey = (gr: GroupResource) => `${gr.group}/${gr.resource}`;

interface Registration {
  gr: GroupResource;
  handler: WatchHandler;
  known: Map<string, KObject>;
  cancel?: () => void;
}

/**
 * A ClusterClient for one component identity that survives API server restarts. `address` is
 * the host:port the component's kubeconfig names (for the error text).
 */
export function componentClient(slot: ApiSlot, user: UserInfo, address: string): ClusterClient & { close(): void } {
  const regs = new Set<Registration>();
  const lastLists = new Map<string, Map<string, KObject>>();
  let client: ClusterClient | undefined;

  const attach = (server: ApiServer | undefined) => {
    client = server?.client(user);
    for (const r of regs) subscribe(r);
  };

  const subscribe = (r: Registration) => {
    r.cancel?.();
    r.cancel = undefined;
    if (!client) return;
    const c = client;
    r.cancel = c.watch(r.gr, (type, obj, old) => {
      if (type === "DELETED") r.known.delete(keyOf(obj));
      else r.known.set(keyOf(obj), obj);
      r.handler(type, obj, old);
    });
    // Relist: what changed while the component could not see the server.
    const now = new Map(c.list(r.gr).map((o) => [keyOf(o), o] as const));
    const before = r.known;
    r.known = new Map(now);
    for (const [k, o] of now) {
      const prev = before.get(k);
      if (!prev) r.handler("ADDED", o);
      else if (prev.metadata?.resourceVersion !== o.metadata?.resourceVersion) r.handler("MODIFIED", o, prev);
    }
    for (const [k, o] of before) if (!now.has(k)) r.handler("DELETED", o);
  };

  const unsubscribeSlot = slot.onChange(attach);
  client = slot.current?.client(user);

  const live = (): ClusterClient => {
    if (!client) throw new DialError(address);
    return client;
  };
  const cachedList = (gr: GroupResource): KObject[] => {
    for (const r of regs) if (grKey(r.gr) === grKey(gr)) return [...r.known.values()];
    return [...(lastLists.get(grKey(gr))?.values() ?? [])];
  };

  return {
    get(gr, namespace, name) {
      if (client) return client.get(gr, namespace, name);
      return cachedList(gr).find((o) => o.metadata?.name === name && (o.metadata?.namespace ?? "") === (namespace ?? ""));
    },
    list(gr, namespace) {
      if (client) {
        const items = client.list(gr, namespace);
        if (!namespace) lastLists.set(grKey(gr), new Map(items.map((o) => [keyOf(o), o] as const)));
        return items;
      }
      const all = cachedList(gr);
      return namespace ? all.filter((o) => o.metadata?.namespace === namespace) : all;
    },
    watch(gr, handler) {
      const r: Registration = { gr, handler, known: new Map() };
      if (client) for (const o of client.list(gr)) r.known.set(keyOf(o), o);
      regs.add(r);
      if (client) {
        const c = client;
        r.cancel = c.watch(gr, (type, obj, old) => {
          if (type === "DELETED") r.known.delete(keyOf(obj));
          else r.known.set(keyOf(obj), obj);
          handler(type, obj, old);
        });
      }
      return () => {
        r.cancel?.();
        regs.delete(r);
      };
    },
    create: async (gr, obj, opts) => live().create(gr, obj, opts),
    update: async (gr, obj, opts) => live().update(gr, obj, opts),
    patch: async (gr, ns, name, type, patch, opts) => live().patch(gr, ns, name, type, patch, opts),
    delete: async (gr, ns, name, opts) => live().delete(gr, ns, name, opts),
    createSubresource: async (gr, ns, name, sub, body) => live().createSubresource(gr, ns, name, sub, body),
    close() {
      unsubscribeSlot();
      for (const r of regs) r.cancel?.();
      regs.clear();
    },
  };
}
