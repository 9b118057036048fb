// pkg/controller/volume/expand/expand_controller.go: a bound claim whose requested storage grew
// past its status capacity is handed to the volume's expander. kube-controller-manager has no
// controller-side expander for the volumes of this lab (hostPath, local: local-path-provisioner
// does not resize), so the claim only gets ExternalExpanding and keeps its old capacity, as a
// real kubeadm cluster shows. (Admission already refused classes without allowVolumeExpansion.)
import { GR } from "../../client/types.js";
import type { EventRecorder } from "../../runtime/events.js";
import { splitKey } from "../../runtime/workqueue.js";
import { claimKey, cmpStorage, hasAnnotation } from "../../storage/helpers.js";
import { pluginForVolume } from "../../storage/plugins.js";
import type { PV, PVC } from "../../storage/types.js";
import type { ControllerContext } from "../types.js";
import { QueueController } from "../util/base.js";

const ANN_PRE_RESIZE_CAPACITY = "volume.alpha.kubernetes.io/pre-resize-capacity";

export class ExpandController extends QueueController {
  readonly name = "persistentvolume-expander";
  private readonly recorder: EventRecorder;

  constructor(ctx: ControllerContext) {
    super(ctx);
    this.recorder = ctx.recorder("volume_expand");
  }

  start(): void {
    // enqueuePVC: only bound claims, on add and on every update.
    this.watch(GR.persistentvolumeclaims, (type, obj) => {
      if (type !== "DELETED" && (obj as PVC).status?.phase === "Bound") this.queue.add(claimKey(obj.metadata ?? {}));
    });
  }

  protected async sync(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const pvc = this.ctx.client.get(GR.persistentvolumeclaims, namespace, name) as PVC | undefined;
    if (!pvc?.spec?.volumeName) return;
    const pv = this.ctx.client.get(GR.persistentvolumes, "", pvc.spec.volumeName) as PV | undefined;
    if (!pv) throw new Error(`failed to get PV for PVC ${key}: persistentvolume "${pvc.spec.volumeName}" not found`);
    const ref = pv.spec?.claimRef;
    if (!ref || ref.namespace !== namespace || ref.uid !== pvc.metadata?.uid) throw new Error(`persistent Volume is not bound to PVC being updated : ${key}`);
    if (cmpStorage(pvc.spec.resources?.requests, pvc.status?.capacity) <= 0 && !hasAnnotation(pv, ANN_PRE_RESIZE_CAPACITY)) return;
    // FindExpandablePluginBySpec: hostPath is loaded but cannot expand (no error); local is not loaded (error).
    const type = pluginForVolume(pv) === "kubernetes.io/host-path" ? "Normal" : "Warning";
    this.recorder.event(pvc, type, "ExternalExpanding", "waiting for an external controller to expand this PVC");
  }
}

export const newExpandController = (ctx: ControllerContext) => new ExpandController(ctx);
