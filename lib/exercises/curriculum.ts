// The 2025 CKA curriculum (cncf/curriculum, CKA_Curriculum_v1.32): the five domains with their
// exam weights and the competencies each lists. Exercises name one domain and one competency of
// it, so coverage can be computed and mock exams weighted like the real exam.

export const DOMAINS = {
  "cluster-architecture": {
    title: "Cluster Architecture, Installation and Configuration",
    weight: 25,
    competencies: [
      "Manage role based access control (RBAC)",
      "Prepare underlying infrastructure for installing a Kubernetes cluster",
      "Create and manage Kubernetes clusters using kubeadm",
      "Manage the lifecycle of Kubernetes clusters",
      "Implement and configure a highly-available control plane",
      "Use Helm and Kustomize to install cluster components",
      "Understand extension interfaces (CNI, CSI, CRI, etc.)",
      "Understand CRDs, install and configure operators",
    ],
  },
  "workloads-scheduling": {
    title: "Workloads and Scheduling",
    weight: 15,
    competencies: [
      "Understand application deployments and how to perform rolling update and rollbacks",
      "Use ConfigMaps and Secrets to configure applications",
      "Configure workload autoscaling",
      "Understand the primitives used to create robust, self-healing, application deployments",
      "Configure Pod admission and scheduling (limits, node affinity, etc.)",
    ],
  },
  "services-networking": {
    title: "Services and Networking",
    weight: 20,
    competencies: [
      "Understand connectivity between Pods",
      "Define and enforce Network Policies",
      "Use ClusterIP, NodePort, LoadBalancer service types and endpoints",
      "Use the Gateway API to manage Ingress traffic",
      "Know how to use Ingress controllers and Ingress resources",
      "Understand and use CoreDNS",
    ],
  },
  storage: {
    title: "Storage",
    weight: 10,
    competencies: [
      "Implement storage classes and dynamic volume provisioning",
      "Configure volume types, access modes and reclaim policies",
      "Manage persistent volumes and persistent volume claims",
    ],
  },
  troubleshooting: {
    title: "Troubleshooting",
    weight: 30,
    competencies: [
      "Troubleshoot clusters and nodes",
      "Troubleshoot cluster components",
      "Monitor cluster and application resource usage",
      "Manage and evaluate container output streams",
      "Troubleshoot services and networking",
    ],
  },
} as const;

export type Domain = keyof typeof DOMAINS;
export const DOMAIN_NAMES = Object.keys(DOMAINS) as [Domain, ...Domain[]];
