// determineEffectiveSecurityContext (pkg/kubelet/kuberuntime/security_context.go): the container's
// fields override the pod's; fsGroup joins the pod's supplementalGroups.
import { describe, expect, it } from "vitest";
import { effectiveSecurity } from "./security.js";

describe("effectiveSecurity", () => {
  it.each([
    { name: "nothing set", podSc: undefined, sc: undefined, want: {} },
    {
      name: "pod-level user, group and fsGroup",
      podSc: { runAsUser: 1000, runAsGroup: 3000, fsGroup: 2000 },
      sc: { allowPrivilegeEscalation: false },
      want: { runAsUser: 1000, runAsGroup: 3000, supplementalGroups: [2000] },
    },
    {
      name: "the container overrides the pod",
      podSc: { runAsUser: 1000, supplementalGroups: [4000], fsGroup: 2000 },
      sc: { runAsUser: 2000, readOnlyRootFilesystem: true },
      want: { runAsUser: 2000, supplementalGroups: [4000, 2000], readonlyRootfs: true },
    },
    { name: "privileged", podSc: {}, sc: { privileged: true }, want: { privileged: true } },
  ])("$name", ({ podSc, sc, want }) => {
    expect(effectiveSecurity({ spec: { securityContext: podSc } }, { securityContext: sc })).toEqual(want);
  });
});
