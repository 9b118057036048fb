// The few Go fmt verbs whose output reaches users in RBAC messages.

/** Go's %q of a string (strconv.Quote) for the printable text RBAC names contain. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === "\\") out += "\\" + ch;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\t") out += "\\t";
    else if (ch === "\r") out += "\\r";
    else if (c < 0x20 || c === 0x7f) out += "\\x" + c.toString(16).padStart(2, "0");
    else out += ch;
  }
  return out + '"';
}

/** Go's %q of a []string: ["a" "b"]. */
export function goQuoteList(list: readonly string[]): string {
  return "[" + list.map(goQuote).join(" ") + "]";
}

/**
 * utilerrors.NewAggregate(errs).Error(): nested messages flattened and de-duplicated; one message
 * alone, several as "[a, b]", none as "".
 */
export function aggregateError(messages: readonly string[]): string {
  const seen: string[] = [];
  for (const m of messages) if (!seen.includes(m)) seen.push(m);
  if (seen.length === 0) return "";
  if (seen.length === 1) return seen[0];
  return "[" + seen.join(", ") + "]";
}
