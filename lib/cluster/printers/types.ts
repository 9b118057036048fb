// The shapes of server-side Table printing (upstream: metav1.TableColumnDefinition and
// pkg/printers' TableHandler pairs of column definitions + print function).
import type { KObject } from "../api/types";

/** One column of a meta.k8s.io/v1 Table (upstream: metav1.TableColumnDefinition). */
export interface TableColumn {
  name: string;
  type: string;
  format: string;
  description: string;
  /** 0 = always shown; 1 = only with `kubectl get -o wide`. */
  priority: number;
}

/** upstream: metav1.TableRowCondition (pods that Succeeded/Failed carry one). */
export interface TableRowCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

/**
 * The columns of one kind and the function that prints one object as one row.
 * kube-apiserver always prints with Wide: true (pkg/printers/storage), so `print` returns every
 * cell, priority-1 ones included; kubectl hides those without -o wide.
 */
export interface KindPrinter {
  columns: TableColumn[];
  print(obj: KObject, now: Date): unknown[];
  /** Row conditions upstream attaches (only Pod has any); undefined when none. */
  conditions?(obj: KObject): TableRowCondition[] | undefined;
}
