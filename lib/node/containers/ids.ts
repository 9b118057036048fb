// containerd names containers and sandboxes by 64 hex characters (a random 32-byte id,
// github.com/containerd/containerd/pkg/util GenerateID); crictl shows the first 13.
import type { Random } from "../../cluster/api/types.js";

export function newContainerdId(random: Random): string {
  return (random.uuid() + random.uuid()).replace(/-/g, "").toLowerCase().slice(0, 64);
}
