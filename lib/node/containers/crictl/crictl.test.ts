import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { containerConfig, newLab, sandboxConfig, type Lab } from "../testing.js";

async function crictl(lab: Lab, ...argv: string[]): Promise<{ out: string; err: string; code: number }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (c) => (out += c));
  stderr.on("data", (c) => (err += c));
  const code = await lab.rt.crictl({ argv: ["crictl", ...argv], env: {}, cwd: "/root", stdin: new PassThrough(), stdout, stderr, nodePath: (p) => p, nodeName: "node01" });
  return { out, err, code };
}

async function setup() {
  const lab = newLab();
  const sb = await lab.rt.runPodSandbox(sandboxConfig("web"));
  const p = lab.rt.pullImage("nginx:1.27");
  await lab.time.advance(5_000);
  await p;
  const id = await lab.rt.createContainer(sb, containerConfig("nginx", "nginx:1.27", { labels: { "io.kubernetes.pod.name": "web", "io.kubernetes.pod.namespace": "default" } }));
  await lab.rt.startContainer(id);
  await lab.time.advance(75_000);
  return { lab, sb, id };
}

describe("crictl", () => {
  it("ps: crictl's columns, 13-character ids, go-units ages", async () => {
    const { lab, sb, id } = await setup();
    const img = lab.rt.imageStatus("nginx:1.27")!;
    expect(await crictl(lab, "ps")).toEqual({
      out:
        "CONTAINER           IMAGE               CREATED              STATE               NAME                ATTEMPT             POD ID              POD                 NAMESPACE\n" +
        `${id.slice(0, 13)}       ${img.id.slice(7, 20)}       About a minute ago   Running             nginx               0                   ${sb.slice(0, 13)}       web                 default\n`,
      err: "",
      code: 0,
    });
    expect((await crictl(lab, "ps", "-q")).out).toBe(`${id}\n`);
  });

  it("pods and images tables", async () => {
    const { lab, sb } = await setup();
    expect((await crictl(lab, "pods")).out).toBe(
      "POD ID              CREATED              STATE               NAME                NAMESPACE           ATTEMPT             RUNTIME\n" +
        `${sb.slice(0, 13)}       About a minute ago   Ready               web                 default             0                   (default)\n`,
    );
    const pause = lab.rt.imageStatus("registry.k8s.io/pause:3.10")!;
    const nginx = lab.rt.imageStatus("nginx:1.27")!;
    expect((await crictl(lab, "images")).out).toBe(
      "IMAGE                     TAG                 IMAGE ID            SIZE\n" +
        `docker.io/library/nginx   1.27                ${nginx.id.slice(7, 20)}       72.1MB\n` +
        `registry.k8s.io/pause     3.10                ${pause.id.slice(7, 20)}       320kB\n`,
    );
  });

  it("logs print the container's lines without the CRI prefix, --tail", async () => {
    const { lab, id } = await setup();
    const r = await crictl(lab, "logs", "--tail", "1", id.slice(0, 13));
    expect(r.out).toBe("");
    expect(r.err).toBe("2026-11-25T10:00:05Z [notice] 1#1: start worker process 30\n".replace("2026-11-25T10:00:05Z", "2026/11/25 10:00:05"));
  });

  it("stop prints the id; an unknown id is a fatal logrus line", async () => {
    const { lab, id } = await setup();
    expect(await crictl(lab, "stop", id.slice(0, 13))).toEqual({ out: `${id.slice(0, 13)}\n`, err: "", code: 0 });
    expect(await crictl(lab, "stop", "deadbeef")).toEqual({
      out: "",
      err: 'time="2026-11-25T10:01:20Z" level=fatal msg="stopping the container \\"deadbeef\\": rpc error: code = NotFound desc = an error occurred when try to find container \\"deadbeef\\": not found"\n',
      code: 1,
    });
  });

  it("pull of a missing tag fails with containerd's message", async () => {
    const lab = newLab();
    const pulling = crictl(lab, "pull", "nginx:1.99");
    await lab.time.advance(1000);
    const r = await pulling;
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      'failed to pull and unpack image \\"docker.io/library/nginx:1.99\\": failed to resolve reference \\"docker.io/library/nginx:1.99\\": docker.io/library/nginx:1.99: not found',
    );
  });
});
