import { describe, it, expect } from "vitest";
import { parseMarkdown, parseInline } from "./markdown";

describe("parseInline", () => {
  const cases = [
    { name: "code span", in: "run `kubectl get nodes` now", want: [{ k: "text", v: "run " }, { k: "code", v: "kubectl get nodes" }, { k: "text", v: " now" }] },
    { name: "bold and em", in: "**a** *b*", want: [{ k: "strong", c: [{ k: "text", v: "a" }] }, { k: "text", v: " " }, { k: "em", c: [{ k: "text", v: "b" }] }] },
    { name: "web link", in: "[docs](https://kubernetes.io/docs/)", want: [{ k: "link", href: "https://kubernetes.io/docs/", c: [{ k: "text", v: "docs" }] }] },
    { name: "javascript: link stays text", in: "[x](javascript:alert(1))", want: [{ k: "text", v: "[x](javascript:alert(1)" }, { k: "text", v: ")" }] },
    { name: "glob stars are not emphasis", in: "rm * and *", want: [{ k: "text", v: "rm * and *" }] },
  ];
  for (const c of cases) it(c.name, () => expect(parseInline(c.in)).toEqual(c.want));
});

describe("parseMarkdown", () => {
  it("reads an acceptance-style prompt", () => {
    const src = "Install the chart as release `notes`:\n1. Install it\n   with two replicas.\n2. Upgrade it.\n\n```bash\nhelm ls -A\n```\n# Note\n- a\n- b";
    expect(parseMarkdown(src)).toEqual([
      { k: "para", c: [{ k: "text", v: "Install the chart as release " }, { k: "code", v: "notes" }, { k: "text", v: ":" }] },
      { k: "list", ordered: true, start: 1, items: [[{ k: "text", v: "Install it with two replicas." }], [{ k: "text", v: "Upgrade it." }]] },
      { k: "code", lang: "bash", v: "helm ls -A" },
      { k: "heading", level: 1, c: [{ k: "text", v: "Note" }] },
      { k: "list", ordered: false, start: 1, items: [[{ k: "text", v: "a" }], [{ k: "text", v: "b" }]] },
    ]);
  });
});
