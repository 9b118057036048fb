import { describe, expect, it } from "vitest";
import { NGINX_INDEX_HTML } from "../images/catalogue.js";
import { containerConfig, newLab, sandboxConfig, type Lab } from "../testing.js";
import { parseNginxConf } from "./nginx.js";

async function start(lab: Lab, name: string, image: string, over: Parameters<typeof containerConfig>[2] = {}) {
  const sb = await lab.rt.runPodSandbox(sandboxConfig(name));
  const p = lab.rt.pullImage(image);
  await lab.time.advance(10_000);
  await p;
  const id = await lab.rt.createContainer(sb, containerConfig(name, image, over));
  await lab.rt.startContainer(id);
  await lab.flush();
  return id;
}

const lines = (lab: Lab, id: string) => lab.rt.readLog(id).toString().split("\n").filter(Boolean).map((l) => l.replace(/^\S+ /, ""));

describe("nginx", () => {
  it("the default page is nginx's 615-byte index", () => {
    expect(Buffer.byteLength(NGINX_INDEX_HTML)).toBe(615);
  });

  it("serves its page to wget from another pod, logs startup and the combined access line, stops with 0", async () => {
    const lab = newLab();
    const web = await start(lab, "web", "nginx:1.27");
    lab.dnsTable.set("web.default.svc.cluster.local", "10.244.1.5");
    const client = await start(lab, "client", "busybox:1.36", { command: ["sleep", "3600"] });
    const r = await lab.rt.execSync(client, ["wget", "-qO-", "http://web"], 5);
    expect({ out: r.stdout.toString(), err: r.stderr.toString(), code: r.exitCode }).toEqual({ out: NGINX_INDEX_HTML, err: "", code: 0 });
    const s = await lab.rt.execSync(client, ["wget", "-S", "--spider", "http://10.244.1.5/missing"], 5);
    expect(s.stderr.toString().split("\n")[0]).toBe("Connecting to 10.244.1.5 (10.244.1.5:80)");
    expect(s.stderr.toString()).toContain("  HTTP/1.1 404 Not Found\n  Server: nginx/1.27.4\n");
    expect(s.stderr.toString().endsWith("wget: server returned error: HTTP/1.1 404 Not Found\n")).toBe(true);
    expect(s.exitCode).toBe(1);
    const log = lines(lab, web);
    expect(log.slice(0, 11)).toEqual([
      "stdout F /docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration",
      "stdout F /docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/",
      "stdout F /docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh",
      "stdout F 10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf",
      "stdout F 10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf",
      "stdout F /docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh",
      "stdout F /docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh",
      "stdout F /docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh",
      "stdout F /docker-entrypoint.sh: Configuration complete; ready for start up",
      'stderr F 2026/11/25 10:00:10 [notice] 1#1: using the "epoll" event method',
      "stderr F 2026/11/25 10:00:10 [notice] 1#1: nginx/1.27.4",
    ]);
    expect(log.filter((l) => l.includes("HTTP/1.1"))).toEqual([
      'stdout F 10.244.1.6 - - [25/Nov/2026:10:00:20 +0000] "GET / HTTP/1.1" 200 615 "-" "Wget" "-"',
      'stdout F 10.244.1.6 - - [25/Nov/2026:10:00:20 +0000] "HEAD /missing HTTP/1.1" 404 0 "-" "Wget" "-"',
    ]);
    await lab.rt.stopContainer(web, 30);
    expect(lab.rt.containerStatus(web)).toMatchObject({ state: "CONTAINER_EXITED", exitCode: 0, reason: "Completed" });
    const refused = await lab.rt.execSync(client, ["wget", "-qO-", "-T", "2", "http://10.244.1.5"], 5);
    expect(refused.stderr.toString()).toBe("wget: can't connect to remote host (10.244.1.5): Connection refused\n");
  });

  it("a page written by kubectl exec and a mounted configMap index are served", async () => {
    const lab = newLab();
    const files = new Map([["index.html", { data: Buffer.from("from configmap\n"), mode: 0o644 }]]);
    const web = await start(lab, "web", "nginx:1.27-alpine", { mounts: [{ containerPath: "/usr/share/nginx/html/cm", files, readonly: true }] });
    await lab.rt.execSync(web, ["sh", "-c", "echo custom > /usr/share/nginx/html/index.html"], 5);
    expect(lab.rt.connect("10.244.1.5", 80)).not.toBe("refused");
    const get = async (path: string) => (await lab.rt.execSync(web, ["wget", "-qO-", `http://127.0.0.1${path}`.replace("127.0.0.1", "10.244.1.5")], 5)).stdout.toString();
    expect(await get("/")).toBe("custom\n");
    expect(await get("/cm/")).toBe("from configmap\n");
  });

  it.each([
    { name: "default", conf: "server {\n    listen       80;\n    location / {\n        root   /usr/share/nginx/html;\n    }\n}\n", want: { ports: [80], root: "/usr/share/nginx/html" } },
    { name: "custom port and root", conf: "server {\n  listen 8080;\n  # root /nope;\n  root /data/www;\n}\n", want: { ports: [8080], root: "/data/www" } },
  ])("parseNginxConf: $name", ({ conf, want }) => {
    expect(parseNginxConf(conf)).toEqual(want);
  });
});
