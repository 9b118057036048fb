// /usr/bin/kubelet run by hand: `kubelet --version` prints the installed package's version as
// the real binary does (component-base/version/verflag: "Kubernetes v1.32.3"). Running the
// daemon itself belongs to systemd (lib/node/kubelet through the unit).
import type { NodeCommand } from "../../types";
import { installedVersion } from "../apt/dpkg";

export function kubeletCliCommand(labVersion: string): NodeCommand {
  return async (io) => {
    const args = io.argv.slice(1);
    const version = installedVersion(io.nodePath, "kubelet", labVersion);
    if (args.includes("--version") || args.includes("--version=true")) {
      io.stdout.write(`Kubernetes ${version}\n`);
      return 0;
    }
    if (args.includes("--version=raw")) {
      io.stdout.write(`version.Info{Major:"1", Minor:"${version.split(".")[1]}", GitVersion:"${version}"}\n`);
      return 0;
    }
    io.stderr.write("Drydock: the kubelet runs as the kubelet.service unit here; use systemctl and journalctl -u kubelet.\n");
    return 1;
  };
}
