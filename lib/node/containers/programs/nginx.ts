// The nginx image (docker-nginx's docker-entrypoint.sh and nginx itself): the entrypoint's
// startup lines on stdout, nginx's notices on stderr, the combined access log on stdout, and
// the `listen`/`root` of /etc/nginx/conf.d/default.conf for simple edits. Stops on SIGQUIT (the
// image's STOPSIGNAL) or SIGTERM quickly with 0.
import { NODE_SOFTWARE } from "../../../cluster/bootstrap/topology.js";
import { fullVersion, NGINX_LAST_PATCH, NGINX_VERSIONS } from "../images/catalogue.js";
import { serveStatic } from "./static-http.js";
import { clfTime, slashTime, type ContainerProgram, type ContainerProgramContext, type ContainerProgramEntry } from "./types.js";

export function nginxVersion(image: string): string {
  const tag = image.split("@")[0].split(":").pop() ?? "latest";
  return NGINX_VERSIONS[tag] ?? fullVersion(NGINX_LAST_PATCH, tag) ?? "1.27.4";
}

/** `listen` ports and the `root` of a server block, read the simple way nginx users write them. */
export function parseNginxConf(text: string): { ports: number[]; root: string } {
  const noComments = text.replace(/#[^\n]*/g, "");
  const ports = [...noComments.matchAll(/\blisten\s+(?:[\d.]+:)?(\d+)[^;]*;/g)].map((m) => Number(m[1]));
  const roots = [...noComments.matchAll(/\broot\s+([^;\s]+)\s*;/g)].map((m) => m[1]);
  return { ports: [...new Set(ports)], root: roots[0] ?? "/usr/share/nginx/html" };
}

function notFoundPage(version: string, code = "404 Not Found"): string {
  return `<html>\r\n<head><title>${code}</title></head>\r\n<body>\r\n<center><h1>${code}</h1></center>\r\n<hr><center>nginx/${version}</center>\r\n</body>\r\n</html>\r\n`;
}

export const nginxProgram: ContainerProgramEntry = {
  name: "nginx",
  match: (_image, argv) => argv.some((a) => a === "nginx" || a.endsWith("/nginx")) && !argv.includes("-t") && !argv.includes("-v"),
  start(ctx: ContainerProgramContext): ContainerProgram {
    const version = nginxVersion(ctx.image);
    const t = () => slashTime(ctx.time.now());
    const viaEntrypoint = ctx.argv[0] === "/docker-entrypoint.sh";
    const confPath = "/etc/nginx/conf.d/default.conf";
    let conf = { ports: [80], root: "/usr/share/nginx/html" };
    const startup = async () => {
      let text = "";
      try {
        text = await ctx.fs.readFile(confPath);
        conf = parseNginxConf(text);
      } catch {
        // no default.conf: nginx.conf's include finds nothing and nothing listens
        conf = { ports: [], root: conf.root };
      }
      if (viaEntrypoint) {
        const out = [
          "/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration",
          "/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/",
          "/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh",
        ];
        const pristine = ctx.entry?.files?.[confPath];
        let writable = true;
        try {
          await ctx.fs.appendFile(confPath, "");
        } catch {
          writable = false;
        }
        if (!writable) out.push(`10-listen-on-ipv6-by-default.sh: info: can not modify ${confPath} (read-only file system?)`);
        else if (text !== pristine) out.push(`10-listen-on-ipv6-by-default.sh: info: ${confPath} differs from the packaged version`);
        else out.push(`10-listen-on-ipv6-by-default.sh: info: Getting the checksum of ${confPath}`, `10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in ${confPath}`);
        out.push(
          "/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh",
          "/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh",
          "/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh",
          "/docker-entrypoint.sh: Configuration complete; ready for start up",
        );
        ctx.stdout(out.map((l) => `${l}\n`).join(""));
      }
      ctx.stderr(
        [
          `${t()} [notice] 1#1: using the "epoll" event method`,
          `${t()} [notice] 1#1: nginx/${version}`,
          `${t()} [notice] 1#1: built by gcc 12.2.0 (Debian 12.2.0-14) `,
          `${t()} [notice] 1#1: OS: Linux ${NODE_SOFTWARE.kernelVersion}`, // uname of the node's kernel
          `${t()} [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576`,
          `${t()} [notice] 1#1: start worker processes`,
          `${t()} [notice] 1#1: start worker process 29`,
          `${t()} [notice] 1#1: start worker process 30`,
        ]
          .map((l) => `${l}\n`)
          .join(""),
      );
      const handler = serveStatic(ctx.fs, {
        server: `nginx/${version}`,
        root: async () => conf.root,
        index: ["index.html", "index.htm"],
        notFound: () => ({ body: notFoundPage(version), type: "text/html" }),
        defaultType: "application/octet-stream",
        now: () => ctx.time.now(),
        accessLog: (l) =>
          ctx.stdout(`${l.remote} - - [${clfTime(ctx.time.now())}] "${l.method} ${l.url} HTTP/${l.version}" ${l.status} ${l.bytes} "${l.referer}" "${l.agent}" "-"\n`),
      });
      for (const port of conf.ports) ctx.listen(port, handler);
    };
    void startup();
    return {
      stop(signal) {
        if (signal === "SIGKILL") return;
        const [num, verb] = signal === "SIGQUIT" ? ["3", "shutting down"] : signal === "SIGTERM" ? ["15", "exiting"] : ["2", "exiting"];
        ctx.stderr(
          [
            `${t()} [notice] 1#1: signal ${num} (${signal}) received, ${verb}`,
            `${t()} [notice] 29#29: ${signal === "SIGQUIT" ? "gracefully shutting down" : "exiting"}`,
            `${t()} [notice] 29#29: exiting`,
            `${t()} [notice] 29#29: exit`,
            `${t()} [notice] 1#1: signal 17 (SIGCHLD) received from 29`,
            `${t()} [notice] 1#1: worker process 29 exited with code 0`,
            `${t()} [notice] 1#1: exit`,
          ]
            .map((l) => `${l}\n`)
            .join(""),
        );
        ctx.exit(0);
      },
    };
  },
};
