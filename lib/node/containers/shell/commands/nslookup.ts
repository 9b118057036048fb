// busybox nslookup in the two output formats CKA students meet: busybox 1.28 (the libc
// resolver version, networking/nslookup.c before 1.29: "Address 1: IP NAME") and 1.29+ (its own
// resolver: "Name:\tFQDN" / "Address: IP", "** server can't find NAME: NXDOMAIN").
import { defineCommand, type Command } from "just-bash";
import { answerData, candidates, query, readResolvConf, reverse, type ContainerNetwork } from "../net.js";

export type NslookupFlavour = "busybox-1.28" | "busybox-1.36";

/** One reply's answers as busybox 1.36 prints them (networking/nslookup.c parse_reply). */
function answerBlock(answers: { type: string; name: string }[]): string {
  let out = "";
  for (const a of answers) {
    const data = answerData(a as Parameters<typeof answerData>[0]);
    if (a.type === "CNAME") out += `${a.name}\tcanonical name = ${data.replace(/\.$/, "")}\n`;
    else out += `Name:\t${a.name}\nAddress: ${data}\n`;
  }
  return `${out}\n`;
}

export function nslookupCommand(net: ContainerNetwork, flavour: NslookupFlavour): Command {
  return defineCommand("nslookup", async (args, ctx) => {
    const pos = args.filter((a) => !a.startsWith("-"));
    if (pos.length === 0) {
      return { stdout: "", stderr: "BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n", exitCode: 1 };
    }
    const name = pos[0];
    const conf = await readResolvConf(ctx.fs);
    const server = pos[1] ?? conf.servers[0] ?? "127.0.0.1";
    if (flavour === "busybox-1.28") {
      const serverName = await reverse(net, server);
      let out = `Server:    ${server}\nAddress 1: ${server}${serverName ? ` ${serverName}` : ""}\n\n`;
      for (const fqdn of candidates(name, conf)) {
        const r = await query(net, fqdn, "A");
        const a = r?.answers.find((x) => x.type === "A");
        if (a) {
          const ip = answerData(a);
          const back = await reverse(net, ip);
          out += `Name:      ${name}\nAddress 1: ${ip}${back ? ` ${back}` : ""}\n`;
          return { stdout: out, stderr: "", exitCode: 0 };
        }
      }
      return { stdout: out, stderr: `nslookup: can't resolve '${name}'\n`, exitCode: 1 };
    }
    let out = `Server:\t\t${server}\nAddress:\t${server}:53\n\n`;
    let answered = false;
    for (const fqdn of candidates(name, conf)) {
      const r = await query(net, fqdn, "A");
      if (!r) {
        return { stdout: out, stderr: ";; connection timed out; no servers could be reached\n\n", exitCode: 1 };
      }
      const as = r.answers.filter((x) => x.type === "A" || x.type === "CNAME");
      if (as.length) {
        answered = true;
        out += answerBlock(as);
        // busybox asks for AAAA too: a CNAME (ExternalName) is printed again for that query.
        const aaaa = as.some((x) => x.type === "CNAME") ? await query(net, fqdn, "AAAA") : undefined;
        const again = (aaaa?.answers ?? []).filter((x) => x.type === "CNAME" || x.type === "AAAA");
        if (again.length) out += answerBlock(again);
        break;
      }
    }
    if (!answered) {
      out += `** server can't find ${name}: NXDOMAIN\n\n** server can't find ${name}: NXDOMAIN\n\n`;
      return { stdout: out, stderr: "", exitCode: 1 };
    }
    return { stdout: out, stderr: "", exitCode: 0 };
  });
}
