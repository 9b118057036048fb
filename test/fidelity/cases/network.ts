// Services, Ingress, NetworkPolicy, storage: created from manifests and commands as CKA tasks do.
import type { Group } from "../types.js";

const P = "kubernetes pkg/printers/internalversion/printers.go";
const K = "kubectl pkg/cmd";
const D = "kubectl pkg/describe/describe.go";
const NP = [[/:3\d{4}\//g, ":<nodeport>/"], [/NodePort: +(\S+) +3\d{4}\//g, "NodePort:  $1  <nodeport>/"]] as [RegExp, string][];

const NETPOL = `cat <<'EOF' | kubectl apply -f -
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web-ingress
spec:
  podSelector:
    matchLabels:
      app: web
  policyTypes: [Ingress]
  ingress:
  - from:
    - podSelector:
        matchLabels:
          role: client
    ports:
    - protocol: TCP
      port: 80
EOF`;

const PVC = `cat <<'EOF' | kubectl apply -f -
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 1Gi
EOF`;

const PV = `cat <<'EOF' | kubectl apply -f -
apiVersion: v1
kind: PersistentVolume
metadata:
  name: pv-manual
spec:
  capacity:
    storage: 2Gi
  accessModes: [ReadWriteMany]
  persistentVolumeReclaimPolicy: Retain
  storageClassName: manual
  hostPath:
    path: /data/pv-manual
EOF`;

export const network: Group = {
  name: "network",
  cases: [
    { id: "expose-nodeport", run: "kubectl expose deployment web --name=web-np --type=NodePort --port=80 && kubectl get svc web-np", extra: NP, source: `${K}/expose; ${P} printService (80:<port>/TCP)` },
    { id: "create-svc-clusterip", run: "kubectl create service clusterip api --tcp=8080:80 && kubectl get svc api -o wide", source: `${K}/create/create_service.go (\"service/api created\"); printService wide (SELECTOR app=api)` },
    { id: "headless", run: "kubectl create service clusterip db --clusterip=None --tcp=5432 && kubectl get svc db", source: `${P} printService (CLUSTER-IP None)` },
    { id: "externalname", run: "kubectl create service externalname ext --external-name=example.com && kubectl get svc ext", source: `${P} printService (EXTERNAL-IP example.com, PORT(S) <none>)` },
    { id: "create-ingress", run: "kubectl create ingress web --class=nginx --rule='web.example.com/=web:80' && kubectl get ingress web", source: `${K}/create/create_ingress.go; ${P} printIngress (CLASS, HOSTS, ADDRESS, PORTS 80)` },
    { id: "describe-ingress", run: "kubectl describe ingress web", source: `${D} IngressDescriber (Rules table Host/Path/Backends)` },
    { id: "ingress-tls", run: "kubectl create ingress secure --class=nginx --rule='secure.example.com/*=web:80,tls=web-tls' && kubectl get ingress secure", source: `${K}/create/create_ingress.go (Prefix for /*); printIngress (PORTS 80, 443)` },
    { id: "apply-netpol", run: NETPOL, source: "kubectl apply (\"networkpolicy.networking.k8s.io/web-ingress created\")" },
    { id: "apply-unchanged", run: NETPOL, source: "kubectl apply (\"... unchanged\")" },
    { id: "get-netpol", run: "kubectl get netpol", source: `${P} networkPolicyColumnDefinitions (POD-SELECTOR app=web)` },
    { id: "describe-netpol", run: "kubectl describe netpol web-ingress", source: `${D} NetworkPolicyDescriber` },
    { id: "apply-pvc", run: PVC, source: "kubectl apply (\"persistentvolumeclaim/data created\")" },
    { id: "get-pvc-pending", run: "kubectl get pvc data", source: `${P} printPersistentVolumeClaim (Pending, STORAGECLASS standard, VOLUMEATTRIBUTESCLASS <unset>)` },
    { id: "describe-pvc", run: "sleep 1; kubectl describe pvc data", source: `${D} PersistentVolumeClaimDescriber; pkg/controller/volume/persistentvolume event WaitForFirstConsumer \"waiting for first consumer to be created before binding\"` },
    { id: "apply-pv", run: PV + "\nkubectl get pv pv-manual", source: `${P} printPersistentVolume (Available, RWX, Retain, VOLUMEATTRIBUTESCLASS <unset>)` },
    { id: "create-quota", run: "kubectl create ns quota-test >/dev/null && kubectl create quota pods-quota -n quota-test --hard=pods=10,requests.cpu=2 && sleep 1 && kubectl get quota -n quota-test", source: `${K}/create/create_quota.go; ${P} printResourceQuota (REQUEST \"pods: 0/10, requests.cpu: 0/2\")` },
    { id: "create-pdb", run: "kubectl create pdb web --selector=app=web --min-available=1 && sleep 1 && kubectl get pdb web", source: `${K}/create/create_pdb.go; ${P} printPodDisruptionBudget` },
    { id: "autoscale", run: "kubectl autoscale deployment web --min=2 --max=5 --cpu-percent=80 && kubectl get hpa web", source: `${K}/autoscale (\"horizontalpodautoscaler.autoscaling/web autoscaled\"); ${P} printHorizontalPodAutoscaler (TARGETS cpu: <unknown>/80%)` },
  ],
};
