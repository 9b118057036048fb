import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { X509Certificate } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { clusterPkiFiles, generateClusterPki, type ClusterPki } from "./cluster-pki";
import { generateEcdsaKeyPair, loadCertificateAuthority, signClientCertificate } from "./pki";

const INIT = new Date("2025-03-20T10:00:00Z");
const DAY = 24 * 3600 * 1000;
let pki: ClusterPki;
let dir: string;

const openssl = (...args: string[]) => execFileSync("openssl", args, { encoding: "utf8" });
/** openssl verify as of a day after init (the fixture's clock, not the machine's). */
const AT_TIME = String(Math.floor(INIT.getTime() / 1000) + 86400);

beforeAll(async () => {
  pki = await generateClusterPki({
    initTime: INIT,
    nodeName: "controlplane",
    advertiseAddress: "172.30.1.2",
    kubernetesServiceIP: "10.96.0.1",
    dnsDomain: "cluster.local",
  });
  dir = mkdtempSync(join(tmpdir(), "kubeadm-pki-"));
  for (const f of clusterPkiFiles(pki, dir)) {
    execFileSync("mkdir", ["-p", join(f.path, "..")]);
    writeFileSync(f.path, f.content, { mode: f.mode });
  }
});

// Expectations from cmd/kubeadm/app/phases/certs/certlist.go and pkiutil.GetAPIServerAltNames /
// getAltNames; the openssl text is how openssl 3 prints Go-made kubeadm certificates.
const LEAF = "Digital Signature, Key Encipherment";
const CA = "Digital Signature, Key Encipherment, Certificate Sign";
const cases = [
  { file: "ca", subject: "CN = kubernetes", issuer: "CN = kubernetes", ca: true, usage: CA, eku: undefined, san: "DNS:kubernetes", years: 10 },
  { file: "front-proxy-ca", subject: "CN = front-proxy-ca", issuer: "CN = front-proxy-ca", ca: true, usage: CA, eku: undefined, san: "DNS:front-proxy-ca", years: 10 },
  { file: "etcd/ca", subject: "CN = etcd-ca", issuer: "CN = etcd-ca", ca: true, usage: CA, eku: undefined, san: "DNS:etcd-ca", years: 10 },
  {
    file: "apiserver", subject: "CN = kube-apiserver", issuer: "CN = kubernetes", ca: false, usage: LEAF,
    eku: "TLS Web Server Authentication",
    san: "DNS:controlplane, DNS:kubernetes, DNS:kubernetes.default, DNS:kubernetes.default.svc, DNS:kubernetes.default.svc.cluster.local, IP Address:10.96.0.1, IP Address:172.30.1.2",
    years: 1,
  },
  { file: "apiserver-kubelet-client", subject: "O = kubeadm:cluster-admins, CN = kube-apiserver-kubelet-client", issuer: "CN = kubernetes", ca: false, usage: LEAF, eku: "TLS Web Client Authentication", san: undefined, years: 1 },
  { file: "front-proxy-client", subject: "CN = front-proxy-client", issuer: "CN = front-proxy-ca", ca: false, usage: LEAF, eku: "TLS Web Client Authentication", san: undefined, years: 1 },
  {
    file: "etcd/server", subject: "CN = controlplane", issuer: "CN = etcd-ca", ca: false, usage: LEAF,
    eku: "TLS Web Server Authentication, TLS Web Client Authentication",
    san: "DNS:controlplane, DNS:localhost, IP Address:172.30.1.2, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1",
    years: 1,
  },
  {
    file: "etcd/peer", subject: "CN = controlplane", issuer: "CN = etcd-ca", ca: false, usage: LEAF,
    eku: "TLS Web Server Authentication, TLS Web Client Authentication",
    san: "DNS:controlplane, DNS:localhost, IP Address:172.30.1.2, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1",
    years: 1,
  },
  { file: "etcd/healthcheck-client", subject: "CN = kube-etcd-healthcheck-client", issuer: "CN = etcd-ca", ca: false, usage: LEAF, eku: "TLS Web Client Authentication", san: undefined, years: 1 },
  { file: "apiserver-etcd-client", subject: "CN = kube-apiserver-etcd-client", issuer: "CN = etcd-ca", ca: false, usage: LEAF, eku: "TLS Web Client Authentication", san: undefined, years: 1 },
];

/** The value lines under one "X509v3 ..." header of `openssl x509 -text`. */
function extension(text: string, name: string): string | undefined {
  const m = text.match(new RegExp(`X509v3 ${name}:[^\\n]*\\n\\s+([^\\n]+)`));
  return m?.[1].trim();
}

describe("cluster PKI (openssl x509 -text)", () => {
  it.each(cases)("$file", (c) => {
    const path = join(dir, `${c.file}.crt`);
    const text = openssl("x509", "-in", path, "-noout", "-text");
    expect(openssl("x509", "-in", path, "-noout", "-subject").trim()).toBe(`subject=${c.subject}`);
    expect(openssl("x509", "-in", path, "-noout", "-issuer").trim()).toBe(`issuer=${c.issuer}`);
    expect(text).toContain("Signature Algorithm: sha256WithRSAEncryption");
    expect(text).toContain("Public-Key: (2048 bit)");
    expect(text).toMatch(/X509v3 Key Usage: critical/);
    expect(extension(text, "Key Usage")).toBe(c.usage);
    expect(extension(text, "Extended Key Usage")).toBe(c.eku);
    expect(text).toMatch(/X509v3 Basic Constraints: critical/);
    expect(extension(text, "Basic Constraints")).toBe(c.ca ? "CA:TRUE" : "CA:FALSE");
    expect(text.includes("X509v3 Subject Key Identifier")).toBe(c.ca);
    expect(text.includes("X509v3 Authority Key Identifier")).toBe(!c.ca);
    expect(extension(text, "Subject Alternative Name")).toBe(c.san);

    const cert = new X509Certificate(readCert(c.file));
    expect(new Date(cert.validFrom)).toEqual(new Date(INIT.getTime() - 5 * 60 * 1000));
    expect(new Date(cert.validTo)).toEqual(new Date(INIT.getTime() + c.years * 365 * DAY));
    expect(BigInt(`0x${cert.serialNumber}`)).toBeGreaterThan(0n);
    expect(BigInt(`0x${cert.serialNumber}`)).toBeLessThan(1n << 63n);
  });

  it("every leaf verifies against its CA with openssl verify", () => {
    const verify = (ca: string, ...certs: string[]) =>
      openssl("verify", "-attime", AT_TIME, "-CAfile", join(dir, `${ca}.crt`), ...certs.map((c) => join(dir, `${c}.crt`)));
    expect(verify("ca", "apiserver", "apiserver-kubelet-client")).toBe(
      `${join(dir, "apiserver.crt")}: OK\n${join(dir, "apiserver-kubelet-client.crt")}: OK\n`,
    );
    expect(verify("front-proxy-ca", "front-proxy-client")).toBe(`${join(dir, "front-proxy-client.crt")}: OK\n`);
    expect(verify("etcd/ca", "etcd/server", "etcd/peer", "etcd/healthcheck-client", "apiserver-etcd-client")).toMatch(
      /^(.*: OK\n){4}$/,
    );
  });

  it("writes keys as kubeadm does: PKCS#1 RSA keys, PKIX sa.pub, matching pairs", () => {
    for (const c of cases) {
      const key = readFile(`${c.file}.key`);
      expect(key.startsWith("-----BEGIN RSA PRIVATE KEY-----\n")).toBe(true);
      const certMod = openssl("x509", "-in", join(dir, `${c.file}.crt`), "-noout", "-modulus");
      expect(openssl("rsa", "-in", join(dir, `${c.file}.key`), "-noout", "-modulus")).toBe(certMod);
    }
    expect(readFile("sa.key").startsWith("-----BEGIN RSA PRIVATE KEY-----\n")).toBe(true);
    expect(readFile("sa.pub").startsWith("-----BEGIN PUBLIC KEY-----\n")).toBe(true);
    expect(openssl("rsa", "-pubin", "-in", join(dir, "sa.pub"), "-noout", "-modulus")).toBe(
      openssl("rsa", "-in", join(dir, "sa.key"), "-noout", "-modulus"),
    );
  });

  it("lists the kubeadm file set with modes 0644 for certs and 0600 for keys", () => {
    const files = clusterPkiFiles(pki).map((f) => `${f.path} ${f.mode.toString(8)}`);
    expect(files).toEqual([
      ...cases
        .slice()
        .sort((a, b) => order.indexOf(a.file) - order.indexOf(b.file))
        .flatMap((c) => [`/etc/kubernetes/pki/${c.file}.crt 644`, `/etc/kubernetes/pki/${c.file}.key 600`]),
      "/etc/kubernetes/pki/sa.key 600",
      "/etc/kubernetes/pki/sa.pub 600",
    ]);
  });
});

const order = ["ca", "apiserver", "apiserver-kubelet-client", "front-proxy-ca", "front-proxy-client", "etcd/ca", "etcd/server", "etcd/peer", "etcd/healthcheck-client", "apiserver-etcd-client"];

function readFile(name: string): string {
  return execFileSync("cat", [join(dir, name)], { encoding: "utf8" });
}
function readCert(name: string): string {
  return readFile(`${name}.crt`);
}

describe("signClientCertificate (CSR signer)", () => {
  it("issues a kubelet client certificate from a CA read back from PEM", async () => {
    const ca = loadCertificateAuthority(readCert("ca"), readFile("ca.key"));
    const keys = await generateEcdsaKeyPair();
    const now = new Date("2025-03-20T10:01:30Z");
    const cert = signClientCertificate(ca, {
      publicKey: keys.publicKey,
      commonName: "system:node:node01",
      organization: ["system:nodes"],
      usages: ["digital signature", "client auth"],
      now,
    });
    const path = join(dir, "node01-client.crt");
    writeFileSync(path, cert.toString());
    const text = openssl("x509", "-in", path, "-noout", "-text");
    expect(openssl("x509", "-in", path, "-noout", "-subject").trim()).toBe("subject=O = system:nodes, CN = system:node:node01");
    expect(extension(text, "Key Usage")).toBe("Digital Signature");
    expect(extension(text, "Extended Key Usage")).toBe("TLS Web Client Authentication");
    expect(extension(text, "Basic Constraints")).toBe("CA:FALSE");
    expect(text).toContain("Public Key Algorithm: id-ecPublicKey");
    expect(new Date(cert.validFrom)).toEqual(new Date(now.getTime() - 5 * 60 * 1000));
    expect(new Date(cert.validTo)).toEqual(new Date(now.getTime() + 365 * DAY - 5 * 60 * 1000));
    expect(openssl("verify", "-attime", AT_TIME, "-CAfile", join(dir, "ca.crt"), path)).toBe(`${path}: OK\n`);
  });

  it("rejects usages the signer does not know", async () => {
    const keys = await generateEcdsaKeyPair();
    expect(() =>
      signClientCertificate(pki.ca, { publicKey: keys.publicKey, commonName: "x", usages: ["bogus"], now: INIT }),
    ).toThrow("unsupported key usage: bogus");
  });
});
