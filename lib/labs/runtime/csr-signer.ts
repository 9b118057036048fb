// [issue 4, metrics/HPA/CSR helper] The cluster CA as kube-controller-manager's csrsigning
// controller holds it (--cluster-signing-cert-file / --cluster-signing-key-file, read from the
// control-plane node's files), signing with lib/node/kubeadm/pki.ts as authority.go does:
// 128-bit random serial, the CSR's subject and SANs, the requested usages.
import { createPublicKey, X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import type { CertificateSigner, SignerLoader } from "../../cluster/controllers/certificates/signer.js";
import { certToPem, createCertificate, issuerOf, KeyUsage, loadCertificateAuthority, randomSerial128, type ExtKeyUsage } from "../../node/kubeadm/pki.js";

const KEY_USAGES = new Map<string, number>([
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
const EXT_KEY_USAGES = new Map<string, ExtKeyUsage>([
  ["server auth", "serverAuth"],
  ["client auth", "clientAuth"],
]);

/** Loads the CA once per controller start, as upstream's caProvider (files resolved on the node). */
export function labSignerLoader(resolve: (p: string) => string): SignerLoader {
  return (certFile, keyFile): CertificateSigner => {
    const read = (p: string) => {
      try {
        return readFileSync(resolve(p), "utf8");
      } catch {
        throw new Error(`open ${p}: no such file or directory`);
      }
    };
    const ca = loadCertificateAuthority(read(certFile), read(keyFile));
    const issuer = issuerOf(ca);
    return {
      notAfter: () => new Date(ca.cert.validTo),
      sign(req) {
        let keyUsages = 0;
        const ext: ExtKeyUsage[] = [];
        for (const u of req.usages) {
          const bit = KEY_USAGES.get(u);
          const e = EXT_KEY_USAGES.get(u);
          if (bit !== undefined) keyUsages |= bit;
          else if (e) ext.push(e);
          else throw new Error(`unrecognized usage: ${u}`);
        }
        const publicKey = createPublicKey({ key: Buffer.from(req.csr.publicKeySpki), format: "der", type: "spki" });
        const cert = createCertificate(
          {
            commonName: req.csr.commonName,
            organization: req.csr.organization,
            dnsNames: req.csr.dnsNames,
            ips: req.csr.ipAddresses,
            keyUsages,
            extKeyUsages: ext,
            isCA: false,
            notBefore: req.notBefore,
            notAfter: req.notAfter,
            serialNumber: randomSerial128(),
          },
          publicKey,
          issuer,
        );
        return certToPem(cert);
      },
    };
  };
}

/** NotAfter of an issued certificate (the cleaner's "issued certificate expired"). */
export function certificateNotAfter(pem: string): number | undefined {
  try {
    return Date.parse(new X509Certificate(pem).validTo);
  } catch {
    return undefined;
  }
}
