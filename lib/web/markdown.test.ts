// Expectations follow the CommonMark 0.31 spec's list-item rules and the GFM spec's tables
// extension (examples 198-205), written as our tree.
import { describe, it, expect } from "vitest";
import { parseMarkdown, parseInline, tableCells, type Block } from "./markdown";

const t = (v: string) => ({ k: "text" as const, v });
const para = (v: string): Block => ({ k: "para", c: [t(v)] });

describe("parseInline", () => {
  const cases = [
    { name: "code span", in: "run `kubectl get nodes` now", want: [t("run "), { k: "code", v: "kubectl get nodes" }, t(" now")] },
    { name: "bold and em", in: "**a** *b*", want: [{ k: "strong", c: [t("a")] }, t(" "), { k: "em", c: [t("b")] }] },
    { name: "web link", in: "[docs](https://kubernetes.io/docs/)", want: [{ k: "link", href: "https://kubernetes.io/docs/", c: [t("docs")] }] },
    { name: "a lesson's exercise link", in: "[pv-pvc-static](exercise:pv-pvc-static)", want: [{ k: "link", href: "/exercises/pv-pvc-static", c: [t("pv-pvc-static")] }] },
    { name: "javascript: link stays text", in: "[x](javascript:alert(1))", want: [t("[x](javascript:alert(1)"), t(")")] },
    { name: "glob stars are not emphasis", in: "rm * and *", want: [t("rm * and *")] },
  ];
  for (const c of cases) it(c.name, () => expect(parseInline(c.in)).toEqual(c.want));
});

describe("parseMarkdown", () => {
  const cases: { name: string; src: string; want: Block[] }[] = [
    {
      name: "an acceptance-style prompt",
      src: "Install the chart as release `notes`:\n1. Install it\n   with two replicas.\n2. Upgrade it.\n\n```bash\nhelm ls -A\n```\n# Note\n- a\n- b",
      want: [
        { k: "para", c: [t("Install the chart as release "), { k: "code", v: "notes" }, t(":")] },
        { k: "list", ordered: true, start: 1, tight: true, items: [[para("Install it with two replicas.")], [para("Upgrade it.")]] },
        { k: "code", lang: "bash", v: "helm ls -A" },
        { k: "heading", level: 1, c: [t("Note")] },
        { k: "list", ordered: false, start: 1, tight: true, items: [[para("a")], [para("b")]] },
      ],
    },
    {
      name: "a list nested by indentation, and back out",
      src: "- one\n  - one.a\n  - one.b\n    1. deep\n- two",
      want: [
        {
          k: "list",
          ordered: false,
          start: 1,
          tight: true,
          items: [
            [para("one"), { k: "list", ordered: false, start: 1, tight: true, items: [[para("one.a")], [para("one.b"), { k: "list", ordered: true, start: 1, tight: true, items: [[para("deep")]] }]] }],
            [para("two")],
          ],
        },
      ],
    },
    {
      name: "an ordered list's content column is after the number (3. + space)",
      src: "3. step\n   - detail\n4. next",
      want: [{ k: "list", ordered: true, start: 3, tight: true, items: [[para("step"), { k: "list", ordered: false, start: 1, tight: true, items: [[para("detail")]] }], [para("next")]] }],
    },
    {
      name: "a fenced block inside an item keeps its own indentation",
      src: "1. Run:\n   ```bash\n   kubectl get pods \\\n     -A\n   ```\n2. Done",
      want: [{ k: "list", ordered: true, start: 1, tight: true, items: [[para("Run:"), { k: "code", lang: "bash", v: "kubectl get pods \\\n  -A" }], [para("Done")]] }],
    },
    {
      name: "blank lines between items make a loose list",
      src: "- a\n\n- b\n\nafter",
      want: [{ k: "list", ordered: false, start: 1, tight: false, items: [[para("a")], [para("b")]] }, para("after")],
    },
    {
      name: "a second paragraph indented under an item belongs to it",
      src: "1. first\n\n   more of first\n2. second",
      want: [{ k: "list", ordered: true, start: 1, tight: false, items: [[para("first"), para("more of first")], [para("second")]] }],
    },
    {
      name: "a lazy continuation line joins the item's paragraph",
      src: "- a long\nline\n- b",
      want: [{ k: "list", ordered: false, start: 1, tight: true, items: [[para("a long line")], [para("b")]] }],
    },
    {
      name: "another bullet character starts another list",
      src: "- a\n+ b",
      want: [
        { k: "list", ordered: false, start: 1, tight: true, items: [[para("a")]] },
        { k: "list", ordered: false, start: 1, tight: true, items: [[para("b")]] },
      ],
    },
    {
      name: "a table with alignment, inline code, and ragged rows",
      src: "| term | values | n |\n| :--- | :---: | --: |\n| access modes | `ReadWriteOnce` (one node) | 1 |\n| short |\n| x | y | z | extra |\n\nafter",
      want: [
        {
          k: "table",
          align: ["left", "center", "right"],
          head: [[t("term")], [t("values")], [t("n")]],
          rows: [
            [[t("access modes")], [{ k: "code", v: "ReadWriteOnce" }, t(" (one node)")], [t("1")]],
            [[t("short")], [], []],
            [[t("x")], [t("y")], [t("z")]],
          ],
        },
        para("after"),
      ],
    },
    {
      name: "a table interrupts a paragraph; a heading ends it",
      src: "Values:\na | b\n--|--\n1 | 2\n## Next",
      want: [para("Values:"), { k: "table", align: [null, null], head: [[t("a")], [t("b")]], rows: [[[t("1")], [t("2")]]] }, { k: "heading", level: 2, c: [t("Next")] }],
    },
    {
      name: "a header whose cell count differs from the delimiter row is not a table",
      src: "| a | b |\n| --- |",
      want: [para("| a | b | | --- |")],
    },
    {
      name: "an unclosed fence runs to the end",
      src: "```\nopen",
      want: [{ k: "code", lang: "", v: "open" }],
    },
  ];
  for (const c of cases) it(c.name, () => expect(parseMarkdown(c.src)).toEqual(c.want));
});

describe("tableCells", () => {
  const cases = [
    { name: "outer pipes", in: "| a | b |", want: ["a", "b"] },
    { name: "no outer pipes", in: "a | b", want: ["a", "b"] },
    { name: "escaped pipe stays in the cell", in: "| `a \\| b` | c |", want: ["`a | b`", "c"] },
    { name: "empty cell", in: "| | b |", want: ["", "b"] },
  ];
  for (const c of cases) it(c.name, () => expect(tableCells(c.in)).toEqual(c.want));
});
