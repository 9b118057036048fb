// The API server's warning while etcd is unreachable, as a v1.32 kube-apiserver logs it (grpc-go's
// createTransport warning through klog: `[core] [Channel #N SubChannel #M]grpc: addrConn...`).
import { describe, expect, it } from "vitest";
import { etcdDialWarning } from "./kube-apiserver.js";

describe("etcdDialWarning", () => {
  it.each([
    ["a refused connection", "14 UNAVAILABLE: No connection established. Last error: Error: connect ECONNREFUSED /tmp/x/run/etcd-client.sock", 'Err: connection error: desc = "transport: Error while dialing: dial tcp 127.0.0.1:2379: connect: connection refused"'],
    ["anything else", "4 DEADLINE_EXCEEDED", 'Err: connection error: desc = "transport: Error while dialing: context deadline exceeded"'],
  ])("%s", (_name, err, tail) => {
    const line = etcdDialWarning("127.0.0.1:2379", err);
    expect(line).toBe(`W [core] [Channel #1 SubChannel #2]grpc: addrConn.createTransport failed to connect to {Addr: "127.0.0.1:2379", ServerName: "127.0.0.1:2379", }. ${tail}`);
    expect(line).not.toContain("/tmp");
  });
});
