// rbac.authorization.k8s.io bindings: follows printRoleBinding and printClusterRoleBinding in
// kubernetes/pkg/printers/internalversion/printers.go (v1.32). Role and ClusterRole have no
// printer upstream and use the default table (NAME, CREATED AT).
import type { KObject } from "../api/types";
import { ageColumn, col, nameColumn, swaggerDoc } from "./docs";
import { translateTimestampSince } from "./duration";
import { arr, name, str } from "./fields";
import type { KindPrinter } from "./types";

/** upstream: rbac.SubjectsStrings: users, groups, service accounts ("ns/name"). */
export function subjectsStrings(subjects: unknown[]): [string[], string[], string[]] {
  const users: string[] = [];
  const groups: string[] = [];
  const sas: string[] = [];
  for (const s of subjects) {
    switch (str(s, "kind")) {
      case "ServiceAccount":
        sas.push(`${str(s, "namespace")}/${str(s, "name")}`);
        break;
      case "User":
        users.push(str(s, "name"));
        break;
      case "Group":
        groups.push(str(s, "name"));
        break;
    }
  }
  return [users, groups, sas];
}

function bindingPrinter(what: "roleBinding" | "clusterRoleBinding", roleRefDoc: string): KindPrinter {
  return {
    columns: [
      nameColumn(),
      col("Role", "string", swaggerDoc(roleRefDoc)),
      ageColumn(),
      col("Users", "string", `Users in the ${what}`, 1),
      col("Groups", "string", `Groups in the ${what}`, 1),
      col("ServiceAccounts", "string", `ServiceAccounts in the ${what}`, 1),
    ],
    print(obj: KObject, now: Date) {
      const [users, groups, sas] = subjectsStrings(arr(obj, "subjects"));
      return [
        name(obj),
        `${str(obj, "roleRef", "kind")}/${str(obj, "roleRef", "name")}`,
        translateTimestampSince(obj.metadata?.creationTimestamp, now),
        users.join(", "),
        groups.join(", "),
        sas.join(", "),
      ];
    },
  };
}

export const roleBindingPrinter = bindingPrinter("roleBinding", "rbac/v1beta1.RoleBinding.roleRef");
export const clusterRoleBindingPrinter = bindingPrinter("clusterRoleBinding", "rbac/v1beta1.ClusterRoleBinding.roleRef");
