// kubeadm v1.32 node filesystems: PKI, kubeconfigs, static pod manifests, kubelet files, OS files.
export * from "./topology";
export * from "./versions";
export * from "./pki";
export * from "./cluster-pki";
export * from "./kubeconfig";
export * from "./manifests";
export * from "./kubelet";
export * from "./lab-pki";
export * from "./os";
export * from "./cni";
export * from "./tree";
