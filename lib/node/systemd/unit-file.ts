// Unit file syntax (systemd src/shared/conf-parser.c, man systemd.syntax): sections, Key=Value
// assignments in file order, comments (# and ;), trailing-backslash continuation lines.

export interface Assignment {
  section: string;
  key: string;
  value: string;
}

export function parseUnitFile(text: string): Assignment[] {
  const out: Assignment[] = [];
  let section = "";
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i].trim();
    if (line === "" || line.startsWith("#") || line.startsWith(";")) continue;
    while (line.endsWith("\\") && i + 1 < lines.length) {
      // A continuation replaces the backslash with a space; comment lines inside are skipped.
      const next = lines[++i].trim();
      if (next.startsWith("#") || next.startsWith(";")) continue;
      line = line.slice(0, -1) + " " + next;
    }
    if (line.startsWith("[") && line.endsWith("]")) {
      section = line.slice(1, -1);
      continue;
    }
    const eq = line.indexOf("=");
    if (eq < 0) continue;
    out.push({ section, key: line.slice(0, eq).trim(), value: line.slice(eq + 1).trim() });
  }
  return out;
}

/**
 * Splits a value into words as extract_first_word(EXTRACT_UNQUOTE|EXTRACT_CUNESCAPE) does:
 * whitespace separates, "double" and 'single' quotes group, backslash escapes.
 */
export function splitWords(value: string): string[] {
  const words: string[] = [];
  let cur = "";
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (quote) {
      if (c === quote) quote = null;
      else if (c === "\\" && i + 1 < value.length) cur += value[++i];
      else cur += c;
      continue;
    }
    if (c === " " || c === "\t" || c === "\n") {
      if (inWord) words.push(cur);
      cur = "";
      inWord = false;
      continue;
    }
    inWord = true;
    if (c === '"' || c === "'") quote = c;
    else if (c === "\\" && i + 1 < value.length) cur += value[++i];
    else cur += c;
  }
  if (inWord) words.push(cur);
  return words;
}

/** Parses an EnvironmentFile= (systemd's load_env_file: KEY=VALUE lines, shell-style quotes, # comments). */
export function parseEnvFile(text: string): [string, string][] {
  const out: [string, string][] = [];
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#") || line.startsWith(";")) continue;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!m) continue;
    let v = m[2];
    if (v.length >= 2 && ((v[0] === '"' && v.endsWith('"')) || (v[0] === "'" && v.endsWith("'")))) {
      v = v[0] === '"' ? v.slice(1, -1).replace(/\\(["\\$`])/g, "$1") : v.slice(1, -1);
    } else {
      // Unquoted: trailing comments are not stripped by systemd, but trailing whitespace is.
      v = v.replace(/\s+$/, "");
    }
    out.push([m[1], v]);
  }
  return out;
}

/**
 * ExecStart= expansion (man systemd.service "Command lines"): "$VAR" alone as a word expands to
 * the variable's value split at whitespace (zero words when empty); "${VAR}" expands in place
 * without splitting. Unset variables expand to nothing.
 */
export function expandCommand(words: string[], env: Record<string, string>): string[] {
  const out: string[] = [];
  for (const w of words) {
    const whole = /^\$([A-Za-z_][A-Za-z0-9_]*)$/.exec(w);
    if (whole) {
      const v = env[whole[1]] ?? "";
      out.push(...v.split(/\s+/).filter((s) => s !== ""));
      continue;
    }
    out.push(w.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, k: string) => env[k] ?? "").replace(/\$\$/g, "$"));
  }
  return out;
}
