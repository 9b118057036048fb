// Pod volumes as pkg/apis/core/validation/validation.go (ValidateVolumes, validateVolumeSource
// and the sources CKA uses: emptyDir, hostPath, secret, configMap, persistentVolumeClaim, nfs,
// downwardAPI, projected, csi); other sources are only counted.
import type { FieldError } from "../api/types";
import { child, duplicate, forbidden, index, invalid, notSupported, required } from "../meta/field-errors";
import { validateLocalDescendingPath, validatePathNoBacksteps } from "./pod";
import { arr, isObj, objOf, objs, quantity, str, validateDNS1123Label, type Obj } from "./helpers";
import { cmpQuantity, newQuantity } from "../meta/quantity";

const FILE_MODE_ERROR_MSG = "must be a number between 0 and 0777 (octal), both inclusive";
const HOST_PATH_TYPES = ["", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate", "File", "FileOrCreate", "Socket"];

/**
 * The sources in upstream's order, with the path segment its "more than 1 volume type" error
 * names (upstream spells cephFS and even "downwarAPI" this way).
 */
const SOURCES: Array<[string, string]> = [
  ["emptyDir", "emptyDir"], ["hostPath", "hostPath"], ["gitRepo", "gitRepo"], ["gcePersistentDisk", "gcePersistentDisk"],
  ["awsElasticBlockStore", "awsElasticBlockStore"], ["secret", "secret"], ["nfs", "nfs"], ["iscsi", "iscsi"],
  ["glusterfs", "glusterfs"], ["flocker", "flocker"], ["persistentVolumeClaim", "persistentVolumeClaim"], ["rbd", "rbd"],
  ["cinder", "cinder"], ["cephfs", "cephFS"], ["quobyte", "quobyte"], ["downwardAPI", "downwarAPI"], ["fc", "fc"],
  ["flexVolume", "flexVolume"], ["configMap", "configMap"], ["azureFile", "azureFile"], ["vsphereVolume", "vsphereVolume"],
  ["photonPersistentDisk", "photonPersistentDisk"], ["portworxVolume", "portworxVolume"], ["azureDisk", "azureDisk"],
  ["storageos", "storageos"], ["projected", "projected"], ["scaleIO", "scaleIO"], ["csi", "csi"], ["ephemeral", "ephemeral"],
];

function validateMode(mode: unknown, fldPath: string): FieldError[] {
  return typeof mode === "number" && (mode > 0o777 || mode < 0) ? [invalid(fldPath, mode, FILE_MODE_ERROR_MSG)] : [];
}

function validateLocalNonReservedPath(target: string, fldPath: string): FieldError[] {
  const errs = validateLocalDescendingPath(target, fldPath);
  if (target.startsWith("..") && !target.startsWith("../")) errs.push(invalid(fldPath, target, "must not start with '..'"));
  return errs;
}

function validateKeyToPath(kp: Obj, fldPath: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!str(kp.key)) errs.push(required(child(fldPath, "key"), ""));
  if (!str(kp.path)) errs.push(required(child(fldPath, "path"), ""));
  errs.push(...validateLocalNonReservedPath(str(kp.path), child(fldPath, "path")));
  return errs.concat(validateMode(kp.mode, child(fldPath, "mode")));
}

function validateItems(items: unknown, fldPath: string): FieldError[] {
  const errs: FieldError[] = [];
  objs(items).forEach((kp, i) => errs.push(...validateKeyToPath(kp, index(fldPath, i))));
  return errs;
}

function validateSource(kind: string, src: Obj, p: string): FieldError[] {
  const errs: FieldError[] = [];
  switch (kind) {
    case "emptyDir": {
      const q = quantity(src.sizeLimit);
      if (q && cmpQuantity(q, newQuantity(0, "DecimalSI")) < 0) errs.push(forbidden(child(p, "sizeLimit"), "SizeLimit field must be a valid resource quantity"));
      if (src.medium !== undefined && !["", "Memory", "HugePages"].includes(str(src.medium)) && !str(src.medium).startsWith("HugePages-")) {
        errs.push(notSupported(child(p, "medium"), str(src.medium), ["", "HugePages", "Memory"]));
      }
      break;
    }
    case "hostPath": {
      const path = str(src.path);
      if (!path) return [required(child(p, "path"), "")];
      errs.push(...validatePathNoBacksteps(path, child(p, "path")));
      if (src.type !== undefined && !HOST_PATH_TYPES.includes(str(src.type))) errs.push(notSupported(child(p, "type"), str(src.type), HOST_PATH_TYPES));
      break;
    }
    case "secret":
      if (!str(src.secretName)) errs.push(required(child(p, "secretName"), ""));
      errs.push(...validateMode(src.defaultMode, child(p, "defaultMode")), ...validateItems(src.items, child(p, "items")));
      break;
    case "configMap":
      if (!str(src.name)) errs.push(required(child(p, "name"), ""));
      errs.push(...validateMode(src.defaultMode, child(p, "defaultMode")), ...validateItems(src.items, child(p, "items")));
      break;
    case "persistentVolumeClaim":
      if (!str(src.claimName)) errs.push(required(child(p, "claimName"), ""));
      break;
    case "nfs":
      if (!str(src.server)) errs.push(required(child(p, "server"), ""));
      if (!str(src.path)) errs.push(required(child(p, "path"), ""));
      if (!str(src.path).startsWith("/")) errs.push(invalid(child(p, "path"), str(src.path), "must be an absolute path"));
      break;
    case "downwardAPI":
      errs.push(...validateMode(src.defaultMode, child(p, "defaultMode")));
      for (const f of objs(src.items)) {
        if (!str(f.path)) errs.push(required(child(p, "path"), ""));
        errs.push(...validateLocalNonReservedPath(str(f.path), child(p, "path")));
        errs.push(...validateMode(f.mode, child(p, "mode")));
      }
      break;
    case "projected":
      errs.push(...validateMode(src.defaultMode, child(p, "defaultMode")));
      objs(src.sources).forEach((s, i) => {
        const sp = index(child(p, "sources"), i);
        let n = 0;
        for (const k of ["secret", "configMap", "downwardAPI", "serviceAccountToken", "clusterTrustBundle"]) {
          if (!isObj(s[k])) continue;
          n++;
          if (n > 1) errs.push(forbidden(child(sp, k), "may not specify more than 1 volume type per source"));
          if (k === "secret" || k === "configMap") {
            if (!str((s[k] as Obj).name)) errs.push(required(child(sp, k, "name"), ""));
            errs.push(...validateItems((s[k] as Obj).items, child(sp, k, "items")));
          }
          if (k === "serviceAccountToken") {
            const t = s[k] as Obj;
            if (typeof t.expirationSeconds === "number" && t.expirationSeconds < 600) errs.push(invalid(child(sp, k, "expirationSeconds"), t.expirationSeconds, "may not specify a duration less than 10 minutes"));
            if (!str(t.path)) errs.push(required(child(sp, k, "path"), ""));
          }
        }
      });
      break;
    case "csi":
      if (!str(src.driver)) errs.push(required(child(p, "driver"), ""));
      break;
  }
  return errs;
}

/** ValidateVolumes: the volumes that validated, by name, and every error. */
export function validateVolumes(volumes: Obj[], podMeta: Obj | undefined, fldPath: string): { volumes: Map<string, Obj>; errs: FieldError[] } {
  const errs: FieldError[] = [];
  const byName = new Map<string, Obj>();
  const names = new Set<string>();
  void podMeta;
  volumes.forEach((vol, i) => {
    const p = index(fldPath, i);
    const el: FieldError[] = [];
    let n = 0;
    for (const [kind, errName] of SOURCES) {
      const src = objOf(vol[kind]);
      if (!src) continue;
      if (n > 0 && kind !== "emptyDir") {
        el.push(forbidden(child(p, errName), "may not specify more than 1 volume type"));
        continue;
      }
      n++;
      el.push(...validateSource(kind, src, child(p, kind)));
    }
    if (n === 0) el.push(required(p, "must specify a volume type"));
    const name = str(vol.name);
    if (!name) el.push(required(child(p, "name"), ""));
    else el.push(...validateDNS1123Label(name, child(p, "name")));
    if (names.has(name)) el.push(duplicate(child(p, "name"), name));
    if (el.length === 0) {
      names.add(name);
      byName.set(name, vol);
    } else errs.push(...el);
  });
  void arr;
  return { volumes: byName, errs };
}
