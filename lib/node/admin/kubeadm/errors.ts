// How kubeadm ends on an error (cmd/kubeadm/app/util/error.go CheckErr): the message, the hint
// about --v=5, exit status 1.
import type { CommandIO } from "../../types";

export class KubeadmError extends Error {}

export function fail(io: CommandIO, message: string): number {
  io.stderr.write(`${message}\nTo see the stack trace of this error execute with --v=5 or higher\n`);
  return 1;
}
