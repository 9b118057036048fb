// ClusterIP and NodePort allocation for Services (pkg/registry/core/service/ipallocator and
// portallocator): requested addresses are checked, others are taken from the ranges.
import { StatusError, type KObject, type Random } from "../api/types.js";

function ipToInt(ip: string): number {
  return ip.split(".").reduce((a, b) => a * 256 + Number(b), 0);
}
function intToIp(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join(".");
}

function invalid(name: string, field: string, value: unknown, detail: string): StatusError {
  const msg = `Invalid value: ${typeof value === "string" ? `"${value}"` : value}: ${detail}`;
  return new StatusError(422, "Invalid", `Service "${name}" is invalid: ${field}: ${msg}`, {
    name,
    kind: "Service",
    causes: [{ reason: "FieldValueInvalid", message: msg, field }],
  });
}

export function allocateServiceAddresses(
  svc: KObject,
  old: KObject | undefined,
  existing: KObject[],
  opts: { serviceCIDR: string; nodePortRange: [number, number]; random: Random },
): KObject {
  const out = structuredClone(svc);
  const spec = (out.spec ??= {}) as Record<string, unknown>;
  const name = out.metadata?.name ?? "";
  const others = existing.filter((s) => s.metadata?.uid !== out.metadata?.uid && !(s.metadata?.namespace === out.metadata?.namespace && s.metadata?.name === name));
  const oldSpec = (old?.spec ?? {}) as Record<string, unknown>;
  if (spec.type !== "ExternalName") {
    const [base, bits] = opts.serviceCIDR.split("/");
    const start = ipToInt(base);
    const size = 2 ** (32 - Number(bits));
    const used = new Set(others.map((s) => (s.spec as { clusterIP?: string })?.clusterIP).filter(Boolean));
    if (oldSpec.clusterIP && !spec.clusterIP) spec.clusterIP = oldSpec.clusterIP;
    if (!spec.clusterIP) {
      // Upstream picks at random (with an upper-band preference for dynamic IPs); so do we.
      for (let i = 0; i < 1000; i++) {
        const off = 10 + (parseInt(opts.random.string(6).split("").map((c) => c.charCodeAt(0).toString(16)).join("").slice(0, 8), 16) % (size - 12));
        const ip = intToIp(start + off);
        if (!used.has(ip)) {
          spec.clusterIP = ip;
          break;
        }
      }
    } else if (spec.clusterIP !== "None" && !old) {
      const n = ipToInt(String(spec.clusterIP));
      if (n < start || n >= start + size) throw invalid(name, "spec.clusterIPs", spec.clusterIP, `failed to allocate IP ${spec.clusterIP}: the provided IP (${spec.clusterIP}) is not in the valid range. The range of valid IPs is ${opts.serviceCIDR}`);
      if (used.has(String(spec.clusterIP))) throw invalid(name, "spec.clusterIPs", spec.clusterIP, `failed to allocate IP ${spec.clusterIP}: provided IP is already allocated`);
    }
    spec.clusterIPs = [spec.clusterIP];
    if (spec.clusterIP !== "None" || spec.ipFamilies === undefined) {
      spec.ipFamilies ??= ["IPv4"];
      spec.ipFamilyPolicy ??= "SingleStack";
    }
  }
  if (spec.type === "NodePort" || spec.type === "LoadBalancer") {
    const [lo, hi] = opts.nodePortRange;
    const used = new Set<number>();
    for (const s of others) for (const p of ((s.spec as { ports?: { nodePort?: number }[] })?.ports ?? [])) if (p.nodePort) used.add(p.nodePort);
    const oldPorts = (oldSpec.ports as { port: number; protocol?: string; nodePort?: number }[] | undefined) ?? [];
    const ports = (spec.ports as { port: number; protocol?: string; nodePort?: number }[] | undefined) ?? [];
    ports.forEach((p, i) => {
      if (!p.nodePort) {
        const prev = oldPorts.find((q) => q.port === p.port && (q.protocol ?? "TCP") === (p.protocol ?? "TCP"));
        if (prev?.nodePort) p.nodePort = prev.nodePort;
      }
      if (p.nodePort) {
        const wasOurs = oldPorts.some((q) => q.nodePort === p.nodePort);
        if (p.nodePort < lo || p.nodePort > hi) throw invalid(name, `spec.ports[${i}].nodePort`, p.nodePort, `provided port is not in the valid range. The range of valid ports is ${lo}-${hi}`);
        if (used.has(p.nodePort) && !wasOurs) throw invalid(name, `spec.ports[${i}].nodePort`, p.nodePort, "provided port is already allocated");
      } else {
        for (let port = lo + ((ipToInt("0.0." + (name.length % 256) + ".1") * 7919) % (hi - lo)); ; port = port >= hi ? lo : port + 1) {
          if (!used.has(port)) {
            p.nodePort = port;
            break;
          }
        }
      }
      used.add(p.nodePort!);
    });
  }
  return out;
}
