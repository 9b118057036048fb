// Component command lines as pflag reads them: --name=value, --name value, and booleans.
export function parseFlags(argv: string[], booleans: ReadonlySet<string> = new Set()): { flags: Map<string, string>; args: string[]; unknownShorthand?: string } {
  const flags = new Map<string, string>();
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith("--")) {
      const eq = a.indexOf("=");
      if (eq > 0) flags.set(a.slice(2, eq), a.slice(eq + 1));
      else if (booleans.has(a.slice(2)) || i + 1 >= argv.length || argv[i + 1].startsWith("--")) flags.set(a.slice(2), "true");
      else flags.set(a.slice(2), argv[++i]);
    } else args.push(a);
  }
  return { flags, args };
}
