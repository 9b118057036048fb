// containerd/runc error texts, as the kubelet and kubectl show them.

/** The process cannot be started: the container ends in StartError (exit 128). */
export function startErrorMessage(argv0: string): string {
  return `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "${argv0}": executable file not found in $PATH: unknown`;
}

/** An exec whose binary the image does not have. */
export function execErrorMessage(argv0: string): string {
  return `OCI runtime exec failed: exec failed: unable to start container process: exec: "${argv0}": executable file not found in $PATH: unknown`;
}
