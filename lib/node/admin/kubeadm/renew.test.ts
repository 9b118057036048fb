import { describe, expect, it } from "vitest";
import fs from "node:fs";
import { X509Certificate } from "node:crypto";
import { run } from "../../systemd/testing";
import { readKubeconfig } from "./kubeconfig";
import { labFixture } from "./testing";

// Texts of cmd/kubeadm/app/cmd/certs.go and the renewal handlers' long names (kubeadm v1.32).
const HEADER = `[renew] Reading configuration from the "kubeadm-config" ConfigMap in namespace "kube-system"...\n[renew] Use 'kubeadm init phase upload-config --config your-config.yaml' to re-upload it.\n\n`;

describe("kubeadm certs renew", () => {
  it("all: every certificate, in kubeadm's order, then the restart hint", async () => {
    const { kubeadm, nodePath } = await labFixture();
    const cp = nodePath("controlplane");
    expect(await run(kubeadm, ["kubeadm", "certs", "renew", "all"], { nodePath: cp })).toEqual({
      code: 0,
      out:
        HEADER +
        [
          "certificate embedded in the kubeconfig file for the admin to use and for kubeadm itself renewed",
          "certificate for serving the Kubernetes API renewed",
          "certificate the apiserver uses to access etcd renewed",
          "certificate for the API server to connect to kubelet renewed",
          "certificate embedded in the kubeconfig file for the controller manager to use renewed",
          "certificate for liveness probes to healthcheck etcd renewed",
          "certificate for etcd nodes to communicate with each other renewed",
          "certificate for serving etcd renewed",
          "certificate for the front proxy client renewed",
          "certificate embedded in the kubeconfig file for the scheduler manager to use renewed",
          "certificate embedded in the kubeconfig file for the super-admin renewed",
          "",
          "Done renewing certificates. You must restart the kube-apiserver, kube-controller-manager, kube-scheduler and etcd, so that they can use the new certificates.",
          "",
        ].join("\n"),
      err: "",
    });
  });

  it("one certificate: same subject, SANs, usages and CA; new serial; one year from now", async () => {
    const { kubeadm, nodePath } = await labFixture();
    const cp = nodePath("controlplane");
    const before = new X509Certificate(fs.readFileSync(cp("/etc/kubernetes/pki/apiserver.crt")));
    const r = await run(kubeadm, ["kubeadm", "certs", "renew", "apiserver"], { nodePath: cp });
    expect(r).toEqual({ code: 0, out: HEADER + "certificate for serving the Kubernetes API renewed\n", err: "" });
    const after = new X509Certificate(fs.readFileSync(cp("/etc/kubernetes/pki/apiserver.crt")));
    const ca = new X509Certificate(fs.readFileSync(cp("/etc/kubernetes/pki/ca.crt")));
    expect({ subject: after.subject, san: after.subjectAltName, eku: after.keyUsage, issuer: after.issuer }).toEqual({
      subject: before.subject,
      san: before.subjectAltName,
      eku: before.keyUsage,
      issuer: before.issuer,
    });
    expect(after.serialNumber).not.toBe(before.serialNumber);
    expect(after.verify(ca.publicKey)).toBe(true);
    expect(new Date(after.validTo).toISOString()).toBe("2027-11-25T10:00:00.000Z");
    expect(after.checkPrivateKey(await import("node:crypto").then((c) => c.createPrivateKey(fs.readFileSync(cp("/etc/kubernetes/pki/apiserver.key")))))).toBe(true);
  });

  it("kubeconfig certificates are rewritten inside the file; ~/.kube/config keeps the old one", async () => {
    const { kubeadm, nodePath } = await labFixture();
    const cp = nodePath("controlplane");
    const old = readKubeconfig(cp("/etc/kubernetes/admin.conf")).clientCertPem!;
    await run(kubeadm, ["kubeadm", "certs", "renew", "admin.conf"], { nodePath: cp });
    const renewed = readKubeconfig(cp("/etc/kubernetes/admin.conf")).clientCertPem!;
    expect(new X509Certificate(renewed).subject).toBe(new X509Certificate(old).subject);
    expect(new X509Certificate(renewed).serialNumber).not.toBe(new X509Certificate(old).serialNumber);
    expect(readKubeconfig(cp("/root/.kube/config")).clientCertPem).toBe(old);
  });

  it.each([
    ["unknown name", ["kubeadm", "certs", "renew", "kubelet"], 'Error: unknown command "kubelet" for "kubeadm certs renew"\nRun \'kubeadm certs renew --help\' for usage.\n'],
  ])("%s", async (_n, argv, err) => {
    const { kubeadm, nodePath } = await labFixture();
    expect(await run(kubeadm, argv, { nodePath: nodePath("controlplane") })).toEqual({ code: 1, out: "", err });
  });

  it("a missing file is reported as MISSING!", async () => {
    const { kubeadm, nodePath } = await labFixture();
    const cp = nodePath("controlplane");
    fs.rmSync(cp("/etc/kubernetes/super-admin.conf"));
    expect((await run(kubeadm, ["kubeadm", "certs", "renew", "super-admin.conf"], { nodePath: cp })).out).toBe(
      HEADER + "MISSING! certificate embedded in the kubeconfig file for the super-admin\n",
    );
  });
});
