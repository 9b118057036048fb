// The local-path provisioner with the PV controller, over FakeCluster and a fake node filesystem:
// WaitForFirstConsumer provisioning, Retain vs Delete, and the provisioner's refusals.
import { describe, expect, it } from "vitest";
import type { KObject } from "../../cluster/api/types.js";
import { LOCAL_PATH_CONFIG } from "../../cluster/bootstrap/local-path.js";
import { GR } from "../../cluster/client/types.js";
import { newPersistentVolumeBinderController } from "../../cluster/controllers/persistentvolume/pv_controller.js";
import { events, harness, type Harness } from "../../cluster/controllers/util/testing.js";
import { newLocalPathProvisioner } from "./local-path.js";

const sc = (name: string, mode: string, policy = "Delete"): KObject => ({
  apiVersion: "storage.k8s.io/v1",
  kind: "StorageClass",
  metadata: { name },
  provisioner: "rancher.io/local-path",
  reclaimPolicy: policy,
  volumeBindingMode: mode,
});

const claim = (name: string, cls: string, extra: Record<string, unknown> = {}): KObject => ({
  apiVersion: "v1",
  kind: "PersistentVolumeClaim",
  metadata: { name, namespace: "default" },
  spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } }, storageClassName: cls, volumeMode: "Filesystem", ...extra },
  status: { phase: "Pending" },
});

function lab(): { h: Harness; fs: string[] } {
  const h = harness();
  const fs: string[] = [];
  h.client.seed(GR.configmaps, { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "local-path-config", namespace: "local-path-storage" }, data: { ...LOCAL_PATH_CONFIG } });
  h.client.seed(GR.nodes, { apiVersion: "v1", kind: "Node", metadata: { name: "node01", labels: { "kubernetes.io/hostname": "node01" } } });
  h.client.seed(GR.storageclasses, sc("standard", "WaitForFirstConsumer"), sc("keep", "WaitForFirstConsumer", "Retain"), sc("fast", "Immediate"));
  newPersistentVolumeBinderController(h.ctx).start();
  newLocalPathProvisioner({
    client: h.client,
    time: h.time,
    random: h.ctx.random,
    podName: "local-path-provisioner-7d4b8c5f6-x2x7p",
    mkdirOnNode: async (node, path) => void fs.push(`mkdir ${node}:${path}`),
    rmOnNode: async (node, path) => void fs.push(`rm ${node}:${path}`),
    log: () => {},
  }).start();
  return { h, fs };
}

/** What kube-scheduler's PreBind does for a claim to provision. */
async function selectNode(h: Harness, name: string, node: string) {
  await h.client.patch(GR.persistentvolumeclaims, "default", name, "application/merge-patch+json", { metadata: { annotations: { "volume.kubernetes.io/selected-node": node } } });
}

const strip = (o: KObject | undefined) => {
  const c = structuredClone(o)!;
  for (const k of ["resourceVersion", "creationTimestamp", "uid", "generation"]) delete c.metadata![k];
  const s = c.spec as { claimRef?: { resourceVersion?: string } };
  if (s.claimRef) delete s.claimRef.resourceVersion;
  delete (c.status as { lastPhaseTransitionTime?: string }).lastPhaseTransitionTime;
  return c;
};

describe("local-path provisioner", () => {
  it("provisions a WaitForFirstConsumer claim on the selected node, binds it, and deletes it with the claim", async () => {
    const { h, fs } = lab();
    await h.client.create(GR.persistentvolumeclaims, claim("data", "standard"));
    await h.time.advance(10);
    expect(h.client.get(GR.persistentvolumeclaims, "default", "data")!.status).toEqual({ phase: "Pending" });
    expect(events(h.client)).toEqual(["WaitForFirstConsumer: waiting for first consumer to be created before binding"]);

    await selectNode(h, "data", "node01");
    await h.time.advance(2000);
    const pvc = h.client.get(GR.persistentvolumeclaims, "default", "data")!;
    const uid = pvc.metadata!.uid!;
    const dir = `/opt/local-path-provisioner/pvc-${uid}_default_data`;
    expect(fs).toEqual([`mkdir node01:${dir}`]);
    // Events of the same second have no order (kubectl sorts by lastTimestamp): compare sorted.
    expect(events(h.client).sort()).toEqual([
      "WaitForFirstConsumer: waiting for first consumer to be created before binding",
      "ExternalProvisioning: Waiting for a volume to be created either by the external provisioner 'rancher.io/local-path' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.",
      'Provisioning: External provisioner is provisioning volume for claim "default/data"',
      `ProvisioningSucceeded: Successfully provisioned volume pvc-${uid}`,
    ].sort());
    expect(strip(h.client.get(GR.persistentvolumes, "", `pvc-${uid}`))).toEqual({
      apiVersion: "v1",
      kind: "PersistentVolume",
      metadata: { name: `pvc-${uid}`, annotations: { "local.path.provisioner/selected-node": "node01", "pv.kubernetes.io/provisioned-by": "rancher.io/local-path" } },
      spec: {
        capacity: { storage: "1Gi" },
        hostPath: { path: dir, type: "DirectoryOrCreate" },
        accessModes: ["ReadWriteOnce"],
        persistentVolumeReclaimPolicy: "Delete",
        volumeMode: "Filesystem",
        nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: "kubernetes.io/hostname", operator: "In", values: ["node01"] }] }] } },
        claimRef: { kind: "PersistentVolumeClaim", namespace: "default", name: "data", uid, apiVersion: "v1" },
        storageClassName: "standard",
      },
      status: { phase: "Bound" },
    });
    expect(strip(pvc)).toEqual({
      ...claim("data", "standard", { volumeName: `pvc-${uid}` }),
      metadata: {
        name: "data",
        namespace: "default",
        annotations: {
          "volume.kubernetes.io/selected-node": "node01",
          "volume.beta.kubernetes.io/storage-provisioner": "rancher.io/local-path",
          "volume.kubernetes.io/storage-provisioner": "rancher.io/local-path",
          "pv.kubernetes.io/bound-by-controller": "yes",
          "pv.kubernetes.io/bind-completed": "yes",
        },
      },
      status: { phase: "Bound", accessModes: ["ReadWriteOnce"], capacity: { storage: "1Gi" } },
    });

    await h.client.delete(GR.persistentvolumeclaims, "default", "data");
    await h.time.advance(2000);
    expect(fs).toEqual([`mkdir node01:${dir}`, `rm node01:${dir}`]);
    expect(h.client.list(GR.persistentvolumes)).toEqual([]);
  });

  it("keeps a Retain volume Released, with its claimRef and its directory", async () => {
    const { h, fs } = lab();
    await h.client.create(GR.persistentvolumeclaims, claim("keep", "keep"));
    await selectNode(h, "keep", "node01");
    await h.time.advance(2000);
    const uid = h.client.get(GR.persistentvolumeclaims, "default", "keep")!.metadata!.uid!;
    await h.client.delete(GR.persistentvolumeclaims, "default", "keep");
    await h.time.advance(2000);
    const pv = h.client.get(GR.persistentvolumes, "", `pvc-${uid}`)!;
    expect((pv.status as { phase: string }).phase).toBe("Released");
    expect((pv.spec as { claimRef: { name: string; uid: string } }).claimRef).toMatchObject({ name: "keep", uid });
    expect(fs).toEqual([`mkdir node01:/opt/local-path-provisioner/pvc-${uid}_default_keep`]);
  });

  it.each([
    ["an Immediate class has no node to provision on", "fast", {}, 'ProvisioningFailed: failed to provision volume with StorageClass "fast": configuration error, no node was specified'],
    ["ReadWriteMany is refused", "fast", { accessModes: ["ReadWriteMany"] }, 'ProvisioningFailed: failed to provision volume with StorageClass "fast": NodePath only supports ReadWriteOnce and ReadWriteOncePod (1.22+) access modes'],
    ["Block volumes are refused", "fast", { volumeMode: "Block" }, "ProvisioningFailed: rancher.io/local-path does not support block volume provisioning"],
  ])("%s", async (_name, cls, extra, want) => {
    const { h, fs } = lab();
    await h.client.create(GR.persistentvolumeclaims, claim("c", cls, extra));
    await h.time.advance(100);
    expect(events(h.client).filter((e) => !e.startsWith("ExternalProvisioning"))).toEqual(
      want.includes("block") ? [want] : ['Provisioning: External provisioner is provisioning volume for claim "default/c"', want],
    );
    expect(fs).toEqual([]);
    expect(h.client.list(GR.persistentvolumes)).toEqual([]);
  });
});
