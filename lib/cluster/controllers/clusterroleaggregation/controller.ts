// The clusterrole-aggregation controller of kube-controller-manager,
// pkg/controller/clusterroleaggregation/clusterroleaggregation_controller.go: every ClusterRole
// with an aggregationRule gets the rules of the ClusterRoles its selectors match (the pure step
// is lib/cluster/rbac/aggregation.ts). Any ClusterRole change may affect any aggregated role, so
// each event enqueues all of them, as upstream's enqueue() does.
import type { KObject } from "../../api/types.js";
import type { GroupResource } from "../../client/types.js";
import { aggregatedRules, rulesEqual } from "../../rbac/aggregation.js";
import type { RoleObject } from "../../rbac/types.js";
import type { ControllerContext } from "../types.js";
import { QueueController } from "../util/base.js";

export const CLUSTER_ROLES: GroupResource = { group: "rbac.authorization.k8s.io", resource: "clusterroles" };

export class ClusterRoleAggregationController extends QueueController {
  readonly name = "clusterrole-aggregation";

  start(): void {
    this.watch(CLUSTER_ROLES, () => this.enqueueAll());
    this.enqueueAll();
  }

  private enqueueAll(): void {
    for (const r of this.ctx.client.list(CLUSTER_ROLES)) {
      if ((r as { aggregationRule?: unknown }).aggregationRule) this.queue.add(r.metadata!.name!);
    }
  }

  protected async sync(name: string): Promise<void> {
    const role = this.ctx.client.get(CLUSTER_ROLES, "", name) as (KObject & RoleObject) | undefined;
    if (!role?.aggregationRule) return;
    const all = this.ctx.client.list(CLUSTER_ROLES) as unknown as RoleObject[];
    const rules = aggregatedRules(role, all);
    const current = role.rules ?? [];
    if (current.length === rules.length && current.every((r, i) => rulesEqual(r, rules[i]))) return;
    const next = structuredClone(role) as KObject & RoleObject;
    next.rules = rules;
    await this.ctx.client.update(CLUSTER_ROLES, next);
  }
}

export const newClusterRoleAggregationController = (ctx: ControllerContext) => new ClusterRoleAggregationController(ctx);
