// The storage contract kube-apiserver needs from etcd: keys under /registry, values JSON, the
// revision as resourceVersion. Two implementations: the real etcd (etcd.ts) and memory.ts for tests.

export interface KeyValue {
  key: string;
  value: Buffer;
  createRevision: number;
  modRevision: number;
}

export interface ListResult {
  items: KeyValue[];
  /** The store revision the list was read at. */
  revision: number;
  /** Items remain after the last one returned (limit was hit). */
  more: boolean;
  /** How many keys remain after this page, when known. */
  remaining?: number;
}

export interface WatchEvent {
  type: "put" | "delete";
  kv: KeyValue; // for delete: key and modRevision of the deletion, value of the deleted object
  prevKv?: KeyValue;
}

export type StoreErrorCode = "exists" | "not-found" | "conflict" | "compacted" | "unavailable";
export class StoreError extends Error {
  constructor(
    public readonly code: StoreErrorCode,
    message: string,
    public readonly currentRevision?: number,
  ) {
    super(message);
  }
}

export interface Store {
  get(key: string): Promise<KeyValue | null>;
  /** Keys in [prefix, prefix+1) in key order; startKey resumes a paged list (inclusive). */
  list(prefix: string, opts?: { limit?: number; startKey?: string; revision?: number }): Promise<ListResult>;
  /** Fails with "exists" when the key is there. */
  create(key: string, value: Buffer): Promise<KeyValue>;
  /** Fails with "not-found", or "conflict" when expectedModRevision is given and differs. */
  update(key: string, value: Buffer, expectedModRevision?: number): Promise<KeyValue>;
  /** Fails with "not-found", or "conflict" as update. Returns the deleted pair with the deletion's revision. */
  delete(key: string, expectedModRevision?: number): Promise<KeyValue>;
  /** Events for keys under prefix after `afterRevision`; "compacted" through onError when too old. */
  watch(prefix: string, afterRevision: number, onEvent: (e: WatchEvent) => void, onError: (e: Error) => void): () => void;
  currentRevision(): Promise<number>;
  close(): Promise<void>;
}
