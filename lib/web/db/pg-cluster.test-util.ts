// A throwaway PostgreSQL server for tests: initdb + pg_ctl from Debian's postgresql package
// (/usr/lib/postgresql/<major>/bin), listening only on a unix socket in a temp dir (no TCP port
// to collide with). PostgreSQL refuses to run as root, so as root the server runs as the
// `postgres` user the package creates.
import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export interface PgCluster {
  /** postgresql://drydock@localhost/<db>?host=<socket dir> */
  url(db?: string): string;
  stop(): void;
}

/** The newest installed server's bin dir, or undefined when the postgresql package is absent. */
export function pgBinDir(): string | undefined {
  const base = "/usr/lib/postgresql";
  if (!existsSync(base)) return undefined;
  const majors = readdirSync(base)
    .filter((v) => existsSync(path.join(base, v, "bin", "initdb")) && existsSync(path.join(base, v, "bin", "pg_ctl")))
    .sort((a, b) => Number(b) - Number(a));
  return majors.length ? path.join(base, majors[0], "bin") : undefined;
}

function runAs(uid: number | undefined, gid: number | undefined, file: string, args: string[]) {
  const [cmd, argv] = uid === undefined ? [file, args] : ["setpriv", [`--reuid=${uid}`, `--regid=${gid}`, "--clear-groups", "--", file, ...args]];
  execFileSync(cmd, argv, { stdio: ["ignore", "pipe", "pipe"], env: { PATH: process.env.PATH ?? "/usr/bin:/bin", LANG: "C.UTF-8", LC_ALL: "C.UTF-8" } });
}

function postgresIds(): { uid: number; gid: number } {
  const out = execFileSync("id", ["postgres"], { encoding: "utf8" });
  const uid = /uid=(\d+)/.exec(out)?.[1];
  const gid = /gid=(\d+)/.exec(out)?.[1];
  if (!uid || !gid) throw new Error(`cannot read the postgres user's ids from: ${out}`);
  return { uid: Number(uid), gid: Number(gid) };
}

export function startPgCluster(bin: string): PgCluster {
  const dir = mkdtempSync(path.join(tmpdir(), "drydock-pg-"));
  const root = process.getuid?.() === 0;
  const ids = root ? postgresIds() : undefined;
  if (ids) chownSync(dir, ids.uid, ids.gid);
  const data = path.join(dir, "data");
  runAs(ids?.uid, ids?.gid, path.join(bin, "initdb"), ["-D", data, "-U", "drydock", "--auth=trust", "--encoding=UTF8", "--no-sync"]);
  // listen_addresses='' = no TCP; fsync off = a test database, fast.
  const opts = `-c listen_addresses='' -c unix_socket_directories='${dir}' -c fsync=off -c full_page_writes=off`;
  runAs(ids?.uid, ids?.gid, path.join(bin, "pg_ctl"), ["-D", data, "-o", opts, "-l", path.join(dir, "log"), "-w", "-t", "60", "start"]);
  return {
    url: (db = "postgres") => `postgresql://drydock@localhost/${db}?host=${encodeURIComponent(dir)}`,
    stop() {
      try {
        runAs(ids?.uid, ids?.gid, path.join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
