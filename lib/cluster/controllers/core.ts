// kube-controller-manager's core controllers, keyed by the names --controllers takes
// (cmd/kube-controller-manager/names). A few need what only the lab knows (the served resources,
// the cluster CA): the lead passes them in once, and gets factories back.
import type { ControllerFactory } from "./types.js";
import { newClusterRoleAggregationController } from "./clusterroleaggregation/controller.js";
import { newCronJobController } from "./cronjob/cronjob_controller.js";
import { newDeploymentController } from "./deployment/deployment_controller.js";
import { newEndpointsController } from "./endpoint/endpoints_controller.js";
import { newEndpointSliceController } from "./endpointslice/endpointslice_controller.js";
import { newEndpointSliceMirroringController } from "./endpointslicemirroring/mirroring_controller.js";
import { newGarbageCollector, type GarbageCollectorDeps } from "./garbagecollector/garbage_collector.js";
import { newJobController } from "./job/job_controller.js";
import { newNamespaceController, type NamespaceControllerDeps } from "./namespace/namespace_controller.js";
import { newPodGCController } from "./podgc/gc_controller.js";
import { newReplicaSetController, newReplicationController } from "./replicaset/replica_set.js";
import { newRootCACertPublisher, type RootCAPublisherDeps } from "./rootcacertpublisher/publisher.js";
import { newServiceAccountsController } from "./serviceaccount/serviceaccounts_controller.js";
import { newTTLAfterFinishedController } from "./ttlafterfinished/ttlafterfinished_controller.js";

export type CoreControllerDeps = GarbageCollectorDeps & NamespaceControllerDeps & RootCAPublisherDeps;

/** The controllers that need nothing beyond their ControllerContext. */
export const CORE_CONTROLLERS: Map<string, ControllerFactory> = new Map<string, ControllerFactory>([
  ["deployment", newDeploymentController],
  ["replicaset", newReplicaSetController],
  ["replicationcontroller", newReplicationController],
  ["serviceaccount", newServiceAccountsController],
  ["endpoints", newEndpointsController],
  ["endpointslice", newEndpointSliceController],
  ["endpointslice-mirroring", newEndpointSliceMirroringController],
  ["job", newJobController],
  ["cronjob", newCronJobController],
  ["ttl-after-finished", newTTLAfterFinishedController],
  ["pod-garbage-collector", newPodGCController],
  ["clusterrole-aggregation", newClusterRoleAggregationController],
]);

/** CORE_CONTROLLERS plus those that take the lab's resources and CA. */
export function coreControllers(deps: CoreControllerDeps): Map<string, ControllerFactory> {
  return new Map<string, ControllerFactory>([
    ...CORE_CONTROLLERS,
    ["garbage-collector", newGarbageCollector(deps)],
    ["namespace", newNamespaceController(deps)],
    ["root-ca-certificate-publisher", newRootCACertPublisher(deps)],
  ]);
}
