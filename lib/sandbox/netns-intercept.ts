// One interceptor per node: a small python3 program started in the node's network namespace
// (nsenter -n, host file system) that receives every TCP connection the node's iptables rules
// REDIRECT to it (ClusterIPs, pod IPs, NodePorts), reads the original destination with
// SO_ORIGINAL_DST and hands the connection to the lab's simulator over a unix socket on the host.
// UDP cannot be redirected without losing the destination (SO_ORIGINAL_DST is TCP-only), so the
// simulator tells the helper which UDP addresses to bind (cluster ranges are `ip route add
// local` on lo, so any of them can be bound) and the helper relays each datagram.
//
// Why python: Node cannot getsockopt(SO_ORIGINAL_DST), and python3 is a declared host package
// (scripts/apt-packages.txt). Why one process: per-address socat forwarders do not scale to
// every pod and Service.
//
// Wire protocol on the unix socket (one connection per TCP flow or UDP datagram, one control
// connection per helper):
//   helper -> host  "CTL\n"                                   then host -> helper lines "UDP ip:port ip:port ...\n"
//   helper -> host  "TCP <src> <sport> <dst> <dport>\n"       host answers "OK\n" (then raw bytes),
//                                                             "REFUSED\n" (helper resets the client) or
//                                                             "TIMEOUT\n" (helper holds the client silent)
//   helper -> host  "UDP <src> <sport> <dst> <dport> <len>\n<payload>"  host answers "<len>\n<payload>" or closes
import { spawn, type ChildProcess } from "node:child_process";

/** The local port the node's nat rules REDIRECT intercepted TCP connections to. */
export const INTERCEPT_PORT = 15001;
/** How long the helper may take to listen (named limit). */
export const INTERCEPT_READY_TIMEOUT_MS = 5000;
/** How long a silently held ("TIMEOUT") connection is kept before the helper drops it. */
export const INTERCEPT_HOLD_SECONDS = 300;

export const INTERCEPT_HELPER_PY = String.raw`
import os, socket, struct, sys, threading
SOCK, PORT, HOLD = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
SO_ORIGINAL_DST = 80

def host_conn():
    u = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    u.connect(SOCK)
    return u

def readline(s):
    buf = b""
    while not buf.endswith(b"\n"):
        b = s.recv(1)
        if not b:
            return None
        buf += b
    return buf[:-1].decode()

def pump(a, b):
    try:
        while True:
            d = a.recv(65536)
            if not d:
                break
            b.sendall(d)
    except OSError:
        pass
    try:
        b.shutdown(socket.SHUT_WR)
    except OSError:
        pass

def reset(c):
    c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    c.close()

def handle_tcp(c, peer):
    try:
        raw = c.getsockopt(socket.SOL_IP, SO_ORIGINAL_DST, 16)
        dport, dip = struct.unpack("!2xH4s8x", raw)
        u = host_conn()
        u.sendall(("TCP %s %d %s %d\n" % (peer[0], peer[1], socket.inet_ntoa(dip), dport)).encode())
        verdict = readline(u)
    except OSError:
        reset(c)
        return
    if verdict == "OK":
        t = threading.Thread(target=pump, args=(u, c), daemon=True)
        t.start()
        pump(c, u)
        t.join()
        c.close()
        u.close()
    elif verdict == "TIMEOUT":
        u.close()
        c.settimeout(HOLD)
        try:
            while c.recv(65536):
                pass
        except OSError:
            pass
        reset(c)
    else:
        u.close()
        reset(c)

udp = {}
udp_lock = threading.Lock()

def handle_dgram(s, dst, data, peer):
    try:
        u = host_conn()
        u.sendall(("UDP %s %d %s %d %d\n" % (peer[0], peer[1], dst[0], dst[1], len(data))).encode() + data)
        n = readline(u)
        if n is None:
            return
        n = int(n)
        buf = b""
        while len(buf) < n:
            d = u.recv(n - len(buf))
            if not d:
                return
            buf += d
        u.close()
        s.sendto(buf, peer)
    except (OSError, ValueError):
        pass

def serve_udp(s, dst):
    while True:
        try:
            data, peer = s.recvfrom(65536)
        except OSError:
            return
        threading.Thread(target=handle_dgram, args=(s, dst, data, peer), daemon=True).start()

def set_udp(addrs):
    with udp_lock:
        for a in list(udp):
            if a not in addrs:
                udp.pop(a).close()
        for a in addrs:
            if a in udp:
                continue
            ip, port = a.rsplit(":", 1)
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            try:
                s.bind((ip, int(port)))
            except OSError as e:
                print("drydock-intercept: bind udp %s: %s" % (a, e), file=sys.stderr, flush=True)
                s.close()
                continue
            udp[a] = s
            threading.Thread(target=serve_udp, args=(s, (ip, int(port))), daemon=True).start()

def control():
    ctl = host_conn()
    ctl.sendall(b"CTL\n")
    while True:
        line = readline(ctl)
        if line is None:
            os._exit(0)
        if line.startswith("UDP"):
            set_udp(set(line.split()[1:]))
            ctl.sendall(b"ACK\n")

lst = socket.socket()
lst.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
lst.bind(("127.0.0.1", PORT))
lst.listen(512)
threading.Thread(target=control, daemon=True).start()
print("drydock-intercept-ready", flush=True)
while True:
    c, peer = lst.accept()
    threading.Thread(target=handle_tcp, args=(c, peer), daemon=True).start()
`;

export interface Interceptor {
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts the helper. `netns(argv)` turns a host command line into one that runs in the node's
 * network namespace (node-sandbox's netnsArgs, or `nsenter -t PID -n --`). Resolves when it
 * listens; the helper exits by itself when the host side closes its control connection.
 */
export function startInterceptor(netns: (argv: string[]) => string[], hostSocketPath: string, port = INTERCEPT_PORT): Promise<Interceptor> {
  const argv = netns(["/usr/bin/python3", "-I", "-c", INTERCEPT_HELPER_PY, hostSocketPath, String(port), String(INTERCEPT_HOLD_SECONDS)]);
  const child = spawn(argv[0], argv.slice(1), { stdio: ["ignore", "pipe", "pipe"], env: { PATH: "/usr/sbin:/usr/bin:/sbin:/bin" } });
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  const handle: Interceptor = {
    process: child,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
    },
  };
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    let done = false;
    const finish = (e?: Error) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (e) {
        child.kill("SIGKILL");
        reject(e);
      } else resolve(handle);
    };
    const timer = setTimeout(() => finish(new Error(`interceptor not listening after ${INTERCEPT_READY_TIMEOUT_MS} ms: ${err.trim()}`)), INTERCEPT_READY_TIMEOUT_MS);
    child.stdout!.setEncoding("utf8");
    child.stdout!.on("data", (d: string) => {
      out += d;
      if (out.includes("drydock-intercept-ready\n")) finish();
    });
    child.stderr!.setEncoding("utf8");
    child.stderr!.on("data", (d: string) => (err = (err + d).slice(-4096)));
    child.once("error", (e) => finish(e));
    child.once("exit", (code, sig) => finish(new Error(`interceptor exited (${sig ?? code}): ${err.trim()}`)));
  });
}
