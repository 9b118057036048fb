// One invocation of the fidelity suite: a bash script run as root on controlplane (the student's
// shell), whose stdout, stderr and exit code are compared, normalised, with goldens/<group>/<id>.txt.
export interface Case {
  /** File name of the golden, unique in its group. */
  id: string;
  /** The script, as a student would type it. */
  run: string;
  /** The upstream sources the golden's expectation follows (written into the golden's header). */
  source: string;
  /** Extra normalisations for this case only (see normalise.ts). */
  extra?: [RegExp, string][];
  /** Sort the normalised stdout lines after the first (rows whose order hangs on random names). */
  sortRows?: boolean;
  /** Known deviation: the case is run with it.fails and this says why. */
  fails?: string;
}

export interface Group {
  name: string;
  cases: Case[];
}
