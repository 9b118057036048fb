// YAML as sigs.k8s.io/yaml writes it (JSON -> go-yaml v2): map keys sorted, sequences not
// indented under their key, no line folding, ambiguous strings double-quoted. kubeadm writes
// static pod manifests, kubeconfigs and the kubelet config this way.
import { stringify } from "yaml";

export function marshalYaml(value: unknown): string {
  return stringify(value, {
    sortMapEntries: true,
    indentSeq: false,
    lineWidth: 0,
    defaultStringType: "PLAIN",
    defaultKeyType: "PLAIN",
    singleQuote: false,
  });
}
