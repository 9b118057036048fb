// The httpd image (httpd-foreground): Apache's startup notices on stderr, "It works!" from
// /usr/local/apache2/htdocs, common-log-format access lines on stdout, graceful stop on
// SIGWINCH (the image's STOPSIGNAL) or SIGTERM.
import { serveStatic } from "./static-http.js";
import { DAYS, MONTHS, type ContainerProgramEntry } from "./types.js";

const VERSION = "Apache/2.4.63 (Unix)";

function apacheTime(d: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, "0");
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.${p(d.getUTCMilliseconds() * 1000, 6)} ${d.getUTCFullYear()}`;
}

export const httpdProgram: ContainerProgramEntry = {
  name: "httpd",
  match: (_image, argv) => argv[0] === "httpd-foreground" || (argv[0]?.endsWith("httpd") && argv.includes("FOREGROUND")),
  start(ctx) {
    const t = () => apacheTime(ctx.time.now());
    const ah558 = `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${ctx.podIP}. Set the 'ServerName' directive globally to suppress this message\n`;
    ctx.stderr(
      ah558 + ah558 +
        `[${t()}] [mpm_event:notice] [pid 1:tid 1] AH00489: ${VERSION} configured -- resuming normal operations\n` +
        `[${t()}] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'\n`,
    );
    ctx.listen(
      80,
      serveStatic(ctx.fs, {
        server: VERSION,
        root: async () => "/usr/local/apache2/htdocs",
        index: ["index.html"],
        notFound: (p) => ({
          body: `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL ${p} was not found on this server.</p>\n</body></html>\n`,
          type: "text/html; charset=iso-8859-1",
        }),
        defaultType: "text/plain",
        now: () => ctx.time.now(),
        accessLog: (l) => {
          const d = ctx.time.now();
          const p = (n: number) => String(n).padStart(2, "0");
          const when = `${p(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
          ctx.stdout(`${l.remote} - - [${when}] "${l.method} ${l.url} HTTP/${l.version}" ${l.status} ${l.bytes || "-"}\n`);
        },
      }),
    );
    return {
      stop(signal) {
        if (signal === "SIGKILL") return;
        ctx.stderr(`[${t()}] [mpm_event:notice] [pid 1:tid 1] AH00492: caught SIGWINCH, shutting down gracefully\n`);
        ctx.exit(0);
      },
    };
  },
};
