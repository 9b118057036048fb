// scp: OpenSSH 9.6p1's command line and messages (scp.c in its default SFTP mode, whose errors
// come from sftp-client.c), with each transfer run as a command through the lab's broker.
const SCP_USAGE =
  "usage: scp [-346ABCOpqRrsTv] [-c cipher] [-D sftp_server_path] [-F ssh_config]\n" +
  "           [-i identity_file] [-J destination] [-l limit] [-o ssh_option]\n" +
  "           [-P port] [-S program] [-X sftp_option] source ... target\n";
const SCP_FLAGS = "12346ABCTdfOpqRrstv";
const SCP_WITH_ARG = "DFJMPSciloX";

function scpUsage() {
  process.stderr.write(SCP_USAGE);
  process.exit(1);
}

function parseScpArgs(argv) {
  const o = { r: false, p: false, port: 22, operands: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--") {
      o.operands.push(...argv.slice(i + 1));
      break;
    }
    if (a[0] !== "-" || a === "-") {
      o.operands.push(a); // glibc getopt permutes: options may follow operands
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const c = a[j];
      if (SCP_WITH_ARG.includes(c)) {
        let val = a.slice(j + 1);
        if (val === "") {
          if (i + 1 >= argv.length) {
            process.stderr.write(`scp: option requires an argument -- '${c}'\n`);
            scpUsage();
          }
          val = argv[++i];
        }
        if (c === "P") {
          const n = Number(val);
          if (!Number.isInteger(n) || n < 1 || n > 65535) {
            logErr(`scp: bad port "${val}"`);
            process.exit(255);
          }
          o.port = n;
        }
        break;
      }
      if (!SCP_FLAGS.includes(c)) {
        process.stderr.write(`scp: invalid option -- '${c}'\n`);
        scpUsage();
      }
      if (c === "1") {
        logErr("scp: SSH protocol v.1 is no longer supported");
        process.exit(255);
      }
      if (c === "r") o.r = true;
      else if (c === "p") o.p = true;
    }
  }
  if (o.operands.length < 2) scpUsage();
  return o;
}

/** scp.c colon(): "host:path" is remote unless a '/' comes before the first ':'. */
function parseOperand(s) {
  if (s.startsWith(":")) return { local: s };
  for (let i = 0; i < s.length; i++) {
    if (s[i] === "/") return { local: s };
    if (s[i] === ":") {
      let host = s.slice(0, i);
      let user = "root";
      const at = host.lastIndexOf("@");
      if (at >= 0) {
        user = host.slice(0, at);
        host = host.slice(at + 1);
      }
      const p = s.slice(i + 1);
      return { host: host.toLowerCase(), user, path: p === "" || p === "~" ? "." : p.replace(/^~\/+/, "") || "." };
    }
  }
  return { local: s };
}

const resolved = new Map();
let scpPort = 22;

/** Runs `command` on a remote operand's node. stdin: Buffer | Readable | null; stdout: Writable
 *  or null (collected). Resolves {code, out, err}; exits like ssh on connection errors. */
async function runRemote(op, command, stdin, stdout) {
  let r = resolved.get(op.host);
  if (!r) {
    r = await resolveHost(op.host);
    resolved.set(op.host, r);
  }
  if (r.error) {
    logErr(`ssh: Could not resolve hostname ${op.host.slice(0, 100)}: ${r.error}`);
    logErr("scp: Connection closed");
    process.exit(255);
  }
  const out = [];
  const err = [];
  const req = { v: 1, from: thisNode(), host: op.host, addrs: r.addrs, user: op.user, port: scpPort, command, tty: null };
  const res = await openSession(req, {
    onConnect(sock) {
      if (stdin === null) sock.write(frame(F.StdinEof));
      else if (Buffer.isBuffer(stdin)) {
        sendStdin(sock, stdin);
        sock.write(frame(F.StdinEof));
      } else {
        stdin.on("data", (d) => sendStdin(sock, d));
        stdin.on("end", () => sock.write(frame(F.StdinEof)));
      }
    },
    onStdout: (d) => (stdout ? stdout.write(d) : out.push(d)),
    onStderr: (d) => err.push(d),
  });
  if (res.error || res.brokerDown) {
    if (res.error?.kind === "denied") logErr(`${op.user}@${op.host}: Permission denied (publickey).`);
    else {
      const p = await probeConnect(r.addrs[0], scpPort, 0);
      logErr(`ssh: connect to host ${op.host} port ${scpPort}: ${p.error ?? "Connection refused"}`);
    }
    logErr("scp: Connection closed");
    process.exit(255);
  }
  return { code: res.exit.code, out: Buffer.concat(out).toString("utf8"), err: Buffer.concat(err).toString("utf8") };
}

/** The reason part of a shell's "bash: line 1: PATH: REASON", as SFTP reports it. */
function remoteReason(stderr) {
  if (/No such file or directory/.test(stderr)) return "No such file or directory";
  if (/Permission denied/.test(stderr)) return "Permission denied";
  return "Failure";
}

async function remoteKind(op) {
  const p = shq(op.path);
  const r = await runRemote(op, `if [ -d ${p} ]; then echo d; elif [ -e ${p} ]; then echo f; else echo n; fi`, null, null);
  return r.out.trim();
}

function localKind(p) {
  try {
    return fs.statSync(p).isDirectory() ? "d" : "f";
  } catch (e) {
    return e;
  }
}

function pathAppend(dir, name) {
  return dir.endsWith("/") ? dir + name : dir + "/" + name;
}

function localTar(args, stdio) {
  return spawn("tar", args, { stdio });
}

async function upload(o, src, target) {
  const k = localKind(src);
  if (k instanceof Error) {
    logErr(`scp: stat local "${src}": ${k.code === "ENOENT" ? "No such file or directory" : k.message}`);
    process.exit(255);
  }
  const targetIsDir = (await remoteKind(target)) === "d";
  const dest = targetIsDir ? pathAppend(target.path, path.basename(src)) : target.path;
  const targetText = `${target.path}`;
  if (k === "d" && o.r) {
    const tar = localTar(["-C", src, "-cf", "-", "."], ["ignore", "pipe", "inherit"]);
    const r = await runRemote(target, `if [ -e ${shq(dest)} ] && [ ! -d ${shq(dest)} ]; then exit 3; fi; mkdir -p ${shq(dest)} && tar -C ${shq(dest)} -xf -`, tar.stdout, null);
    if (r.code === 3) logErr(`scp: "${dest}" exists but is not a directory`);
    if (r.code !== 0) {
      logErr(`scp: failed to upload directory ${src} to ${targetText}`);
      return 1;
    }
    return 0;
  }
  if (k === "d") {
    logErr(`scp: local "${src}" is not a regular file`);
    logErr(`scp: failed to upload file ${src} to ${targetText}`);
    return 1;
  }
  let data;
  try {
    data = fs.readFileSync(src);
  } catch (e) {
    logErr(`scp: open local "${src}": ${e.code === "EACCES" ? "Permission denied" : e.message}`);
    logErr(`scp: failed to upload file ${src} to ${targetText}`);
    return 1;
  }
  const r = await runRemote(target, `cat > ${shq(dest)}`, data, null);
  if (r.code !== 0) {
    logErr(`scp: dest open "${dest}": ${remoteReason(r.err)}`);
    logErr(`scp: failed to upload file ${src} to ${targetText}`);
    return 1;
  }
  return 0;
}

async function download(o, src, dst) {
  const kind = await remoteKind(src);
  if (kind === "n") {
    logErr(`scp: ${src.path}: No such file or directory`);
    return 1;
  }
  const dstIsDir = localKind(dst) === "d";
  const abs = dstIsDir ? pathAppend(dst, path.basename(src.path)) : dst;
  if (kind === "d" && !o.r) {
    logErr(`scp: download ${src.path}: not a regular file`);
    return 1;
  }
  if (kind === "d") {
    if (localKind(abs) === "f") {
      logErr(`scp: "${abs}" exists but is not a directory`);
      return 1;
    }
    fs.mkdirSync(abs, { recursive: true });
    const tar = localTar(["-C", abs, "-xf", "-"], ["pipe", "ignore", "inherit"]);
    const done = new Promise((res) => tar.on("close", res));
    const r = await runRemote(src, `tar -C ${shq(src.path)} -cf - .`, null, tar.stdin);
    tar.stdin.end();
    const code = await done;
    return r.code === 0 && code === 0 ? 0 : 1;
  }
  let fd;
  try {
    fd = fs.openSync(abs, "w", 0o644);
  } catch (e) {
    logErr(`scp: open local "${abs}": ${e.code === "ENOENT" ? "No such file or directory" : e.code === "EACCES" ? "Permission denied" : e.code === "EISDIR" ? "Is a directory" : e.message}`);
    return 1;
  }
  const chunks = [];
  const r = await runRemote(src, `cat -- ${shq(src.path)}`, null, { write: (d) => chunks.push(d) });
  fs.writeSync(fd, Buffer.concat(chunks));
  fs.closeSync(fd);
  if (r.code !== 0) {
    logErr(`scp: read remote "${src.path}" : ${remoteReason(r.err)}`);
    return 1;
  }
  return 0;
}

async function scpMain(argv) {
  const o = parseScpArgs(argv);
  scpPort = o.port;
  const ops = o.operands.map(parseOperand);
  const target = ops.pop();
  if (ops.every((s) => s.local !== undefined) && target.local !== undefined) {
    // Local to local: scp runs cp(1), as OpenSSH does.
    const cp = spawn("cp", [...(o.r ? ["-r"] : []), ...(o.p ? ["-p"] : []), "--", ...ops.map((s) => s.local), target.local], { stdio: "inherit" });
    cp.on("close", (code) => process.exit(code === 0 ? 0 : 1));
    return;
  }
  let errs = 0;
  for (const src of ops) {
    if (src.local !== undefined && target.local !== undefined) continue;
    if (src.local !== undefined) errs |= await upload(o, src.local, target);
    else if (target.local !== undefined) errs |= await download(o, src, target.local);
    else {
      // Remote to remote goes through this host, as OpenSSH 9 does by default (-3).
      const tmp = fs.mkdtempSync("/tmp/.scp3-");
      try {
        const local = path.join(tmp, path.basename(src.path === "." ? "root" : src.path));
        const e = await download(o, src, local);
        errs |= e || (await upload(o, local, target));
      } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
      }
    }
  }
  process.exit(errs ? 1 : 0);
}

process.stdout.on("error", () => process.exit(1));
scpMain(process.argv.slice(2)).catch((e) => {
  logErr(`scp: ${e.message}`);
  process.exit(1);
});
