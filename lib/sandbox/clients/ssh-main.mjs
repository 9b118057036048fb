// ssh: OpenSSH 9.6p1's command line (ssh.c), served by the lab's broker instead of sshd.
const SSH_VERSION = "OpenSSH_9.6p1 Ubuntu-3ubuntu13.5, OpenSSL 3.0.13 30 Jan 2024";
const SSH_USAGE =
  "usage: ssh [-46AaCfGgKkMNnqsTtVvXxYy] [-B bind_interface] [-b bind_address]\n" +
  "           [-c cipher_spec] [-D [bind_address:]port] [-E log_file]\n" +
  "           [-e escape_char] [-F configfile] [-I pkcs11] [-i identity_file]\n" +
  "           [-J destination] [-L address] [-l login_name] [-m mac_spec]\n" +
  "           [-O ctl_cmd] [-o option] [-P tag] [-p port] [-R address]\n" +
  "           [-S ctl_path] [-W host:port] [-w local_tun[:remote_tun]]\n" +
  "           destination [command [argument ...]]\n" +
  "       ssh [-Q query_option]\n";
const SSH_FLAGS = "1246afgknqstvxACGKMNTVXYy";
const SSH_WITH_ARG = "bceilmopBDEFIJLOPQRSWw";
// The -o keywords a CKA student plausibly types (readconf.c keywords, lowercased).
const SSH_KEYWORDS = new Set(
  "addressfamily batchmode checkhostip compression connectionattempts connecttimeout controlmaster controlpath controlpersist dynamicforward escapechar exitonforwardfailure forwardagent forwardx11 globalknownhostsfile hashknownhosts hostkeyalgorithms hostname identitiesonly identityfile kbdinteractiveauthentication localforward loglevel numberofpasswordprompts passwordauthentication port preferredauthentications proxycommand proxyjump pubkeyauthentication remoteforward requesttty sendenv serveralivecountmax serveraliveinterval setenv stricthostkeychecking tcpkeepalive updatehostkeys user userknownhostsfile visualhostkey".split(" "),
);

function sshUsage() {
  process.stderr.write(SSH_USAGE);
  process.exit(255);
}

function parseSshArgs(argv) {
  const o = { t: 0, T: false, n: false, q: false, port: undefined, user: undefined, connectTimeout: 0, requestTty: undefined, host: undefined, command: [] };
  let i = 0;
  let terminated = false;
  const option = (kv) => {
    const m = /^\s*([A-Za-z]+)\s*(?:=|\s)\s*(.*)$/.exec(kv) ?? [null, kv.trim(), ""];
    const key = m[1].toLowerCase();
    if (!SSH_KEYWORDS.has(key)) {
      logErr(`command-line: line 0: Bad configuration option: ${key}`);
      process.exit(255);
    }
    const val = m[2];
    if (key === "port" && o.port === undefined) o.port = Number(val);
    else if (key === "user" && o.user === undefined) o.user = val;
    else if (key === "connecttimeout") o.connectTimeout = Number(val) || 0;
    else if (key === "requesttty") o.requestTty = val.toLowerCase();
    else if (key === "loglevel" && val.toLowerCase() === "quiet") o.q = true;
  };
  while (i < argv.length) {
    const a = argv[i];
    if (!terminated && a === "--") {
      terminated = true;
      i++;
      continue;
    }
    if (terminated || a[0] !== "-" || a === "-") {
      if (o.host === undefined) {
        o.host = a;
        i++;
        continue; // options may follow the destination (ssh.c re-runs getopt)
      }
      o.command = argv.slice(i);
      break;
    }
    for (let j = 1; j < a.length; j++) {
      const c = a[j];
      if (SSH_WITH_ARG.includes(c)) {
        let val = a.slice(j + 1);
        if (val === "") {
          if (i + 1 >= argv.length) {
            process.stderr.write(`option requires an argument -- ${c}\n`);
            sshUsage();
          }
          val = argv[++i];
        }
        if (c === "p") {
          const n = Number(val);
          if (!Number.isInteger(n) || n < 1 || n > 65535) {
            logErr(`Bad port '${val}'`);
            process.exit(255);
          }
          o.port = n;
        } else if (c === "l") o.user = val;
        else if (c === "o") option(val);
        break;
      }
      if (!SSH_FLAGS.includes(c)) {
        process.stderr.write(`unknown option -- ${c}\n`);
        sshUsage();
      }
      if (c === "V") {
        process.stderr.write(SSH_VERSION + "\n");
        process.exit(0);
      }
      if (c === "1") {
        logErr("SSH protocol v.1 is no longer supported");
        process.exit(255);
      }
      if (c === "t") o.t++;
      else if (c === "T") o.T = true;
      else if (c === "n") o.n = true;
      else if (c === "q") o.q = true;
    }
    i++;
  }
  if (o.host === undefined) sshUsage();
  const at = o.host.lastIndexOf("@");
  if (at >= 0) {
    o.user ??= o.host.slice(0, at);
    o.host = o.host.slice(at + 1);
  }
  o.host = o.host.toLowerCase();
  return o;
}

async function sshMain(argv) {
  const o = parseSshArgs(argv);
  const host = o.host;
  const port = o.port ?? 22;
  const user = o.user ?? "root";
  const command = o.command.length ? o.command.join(" ") : null;
  // ssh.c: request_tty from -t/-tt/-T/RequestTTY; a tty by default only without a command.
  let req = o.T ? "no" : o.t >= 2 ? "force" : o.t === 1 ? "yes" : (o.requestTty ?? "auto");
  let tty = req === "yes" || req === "force" || (command === null && req !== "no");
  if (!process.stdin.isTTY || o.n) {
    if (req !== "force") {
      if (tty && !o.q) logErr("Pseudo-terminal will not be allocated because stdin is not a terminal.");
      tty = false;
    }
  }
  const r = await resolveHost(host);
  if (r.error) {
    logErr(`ssh: Could not resolve hostname ${host.slice(0, 100)}: ${r.error}`);
    process.exit(255);
  }
  const term = process.env.TERM || "xterm-256color";
  const size = () => ({ cols: process.stdout.columns || 80, rows: process.stdout.rows || 24 });
  const request = { v: 1, from: thisNode(), host, addrs: r.addrs, user, port, command, tty: tty ? { term, ...size() } : null };
  let rawSet = false;
  const restore = () => {
    if (rawSet) process.stdin.setRawMode(false);
    rawSet = false;
  };
  const res = await openSession(request, {
    onConnect(sock) {
      if (o.n) {
        sock.write(frame(F.StdinEof));
        return;
      }
      process.stdin.on("data", (d) => sendStdin(sock, d));
      process.stdin.on("end", () => sock.write(frame(F.StdinEof)));
      if (tty) process.stdout.on("resize", () => sock.write(frame(F.Resize, size())));
    },
    onOpened() {
      if (tty && process.stdin.isTTY) {
        process.stdin.setRawMode(true);
        // libuv's raw mode keeps ONLCR; ssh's enter_raw_mode (sshtty.c) clears OPOST, so the
        // remote pty's \r\n reaches the terminal unchanged.
        spawnSync("stty", ["-opost"], { stdio: [0, "ignore", "ignore"] });
        rawSet = true;
      }
    },
    onStdout: (d) => process.stdout.write(d),
    onStderr: (d) => process.stderr.write(d),
  });
  restore();
  if (res.brokerDown || res.error?.kind === "not-ssh" || res.error?.kind === "internal") {
    const p = await probeConnect(r.addrs[0], port, o.connectTimeout);
    if (p.connected) {
      logErr("kex_exchange_identification: Connection closed by remote host");
      logErr(`Connection closed by ${r.addrs[0]} port ${port}`);
    } else logErr(`ssh: connect to host ${host} port ${port}: ${p.error}`);
    process.exit(255);
  }
  if (res.error?.kind === "denied") {
    logErr(`${user}@${host}: Permission denied (publickey).`);
    process.exit(255);
  }
  if (tty && !o.q) logErr(`Connection to ${host} closed.`);
  const code = res.exit.code;
  process.exitCode = typeof code === "number" ? code : 255;
  // Exit now: stdin may still be an open terminal that nobody will close.
  process.stdout.write("", () => process.exit());
}

process.stdout.on("error", () => process.exit(255));
sshMain(process.argv.slice(2)).catch((e) => {
  logErr(`ssh: ${e.message}`);
  process.exit(255);
});
