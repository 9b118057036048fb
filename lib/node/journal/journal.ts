// journald for one node: the entries of every unit, in order, with the fields journalctl's
// short output prints (systemd src/journal/journald-stream.c and journald-server.c). Entries live
// in memory only: a node's journal is lost with the lab, as a volatile journal (/run/log/journal).

/** Syslog priorities (sd-daemon.h LOG_*): kubelet's stderr is "info", systemd's failures "warning". */
export const Priority = { emerg: 0, alert: 1, crit: 2, err: 3, warning: 4, notice: 5, info: 6, debug: 7 } as const;

export interface JournalEntry {
  /** Monotonic sequence number within the journal (journald's seqnum). */
  seq: number;
  time: Date;
  /** The unit the entry belongs to (_SYSTEMD_UNIT for a daemon's lines, UNIT= for systemd's own). */
  unit?: string;
  /** SYSLOG_IDENTIFIER: "kubelet", "systemd", "(kubelet)". */
  identifier: string;
  pid: number;
  priority: number;
  message: string;
}

export type JournalInput = Omit<JournalEntry, "seq" | "priority"> & { priority?: number };

/** Named limit: journald's default SystemMaxUse is far larger; 50,000 lines keep a lab small. */
export const JOURNAL_MAX_ENTRIES = 50_000;

export class Journal {
  private readonly list: JournalEntry[] = [];
  private seq = 0;
  private readonly listeners = new Set<(e: JournalEntry) => void>();

  constructor(
    readonly hostname: string,
    private readonly maxEntries = JOURNAL_MAX_ENTRIES,
  ) {}

  append(input: JournalInput): JournalEntry {
    const e: JournalEntry = { ...input, priority: input.priority ?? Priority.info, seq: ++this.seq };
    this.list.push(e);
    if (this.list.length > this.maxEntries) this.list.splice(0, this.list.length - this.maxEntries);
    for (const l of this.listeners) l(e);
    return e;
  }

  /** Entries in order, optionally only those of some units. */
  entries(units?: readonly string[]): JournalEntry[] {
    if (!units || units.length === 0) return this.list.slice();
    const want = new Set(units);
    return this.list.filter((e) => e.unit !== undefined && want.has(e.unit));
  }

  /** New entries as they arrive; returns the unsubscribe function. */
  subscribe(fn: (e: JournalEntry) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }
}
