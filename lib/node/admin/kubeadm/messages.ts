// Texts that changed between kubeadm releases, keyed by the kubeadm binary's minor.

/** configutil's hint after reading kubeadm-config: v1.32 says "your-config.yaml", v1.33 "your-config-file". */
export function uploadConfigHint(kubeadmVersion: string): string {
  const minor = Number(kubeadmVersion.split(".")[1]);
  return `Use 'kubeadm init phase upload-config --config ${minor >= 33 ? "your-config-file" : "your-config.yaml"}' to re-upload it.`;
}
