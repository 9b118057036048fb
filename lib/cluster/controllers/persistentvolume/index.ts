// The storage controllers of kube-controller-manager, keyed by the names --controllers takes
// (cmd/kube-controller-manager/names: persistentvolume-binder, pv-protection, pvc-protection,
// persistentvolume-expander), for the lead to merge into the controller map.
import type { ControllerFactory } from "../types.js";
import { newExpandController } from "../expand/expand_controller.js";
import { newPVCProtectionController } from "../pvcprotection/pvc_protection_controller.js";
import { newPVProtectionController } from "../pvprotection/pv_protection_controller.js";
import { newPersistentVolumeBinderController } from "./pv_controller.js";

export const STORAGE_CONTROLLERS: Map<string, ControllerFactory> = new Map<string, ControllerFactory>([
  ["persistentvolume-binder", newPersistentVolumeBinderController],
  ["pvc-protection", newPVCProtectionController],
  ["pv-protection", newPVProtectionController],
  ["persistentvolume-expander", newExpandController],
]);
