// What Calico's install-cni init container leaves on every node: the conflist rendered from the
// calico.yaml `cni_network_config` template (host-local IPAM on the node's podCIDR, as the lab's
// Calico runs) and the kubeconfig the CNI plugin uses to reach the API through the service IP.
import { KUBERNETES_SERVICE_IP } from "./topology";

export function calicoConflist(nodeName: string): string {
  return `{
  "name": "k8s-pod-network",
  "cniVersion": "0.3.1",
  "plugins": [
    {
      "type": "calico",
      "log_level": "info",
      "log_file_path": "/var/log/calico/cni/cni.log",
      "datastore_type": "kubernetes",
      "nodename": "${nodeName}",
      "mtu": 0,
      "ipam": {
          "type": "host-local",
          "subnet": "usePodCidr"
      },
      "policy": {
          "type": "k8s"
      },
      "kubernetes": {
          "kubeconfig": "/etc/cni/net.d/calico-kubeconfig"
      }
    },
    {
      "type": "portmap",
      "snat": true,
      "capabilities": {"portMappings": true}
    },
    {
      "type": "bandwidth",
      "capabilities": {"bandwidth": true}
    }
  ]
}`;
}

/** install-cni's kubeconfig template; `token` is the calico-cni-plugin ServiceAccount token. */
export function calicoKubeconfig(caPem: string, token: string): string {
  return `# Kubeconfig file for Calico CNI plugin. Installed by calico/node.
apiVersion: v1
kind: Config
clusters:
- name: local
  cluster:
    server: https://${KUBERNETES_SERVICE_IP}:443
    certificate-authority-data: "${Buffer.from(caPem).toString("base64")}"
users:
- name: calico
  user:
    token: ${token}
contexts:
- name: calico-context
  context:
    cluster: local
    user: calico
current-context: calico-context
`;
}
