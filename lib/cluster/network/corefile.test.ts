import { describe, expect, it } from "vitest";
import { dnsConfigs, parseCorefile } from "./corefile";
import { KUBEADM_COREFILE } from "./fixtures.test-util";


describe("parseCorefile", () => {
  it("reads kubeadm's default Corefile", () => {
    const [cfg] = dnsConfigs(parseCorefile(KUBEADM_COREFILE));
    expect(cfg).toEqual({
      zones: ["."],
      port: 53,
      rewrites: [],
      log: false,
      kubernetes: { zones: ["cluster.local.", "in-addr.arpa.", "ip6.arpa."], ttl: 30, podsInsecure: true, fallthrough: ["in-addr.arpa.", "ip6.arpa."] },
      forward: { from: ".", to: ["/etc/resolv.conf"] },
      cacheTtl: 30,
    });
  });

  it("reads hosts, rewrite and an extra server block", () => {
    const src = KUBEADM_COREFILE.replace("    ready\n", "    ready\n    rewrite name web.example.com web.default.svc.cluster.local\n    hosts {\n       10.0.0.5 db.internal\n       fallthrough\n    }\n    log\n") + "example.org:53 {\n    forward . 8.8.8.8\n}\n";
    const cfgs = dnsConfigs(parseCorefile(src));
    expect(cfgs[0].rewrites).toEqual([{ kind: "exact", from: "web.example.com", to: "web.default.svc.cluster.local" }]);
    expect(cfgs[0].hosts).toEqual({ entries: new Map([["db.internal.", ["10.0.0.5"]]]), ttl: 3600, fallthrough: true });
    expect(cfgs[0].log).toBe(true);
    expect(cfgs[1]).toMatchObject({ zones: ["example.org."], port: 53, forward: { from: ".", to: ["8.8.8.8"] } });
  });

  const errors: [string, string, string][] = [
    ["unknown directive", KUBEADM_COREFILE.replace("    loop\n", "    lop\n"), "/etc/coredns/Corefile:20 - Error during parsing: Unknown directive 'lop'"],
    ["missing closing brace", KUBEADM_COREFILE.replace(/}\n$/, ""), "/etc/coredns/Corefile:22 - Error during parsing: Unexpected EOF"],
    ["forward without upstream", KUBEADM_COREFILE.replace("forward . /etc/resolv.conf {", "forward . {"), "/etc/coredns/Corefile:13 - Error during parsing: Wrong argument count or unexpected line ending after '.'"],
  ];
  for (const [name, src, msg] of errors) {
    it(`fails on ${name}`, () => expect(() => dnsConfigs(parseCorefile(src))).toThrow(msg));
  }
});
