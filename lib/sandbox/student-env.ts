// The environment of a student's shell on a node: what a root login on an Ubuntu 24.04 kubeadm
// node has (PATH from /etc/environment, the usual login variables), plus the KUBECONFIG our labs
// set. Built from scratch on purpose: nothing of the host's process.env may leak into a node.

export const NODE_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

export function studentEnv(nodeName: string): Record<string, string> {
  return {
    PATH: NODE_PATH,
    HOME: "/root",
    USER: "root",
    LOGNAME: "root",
    SHELL: "/bin/bash",
    TERM: "xterm-256color",
    LANG: "C.UTF-8",
    KUBECONFIG: "/root/.kube/config",
    HOSTNAME: nodeName,
  };
}
