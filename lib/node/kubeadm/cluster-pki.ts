// The certificate tree `kubeadm init` writes to /etc/kubernetes/pki.
// Follows cmd/kubeadm/app/phases/certs/certlist.go (GetDefaultCertList: names, CNs, usages, SAN
// mutators), pkiutil.GetAPIServerAltNames/getAltNames and constants.go (validity periods,
// CertificateBackdate, common names).
import {
  generateRsaKeyPair,
  newSelfSignedCA,
  newSignedCert,
  privateKeyToPem,
  publicKeyToPem,
  type CertKeyPair,
  type CertificateAuthority,
  type KeyPair,
  type KeySource,
} from "./pki";

/** constants.CertificateBackdate: every kubeadm certificate starts 5 minutes before init. */
export const CERTIFICATE_BACKDATE_MS = 5 * 60 * 1000;
/** constants.CertificateValidityPeriod: 8760h. */
export const CERTIFICATE_VALIDITY_MS = 365 * 24 * 3600 * 1000;
/** constants.CACertificateValidityPeriod: 87600h. */
export const CA_CERTIFICATE_VALIDITY_MS = 10 * CERTIFICATE_VALIDITY_MS;

/** constants.ClusterAdminsGroupAndClusterRoleBinding */
export const CLUSTER_ADMINS_GROUP = "kubeadm:cluster-admins";
export const SYSTEM_MASTERS_GROUP = "system:masters";
export const NODES_GROUP = "system:nodes";

export interface ClusterPkiOptions {
  /** When kubeadm init ran (kubeadmutil.StartTimeUTC). */
  initTime: Date;
  nodeName: string;
  advertiseAddress: string;
  /** The `kubernetes` Service IP, first address of the service subnet. */
  kubernetesServiceIP: string;
  dnsDomain: string;
  keySource?: KeySource;
}

export interface ServiceAccountKey {
  keys: KeyPair;
  /** sa.key: "RSA PRIVATE KEY". */
  keyPem: string;
  /** sa.pub: "PUBLIC KEY" (PKIX). */
  pubPem: string;
}

export interface ClusterPki {
  ca: CertificateAuthority;
  apiserver: CertKeyPair;
  apiserverKubeletClient: CertKeyPair;
  frontProxyCa: CertificateAuthority;
  frontProxyClient: CertKeyPair;
  etcdCa: CertificateAuthority;
  etcdServer: CertKeyPair;
  etcdPeer: CertKeyPair;
  etcdHealthcheckClient: CertKeyPair;
  apiserverEtcdClient: CertKeyPair;
  sa: ServiceAccountKey;
}

/** certlist.go's validity window: NotBefore = init - backdate; NotAfter = init + period. */
export function validity(initTime: Date, periodMs: number): { notBefore: Date; notAfter: Date } {
  return {
    notBefore: new Date(initTime.getTime() - CERTIFICATE_BACKDATE_MS),
    notAfter: new Date(initTime.getTime() + periodMs),
  };
}

/** Generates every file of /etc/kubernetes/pki; all keys are fetched up front and used in parallel. */
export async function generateClusterPki(opts: ClusterPkiOptions): Promise<ClusterPki> {
  const keySource = opts.keySource ?? generateRsaKeyPair;
  const keys = await Promise.all(Array.from({ length: 11 }, () => keySource()));
  const [caKeys, frontProxyCaKeys, etcdCaKeys, saKeys, ...leafKeys] = keys;
  const caValidity = validity(opts.initTime, CA_CERTIFICATE_VALIDITY_MS);
  const leafValidity = validity(opts.initTime, CERTIFICATE_VALIDITY_MS);

  const [ca, frontProxyCa, etcdCa] = await Promise.all([
    newSelfSignedCA(caKeys, { commonName: "kubernetes", ...caValidity }),
    newSelfSignedCA(frontProxyCaKeys, { commonName: "front-proxy-ca", ...caValidity }),
    newSelfSignedCA(etcdCaKeys, { commonName: "etcd-ca", ...caValidity }),
  ]);

  const etcdAltNames = {
    dnsNames: [opts.nodeName, "localhost"],
    ips: [opts.advertiseAddress, "127.0.0.1", "::1"],
  };
  const [
    apiserver,
    apiserverKubeletClient,
    frontProxyClient,
    etcdServer,
    etcdPeer,
    etcdHealthcheckClient,
    apiserverEtcdClient,
  ] = await Promise.all([
    newSignedCert(ca, leafKeys[0], {
      commonName: "kube-apiserver",
      dnsNames: [
        opts.nodeName,
        "kubernetes",
        "kubernetes.default",
        "kubernetes.default.svc",
        `kubernetes.default.svc.${opts.dnsDomain}`,
      ],
      ips: [opts.kubernetesServiceIP, opts.advertiseAddress],
      extKeyUsages: ["serverAuth"],
      ...leafValidity,
    }),
    newSignedCert(ca, leafKeys[1], {
      commonName: "kube-apiserver-kubelet-client",
      organization: [CLUSTER_ADMINS_GROUP],
      extKeyUsages: ["clientAuth"],
      ...leafValidity,
    }),
    newSignedCert(frontProxyCa, leafKeys[2], {
      commonName: "front-proxy-client",
      extKeyUsages: ["clientAuth"],
      ...leafValidity,
    }),
    // etcd 3.2+ wants ClientAuth on the server cert too (certlist.go TODO).
    newSignedCert(etcdCa, leafKeys[3], {
      commonName: opts.nodeName,
      ...etcdAltNames,
      extKeyUsages: ["serverAuth", "clientAuth"],
      ...leafValidity,
    }),
    newSignedCert(etcdCa, leafKeys[4], {
      commonName: opts.nodeName,
      ...etcdAltNames,
      extKeyUsages: ["serverAuth", "clientAuth"],
      ...leafValidity,
    }),
    newSignedCert(etcdCa, leafKeys[5], {
      commonName: "kube-etcd-healthcheck-client",
      extKeyUsages: ["clientAuth"],
      ...leafValidity,
    }),
    newSignedCert(etcdCa, leafKeys[6], {
      commonName: "kube-apiserver-etcd-client",
      extKeyUsages: ["clientAuth"],
      ...leafValidity,
    }),
  ]);

  return {
    ca,
    apiserver,
    apiserverKubeletClient,
    frontProxyCa,
    frontProxyClient,
    etcdCa,
    etcdServer,
    etcdPeer,
    etcdHealthcheckClient,
    apiserverEtcdClient,
    sa: { keys: saKeys, keyPem: privateKeyToPem(saKeys.privateKey), pubPem: publicKeyToPem(saKeys.publicKey) },
  };
}

export interface PkiFile {
  path: string;
  content: string;
  mode: number;
}

/**
 * The files under /etc/kubernetes/pki. Certificates are written 0644 (certutil.WriteCert), keys
 * and sa.pub 0600 (keyutil.WriteKey, which pkiutil.WritePublicKey also uses).
 */
export function clusterPkiFiles(pki: ClusterPki, dir = "/etc/kubernetes/pki"): PkiFile[] {
  const pairs: [string, CertKeyPair][] = [
    ["ca", pki.ca],
    ["apiserver", pki.apiserver],
    ["apiserver-kubelet-client", pki.apiserverKubeletClient],
    ["front-proxy-ca", pki.frontProxyCa],
    ["front-proxy-client", pki.frontProxyClient],
    ["etcd/ca", pki.etcdCa],
    ["etcd/server", pki.etcdServer],
    ["etcd/peer", pki.etcdPeer],
    ["etcd/healthcheck-client", pki.etcdHealthcheckClient],
    ["apiserver-etcd-client", pki.apiserverEtcdClient],
  ];
  const files: PkiFile[] = [];
  for (const [base, pair] of pairs) {
    files.push({ path: `${dir}/${base}.crt`, content: pair.certPem, mode: 0o644 });
    files.push({ path: `${dir}/${base}.key`, content: pair.keyPem, mode: 0o600 });
  }
  files.push({ path: `${dir}/sa.key`, content: pki.sa.keyPem, mode: 0o600 });
  files.push({ path: `${dir}/sa.pub`, content: pki.sa.pubPem, mode: 0o600 });
  return files;
}
