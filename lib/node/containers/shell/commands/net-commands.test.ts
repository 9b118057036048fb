// Output formats of busybox's nslookup (1.28: networking/nslookup.c with libc; 1.36: the
// built-in resolver) and nc -zv, against the test lab's DNS table and listeners.
import { describe, expect, it } from "vitest";
import { containerConfig, newLab, sandboxConfig } from "../../testing.js";

async function client(image: string) {
  const lab = newLab();
  const sb = await lab.rt.runPodSandbox(sandboxConfig("client"));
  const p = lab.rt.pullImage(image);
  await lab.time.advance(10_000);
  await p;
  const id = await lab.rt.createContainer(sb, containerConfig("c", image, { command: ["sleep", "infinity"] }));
  await lab.rt.startContainer(id);
  lab.dnsTable.set("kubernetes.default.svc.cluster.local", "10.96.0.1");
  const run = async (...cmd: string[]) => {
    const r = await lab.rt.execSync(id, cmd, 5);
    return { out: r.stdout.toString(), err: r.stderr.toString(), code: r.exitCode };
  };
  return { lab, run };
}

describe("nslookup", () => {
  it.each([
    {
      image: "busybox:1.28",
      name: "kubernetes.default",
      want: { out: "Server:    10.96.0.10\nAddress 1: 10.96.0.10\n\nName:      kubernetes.default\nAddress 1: 10.96.0.1\n", err: "", code: 0 },
    },
    {
      image: "busybox:1.28",
      name: "nope",
      want: { out: "Server:    10.96.0.10\nAddress 1: 10.96.0.10\n\n", err: "nslookup: can't resolve 'nope'\n", code: 1 },
    },
    {
      image: "busybox:1.36",
      name: "kubernetes.default",
      want: { out: "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tkubernetes.default.svc.cluster.local\nAddress: 10.96.0.1\n\n", err: "", code: 0 },
    },
    {
      // CoreDNS answers an ExternalName Service with its CNAME, for the A and the AAAA query.
      image: "busybox:1.36",
      name: "billing-db.apps.svc.cluster.local",
      want: {
        out: "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nbilling-db.apps.svc.cluster.local\tcanonical name = db.corp.example.com\n\nbilling-db.apps.svc.cluster.local\tcanonical name = db.corp.example.com\n\n",
        err: "",
        code: 0,
      },
    },
  ])("$image $name", async ({ image, name, want }) => {
    const { run, lab } = await client(image);
    lab.dnsTable.set("billing-db.apps.svc.cluster.local", "cname:db.corp.example.com");
    expect(await run("nslookup", name)).toEqual(want);
  });
});

describe("nc", () => {
  it("-zv reports open ports and refused ones", async () => {
    const { run } = await client("busybox:1.36");
    expect(await run("nc", "-zv", "-w", "2", "10.244.1.5", "81")).toEqual({ out: "", err: "nc: 10.244.1.5 (10.244.1.5:81): Connection refused\n", code: 1 });
  });
});
