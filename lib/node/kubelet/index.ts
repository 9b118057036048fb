// The simulated kubelet: /usr/bin/kubelet for the node's systemd, and the per-lab registry the API
// server uses for pods/log and pods/exec.
export { createKubeletProgram, kubeletVersion, KubeletRegistry, type KubeletDeps } from "./program.js";
export type { Kubelet } from "./kubelet.js";
export type { LogOptions } from "./logs.js";
