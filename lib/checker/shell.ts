// Building the scripts the checks run: POSIX single-quoting, so names and URLs from exercise
// files reach kubectl and curl as single words whatever they contain.

export function sq(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** kubectl as a grader runs it: the admin kubeconfig (the student may have switched contexts or
 * broken ~/.kube/config as part of a task) and a bounded request time. */
export const KUBECTL = "kubectl --kubeconfig=/etc/kubernetes/admin.conf --request-timeout=10s";

/** The node the kubectl of structured checks runs on. */
export const GRADER_NODE = "controlplane";

/** A heredoc delimiter that does not occur in the text. */
export function heredocDelimiter(text: string): string {
  let d = "DRYDOCK_EOF";
  while (text.split("\n").some((l) => l.trim() === d)) d += "_";
  return d;
}
