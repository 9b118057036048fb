// The real iptables rules Drydock programs in a node's network namespace so that real clients
// get real kernel answers before any byte is sent: a connection that would reach an endpoint is
// REDIRECTed to the node's interceptor (lib/sandbox/netns-intercept.ts); one kube-proxy would
// REJECT gets ICMP port-unreachable ("Connection refused") from OUTPUT; one it would DROP, or an
// unused cluster address, is dropped on INPUT, so the client retransmits and times out instead
// of getting EPERM. These chains are plumbing, not kube-proxy's: the node's `iptables-save`
// shows renderIptablesSave() instead (the lead hooks the iptables binary).
import { INTERCEPT_PORT } from "../../sandbox/netns-intercept";

export interface InterceptPlan {
  /** TCP destinations sent to the interceptor; port undefined = every port (pod IPs). */
  redirectTcp: { ip: string; port?: number }[];
  /** Refused before the handshake (REJECT with icmp-port-unreachable). */
  reject: { ip: string; port: number; protocol: "tcp" | "udp" }[];
  /** UDP addresses the interceptor binds: accepted on INPUT ahead of the drops. */
  acceptUdp: { ip: string; port: number }[];
  /** Dropped on INPUT: explicit address/port pairs (DROP verdicts on node IPs) ... */
  drop: { ip: string; port: number; protocol: "tcp" | "udp" }[];
  /** ... and whole ranges (service and pod CIDRs): anything not handled above times out. */
  dropRanges: string[];
}

export const CHAIN_NAT = "DRYDOCK-INTERCEPT";
export const CHAIN_REJECT = "DRYDOCK-REJECT";
export const CHAIN_DROP = "DRYDOCK-DROP";

/** iptables-restore --noflush input that installs the hooks once (at attach). */
export function hookRules(): string {
  return [
    "*nat",
    `:${CHAIN_NAT} - [0:0]`,
    `-A OUTPUT -j ${CHAIN_NAT}`,
    "COMMIT",
    "*filter",
    `:${CHAIN_REJECT} - [0:0]`,
    `:${CHAIN_DROP} - [0:0]`,
    `-A OUTPUT -j ${CHAIN_REJECT}`,
    `-A INPUT -j ${CHAIN_DROP}`,
    "COMMIT",
    "",
  ].join("\n");
}

const cidr = (ip: string) => (ip.includes("/") ? ip : `${ip}/32`);

/** iptables-restore --noflush input that replaces the contents of our chains. */
export function planRules(plan: InterceptPlan, port = INTERCEPT_PORT): string {
  const lines = ["*nat", `:${CHAIN_NAT} - [0:0]`];
  for (const r of plan.redirectTcp) {
    lines.push(`-A ${CHAIN_NAT} -d ${cidr(r.ip)} -p tcp${r.port ? ` -m tcp --dport ${r.port}` : ""} -j REDIRECT --to-ports ${port}`);
  }
  lines.push("COMMIT", "*filter", `:${CHAIN_REJECT} - [0:0]`, `:${CHAIN_DROP} - [0:0]`);
  for (const r of plan.reject) {
    lines.push(`-A ${CHAIN_REJECT} -d ${cidr(r.ip)} -p ${r.protocol} -m ${r.protocol} --dport ${r.port} -j REJECT --reject-with icmp-port-unreachable`);
  }
  // Replies to intercepted flows come back to a client address inside the dropped ranges.
  lines.push(`-A ${CHAIN_DROP} -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT`);
  for (const a of plan.acceptUdp) lines.push(`-A ${CHAIN_DROP} -d ${cidr(a.ip)} -p udp -m udp --dport ${a.port} -j ACCEPT`);
  for (const d of plan.drop) lines.push(`-A ${CHAIN_DROP} -d ${cidr(d.ip)} -p ${d.protocol} -m ${d.protocol} --dport ${d.port} -j DROP`);
  for (const r of plan.dropRanges) lines.push(`-A ${CHAIN_DROP} -d ${r} -j DROP`);
  lines.push("COMMIT", "");
  return lines.join("\n");
}
