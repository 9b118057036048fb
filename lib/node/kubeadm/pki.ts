// X.509 primitives as kubeadm v1.32 and the kube-controller-manager's CSR signer produce them.
// Follows cmd/kubeadm/app/util/pkiutil/pki_helpers.go (NewSelfSignedCACert, NewSignedCert),
// pkg/controller/certificates/authority/{authority.go,policies.go} (CSR signing) and the
// extension layout of Go's crypto/x509.CreateCertificate, so `openssl x509 -text` prints what it
// prints for a real cluster's files. Keys are node:crypto KeyObjects; DER is built in ./der.
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPair,
  randomBytes,
  sign,
  X509Certificate,
  type KeyObject,
} from "node:crypto";
import * as der from "./der";

export interface KeyPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
}
/** Where fresh keys come from: the lab runtime passes a pool so lab creation never waits on RSA. */
export type KeySource = () => Promise<KeyPair>;

/** kubeadm's default key: RSA 2048 (pkiutil.GeneratePrivateKey with an empty EncryptionAlgorithm). */
export function generateRsaKeyPair(): Promise<KeyPair> {
  return new Promise((resolve, reject) =>
    generateKeyPair("rsa", { modulusLength: 2048, publicExponent: 0x10001 }, (err, publicKey, privateKey) =>
      err ? reject(err) : resolve({ publicKey, privateKey }),
    ),
  );
}

/** The kubelet's client key: ECDSA P-256 (keyutil.MakeEllipticPrivateKeyPEM / certificate manager). */
export function generateEcdsaKeyPair(): Promise<KeyPair> {
  return new Promise((resolve, reject) =>
    generateKeyPair("ec", { namedCurve: "prime256v1" }, (err, publicKey, privateKey) =>
      err ? reject(err) : resolve({ publicKey, privateKey }),
    ),
  );
}

export interface CertKeyPair {
  cert: X509Certificate;
  keys: KeyPair;
  /** PEM as Go's pem.Encode writes it (64-column base64, trailing newline). */
  certPem: string;
  /** "RSA PRIVATE KEY" (PKCS#1) or "EC PRIVATE KEY" (SEC1), as keyutil.MarshalPrivateKeyToPEM. */
  keyPem: string;
}
export type CertificateAuthority = CertKeyPair;

export type ExtKeyUsage = "serverAuth" | "clientAuth";

/** x509.KeyUsage bits, numbered as Go numbers them (bit i = 1<<i). */
export const KeyUsage = {
  digitalSignature: 1 << 0,
  contentCommitment: 1 << 1,
  keyEncipherment: 1 << 2,
  dataEncipherment: 1 << 3,
  keyAgreement: 1 << 4,
  certSign: 1 << 5,
  crlSign: 1 << 6,
  encipherOnly: 1 << 7,
  decipherOnly: 1 << 8,
} as const;

export const KEY_USAGE_LEAF = KeyUsage.digitalSignature | KeyUsage.keyEncipherment;
export const KEY_USAGE_CA = KEY_USAGE_LEAF | KeyUsage.certSign;

export interface CertSpec {
  commonName: string;
  organization?: string[];
  dnsNames?: string[];
  ips?: string[];
  extKeyUsages?: ExtKeyUsage[];
  /** KeyUsage bits. */
  keyUsages: number;
  isCA: boolean;
  notBefore: Date;
  notAfter: Date;
  /** Big-endian magnitude of the (positive) serial number. */
  serialNumber: Buffer;
}

const OID = {
  commonName: "2.5.4.3",
  organization: "2.5.4.10",
  keyUsage: "2.5.29.15",
  extKeyUsage: "2.5.29.37",
  basicConstraints: "2.5.29.19",
  subjectKeyId: "2.5.29.14",
  authorityKeyId: "2.5.29.35",
  subjectAltName: "2.5.29.17",
  sha256WithRSA: "1.2.840.113549.1.1.11",
  ecdsaWithSHA256: "1.2.840.10045.4.3.2",
  serverAuth: "1.3.6.1.5.5.7.3.1",
  clientAuth: "1.3.6.1.5.5.7.3.2",
} as const;

/** kubeadm's serial: uniform in [1, MaxInt64) (pkiutil.NewSignedCert). */
export function randomSerial63(): Buffer {
  const bytes = randomBytes(8);
  bytes[0] &= 0x7f;
  if (bytes.every((b) => b === 0)) bytes[7] = 1;
  return bytes;
}

/** The CSR signer's serial: uniform in [0, 2^128) (authority.go serialNumberLimit). */
export function randomSerial128(): Buffer {
  return randomBytes(16);
}

/** Go's pkix.Name.ToRDNSequence order for the attributes Kubernetes sets: O before CN. */
export function encodeName(commonName: string, organization: string[] = []): der.Der {
  const rdns = organization.map((o) => der.set(der.sequence(der.oid(OID.organization), der.directoryString(o))));
  if (commonName) rdns.push(der.set(der.sequence(der.oid(OID.commonName), der.directoryString(commonName))));
  return der.sequence(...rdns);
}

/** Go's key usage BIT STRING: bit i of the value is ASN.1 bit i, trailing zero bits dropped. */
function keyUsageBits(usages: number): der.Der {
  let bitLength = 0;
  for (let i = 0; i < 9; i++) if (usages & (1 << i)) bitLength = i + 1;
  const bytes = Buffer.alloc(Math.ceil(bitLength / 8));
  for (let i = 0; i < bitLength; i++) if (usages & (1 << i)) bytes[i >> 3] |= 0x80 >> (i & 7);
  return der.bitString(bytes, bytes.length * 8 - bitLength);
}

function ipBytes(ip: string): Buffer {
  if (ip.includes(":")) {
    const [head, tail = ""] = ip.split("::");
    const h = head ? head.split(":") : [];
    const t = tail ? tail.split(":") : [];
    const groups = ip.includes("::") ? [...h, ...Array(8 - h.length - t.length).fill("0"), ...t] : h;
    return Buffer.from(groups.flatMap((g) => [parseInt(g, 16) >> 8, parseInt(g, 16) & 0xff]));
  }
  return Buffer.from(ip.split(".").map(Number));
}

/** RFC 5280 method 1, as Go computes SubjectKeyId: SHA-1 of the subjectPublicKey bits. */
export function subjectKeyId(publicKey: KeyObject): Buffer {
  const spki = publicKey.export({ type: "spki", format: "der" });
  const [, bits] = der.readChildren(der.readElement(spki).content);
  return createHash("sha1").update(bits.content.subarray(1)).digest();
}

function extension(id: string, critical: boolean, value: der.Der): der.Der {
  return critical
    ? der.sequence(der.oid(id), der.boolean(true), der.octetString(value))
    : der.sequence(der.oid(id), der.octetString(value));
}

/** The issuer a certificate is signed by: its raw subject, key id and private key. */
export interface Issuer {
  subject: der.Der;
  subjectKeyId?: Buffer;
  privateKey: KeyObject;
}

/**
 * Creates a certificate signed by `issuer` (for a self-signed one, its own subject and key, no
 * key id: Go writes no authority key id when issuer and subject are equal). Extensions come in
 * crypto/x509's order: key usage (critical), extended key usage, basic constraints (critical),
 * subject key id (CAs only), authority key id (signed by another issuer with a key id), SANs.
 */
export function createCertificate(spec: CertSpec, publicKey: KeyObject, issuer: Issuer): X509Certificate {
  const subject = encodeName(spec.commonName, spec.organization);
  // Go's crypto/x509 writes no key usage extension when KeyUsage is 0 (a CSR asking only "client auth").
  const exts: der.Der[] = spec.keyUsages ? [extension(OID.keyUsage, true, keyUsageBits(spec.keyUsages))] : [];
  if (spec.extKeyUsages?.length) {
    exts.push(extension(OID.extKeyUsage, false, der.sequence(...spec.extKeyUsages.map((u) => der.oid(OID[u])))));
  }
  exts.push(extension(OID.basicConstraints, true, spec.isCA ? der.sequence(der.boolean(true)) : der.sequence()));
  if (spec.isCA) exts.push(extension(OID.subjectKeyId, false, der.octetString(subjectKeyId(publicKey))));
  if (issuer.subjectKeyId) {
    exts.push(extension(OID.authorityKeyId, false, der.sequence(der.implicit(0, issuer.subjectKeyId))));
  }
  const altNames = [
    ...(spec.dnsNames ?? []).map((d) => der.implicit(2, Buffer.from(d, "ascii"))),
    ...(spec.ips ?? []).map((ip) => der.implicit(7, ipBytes(ip))),
  ];
  if (altNames.length) exts.push(extension(OID.subjectAltName, false, der.sequence(...altNames)));

  const isEc = issuer.privateKey.asymmetricKeyType === "ec";
  const sigAlg = isEc ? der.sequence(der.oid(OID.ecdsaWithSHA256)) : der.sequence(der.oid(OID.sha256WithRSA), der.nullValue());
  const tbs = der.sequence(
    der.explicit(0, der.smallInteger(2)),
    der.integerFromBytes(spec.serialNumber),
    sigAlg,
    issuer.subject,
    der.sequence(der.time(truncateToSecond(spec.notBefore)), der.time(truncateToSecond(spec.notAfter))),
    subject,
    publicKey.export({ type: "spki", format: "der" }),
    der.explicit(3, der.sequence(...exts)),
  );
  const signature = sign("sha256", tbs, issuer.privateKey);
  return new X509Certificate(der.sequence(tbs, sigAlg, der.bitString(signature)));
}

function truncateToSecond(d: Date): Date {
  return new Date(Math.floor(d.getTime() / 1000) * 1000);
}

export function certToPem(cert: X509Certificate): string {
  const lines = cert.raw.toString("base64").match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join("\n")}\n-----END CERTIFICATE-----\n`;
}

export function privateKeyToPem(key: KeyObject): string {
  const type = key.asymmetricKeyType === "ec" ? "sec1" : "pkcs1";
  return key.export({ type, format: "pem" }) as string;
}

export function publicKeyToPem(key: KeyObject): string {
  return key.export({ type: "spki", format: "pem" }) as string;
}

export function toCertKeyPair(cert: X509Certificate, keys: KeyPair): CertKeyPair {
  return { cert, keys, certPem: certToPem(cert), keyPem: privateKeyToPem(keys.privateKey) };
}

/** The raw subject and SubjectKeyId of a certificate, read from its DER. */
export function issuerOf(ca: CertKeyPair): Issuer {
  const tbs = der.readChildren(der.readElement(ca.cert.raw).content)[0];
  const fields = der.readChildren(tbs.content);
  const offset = fields[0].tag === 0xa0 ? 1 : 0; // [0] version is optional
  const subject = fields[offset + 4].raw;
  let ski: Buffer | undefined;
  const extsField = fields.find((f) => f.tag === 0xa3);
  if (extsField) {
    for (const ext of der.readChildren(der.readElement(extsField.content).content)) {
      const parts = der.readChildren(ext.content);
      if (der.decodeOid(parts[0].content) === OID.subjectKeyId) {
        ski = der.readElement(parts[parts.length - 1].content).content;
      }
    }
  }
  return { subject, subjectKeyId: ski, privateKey: ca.keys.privateKey };
}

/** Reads a CA (or any cert and its key) back from PEM, e.g. /etc/kubernetes/pki/ca.{crt,key}. */
export function loadCertificateAuthority(certPem: string, keyPem: string): CertificateAuthority {
  const cert = new X509Certificate(certPem);
  const privateKey = createPrivateKey(keyPem);
  const publicKey = createPublicKey(privateKey);
  if (!cert.checkPrivateKey(privateKey)) throw new Error("certificate and private key do not match");
  return { cert, keys: { privateKey, publicKey }, certPem, keyPem };
}

export interface NewSignedCertOptions {
  commonName: string;
  organization?: string[];
  dnsNames?: string[];
  ips?: string[];
  extKeyUsages: ExtKeyUsage[];
  notBefore: Date;
  notAfter: Date;
}

/** pkiutil.NewSignedCert for a leaf: random 63-bit serial, digitalSignature|keyEncipherment. */
export function newSignedCert(ca: CertificateAuthority, keys: KeyPair, opts: NewSignedCertOptions): CertKeyPair {
  const cert = createCertificate(
    {
      ...opts,
      // RemoveDuplicateAltNames returns DNS names sorted (sets.List) and IPs deduplicated in order.
      dnsNames: opts.dnsNames ? [...new Set(opts.dnsNames)].sort() : undefined,
      ips: opts.ips ? [...new Set(opts.ips)] : undefined,
      keyUsages: KEY_USAGE_LEAF,
      isCA: false,
      serialNumber: randomSerial63(),
    },
    keys.publicKey,
    issuerOf(ca),
  );
  return toCertKeyPair(cert, keys);
}

/** pkiutil.NewSelfSignedCACert: the CN doubles as the only DNS SAN. */
export function newSelfSignedCA(
  keys: KeyPair,
  opts: { commonName: string; notBefore: Date; notAfter: Date },
): CertificateAuthority {
  const subject = encodeName(opts.commonName);
  const cert = createCertificate(
    {
      commonName: opts.commonName,
      dnsNames: [opts.commonName],
      keyUsages: KEY_USAGE_CA,
      isCA: true,
      notBefore: opts.notBefore,
      notAfter: opts.notAfter,
      serialNumber: randomSerial63(),
    },
    keys.publicKey,
    { subject, privateKey: keys.privateKey }, // self-signed: no authority key id
  );
  return toCertKeyPair(cert, keys);
}

/** certificates.k8s.io usage strings -> x509 bits (authority/policies.go keyUsageDict/extKeyUsageDict). */
const CSR_KEY_USAGES = new Map<string, number>([
  ["signing", KeyUsage.digitalSignature],
  ["digital signature", KeyUsage.digitalSignature],
  ["content commitment", KeyUsage.contentCommitment],
  ["key encipherment", KeyUsage.keyEncipherment],
  ["key agreement", KeyUsage.keyAgreement],
  ["data encipherment", KeyUsage.dataEncipherment],
  ["cert sign", KeyUsage.certSign],
  ["crl sign", KeyUsage.crlSign],
  ["encipher only", KeyUsage.encipherOnly],
  ["decipher only", KeyUsage.decipherOnly],
]);
const CSR_EXT_KEY_USAGES = new Map<string, ExtKeyUsage>([
  ["server auth", "serverAuth"],
  ["client auth", "clientAuth"],
]);

/** The CSR signer's backdate (pkg/controller/certificates/signer: 5 minutes). */
export const CSR_SIGNER_BACKDATE_MS = 5 * 60 * 1000;
/** --cluster-signing-duration default: 8760h. */
export const CSR_SIGNER_DEFAULT_TTL_MS = 365 * 24 * 3600 * 1000;

export interface SignClientCertificateOptions {
  /** The requester's public key (from the CSR). */
  publicKey: KeyObject;
  commonName: string;
  organization?: string[];
  dnsNames?: string[];
  ips?: string[];
  /** spec.usages of the CSR, e.g. ["digital signature", "client auth"]. */
  usages: string[];
  /** When the signer signs. */
  now: Date;
  /** spec.expirationSeconds in ms, or the signer's default duration. */
  ttlMs?: number;
}

/**
 * Signs a certificate the way kube-controller-manager's csrsigning controller does for an
 * approved CSR (authority.go Sign + PermissiveSigningPolicy.apply): 128-bit random serial,
 * NotBefore backdated 5 minutes, NotAfter = now + ttl - backdate, capped at the CA's NotAfter.
 */
export function signClientCertificate(ca: CertificateAuthority, opts: SignClientCertificateOptions): X509Certificate {
  let keyUsages = 0;
  const extKeyUsages: ExtKeyUsage[] = [];
  for (const usage of opts.usages) {
    const bit = CSR_KEY_USAGES.get(usage);
    const ext = CSR_EXT_KEY_USAGES.get(usage);
    if (bit !== undefined) keyUsages |= bit;
    else if (ext !== undefined) extKeyUsages.push(ext);
    else throw new Error(`unsupported key usage: ${usage}`);
  }
  const ttl = opts.ttlMs ?? CSR_SIGNER_DEFAULT_TTL_MS;
  const notBefore = new Date(opts.now.getTime() - CSR_SIGNER_BACKDATE_MS);
  let notAfter = new Date(opts.now.getTime() + ttl - CSR_SIGNER_BACKDATE_MS);
  const caNotAfter = new Date(ca.cert.validTo);
  if (notAfter > caNotAfter) notAfter = caNotAfter;
  return createCertificate(
    {
      commonName: opts.commonName,
      organization: opts.organization,
      dnsNames: opts.dnsNames,
      ips: opts.ips,
      keyUsages,
      extKeyUsages,
      isCA: false,
      notBefore,
      notAfter,
      serialNumber: randomSerial128(),
    },
    opts.publicKey,
    issuerOf(ca),
  );
}

/**
 * A PKCS#10 request as x509.CreateCertificateRequest makes it for the kubelet (subject only, no
 * attributes), PEM "CERTIFICATE REQUEST": what a CertificateSigningRequest's spec.request holds.
 */
export function createCertificateRequestPem(keys: KeyPair, commonName: string, organization: string[] = []): string {
  const info = der.sequence(
    der.smallInteger(0),
    encodeName(commonName, organization),
    keys.publicKey.export({ type: "spki", format: "der" }),
    der.explicit(0, Buffer.alloc(0)),
  );
  const isEc = keys.privateKey.asymmetricKeyType === "ec";
  const sigAlg = isEc ? der.sequence(der.oid(OID.ecdsaWithSHA256)) : der.sequence(der.oid(OID.sha256WithRSA), der.nullValue());
  const csr = der.sequence(info, sigAlg, der.bitString(sign("sha256", info, keys.privateKey)));
  const lines = csr.toString("base64").match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE REQUEST-----\n${lines.join("\n")}\n-----END CERTIFICATE REQUEST-----\n`;
}
