// A small Markdown reader for prompts and lessons: headings, paragraphs, fenced code, lists
// (nested by indentation, as CommonMark's list items are), GFM pipe tables and inline
// `code`/**bold**/*em*/[links](https://…). It returns a tree that React renders as elements (no
// HTML strings, so a prompt cannot inject markup). The rules follow CommonMark 0.31 and the GFM
// tables extension where prompts and lessons use them; no blockquotes, setext headings, HTML or
// reference links.
export type Inline = { k: "text"; v: string } | { k: "code"; v: string } | { k: "strong"; c: Inline[] } | { k: "em"; c: Inline[] } | { k: "link"; href: string; c: Inline[] };
export type Align = "left" | "center" | "right" | null;
export type Block =
  | { k: "heading"; level: number; c: Inline[] }
  | { k: "para"; c: Inline[] }
  | { k: "code"; lang: string; v: string }
  /** tight: no blank line between items or their blocks (paragraphs render without <p>). */
  | { k: "list"; ordered: boolean; start: number; tight: boolean; items: Block[][] }
  | { k: "table"; align: Align[]; head: Inline[][]; rows: Inline[][][] };

const INLINE = /(`+)([\s\S]*?[^`])\1(?!`)|\*\*([\s\S]+?)\*\*|\*([^*\s][^*]*?)\*|\[([^\]]+)\]\(([^)\s]+)\)/g;

/** Where a link may point: web pages, and `exercise:ID` (lessons link their exercises so). */
function linkTarget(href: string): string | undefined {
  if (/^https?:\/\//.test(href)) return href;
  const ex = /^exercise:([a-z0-9][-a-z0-9]*)$/.exec(href);
  return ex ? `/exercises/${ex[1]}` : undefined;
}

export function parseInline(s: string): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  for (const m of s.matchAll(INLINE)) {
    if (m.index! > last) out.push({ k: "text", v: s.slice(last, m.index) });
    if (m[1]) out.push({ k: "code", v: m[2].replace(/^ (.*) $/, "$1") });
    else if (m[3] !== undefined) out.push({ k: "strong", c: parseInline(m[3]) });
    else if (m[4] !== undefined) out.push({ k: "em", c: parseInline(m[4]) });
    else {
      // Nothing else: a prompt must not smuggle javascript: URLs into the page.
      const href = linkTarget(m[6]);
      if (href) out.push({ k: "link", href, c: parseInline(m[5]) });
      else out.push({ k: "text", v: m[0] });
    }
    last = m.index! + m[0].length;
  }
  if (last < s.length) out.push({ k: "text", v: s.slice(last) });
  return out;
}

const FENCE = /^( {0,3})(```+|~~~+)\s*([\w-]*)\s*$/;
const HEADING = /^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
/** indent, marker, bullet char or number, delimiter, spaces after the marker, content */
const LIST_ITEM = /^( {0,3})(([-*+])|(\d{1,9})([.)]))( +|$)(.*)$/;
const DELIMITER_ROW = /^ {0,3}\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;

const indentOf = (l: string) => l.length - l.trimStart().length;
const blank = (l: string) => !l.trim();

/** A GFM table row's cells: outer pipes dropped, split at pipes not escaped with a backslash. */
export function tableCells(line: string): string[] {
  let s = line.trim();
  if (s.startsWith("|")) s = s.slice(1);
  if (s.endsWith("|") && !s.endsWith("\\|")) s = s.slice(0, -1);
  return s.split(/(?<!\\)\|/).map((c) => c.trim().replace(/\\\|/g, "|"));
}

function tableAt(lines: string[], i: number): boolean {
  return i + 1 < lines.length && lines[i].includes("|") && DELIMITER_ROW.test(lines[i + 1]) && lines[i + 1].includes("-") && tableCells(lines[i]).length === tableCells(lines[i + 1]).length;
}

/** Starts a block other than a paragraph (ends a paragraph or a lazy list continuation). */
function interrupts(lines: string[], i: number): boolean {
  return FENCE.test(lines[i]) || HEADING.test(lines[i]) || LIST_ITEM.test(lines[i]) || tableAt(lines, i);
}

export function parseMarkdown(src: string): Block[] {
  return parseBlocks(src.replace(/\r\n?/g, "\n").replace(/\t/g, "    ").split("\n"));
}

function parseBlocks(lines: string[]): Block[] {
  const blocks: Block[] = [];
  let para: string[] = [];
  const flush = () => {
    if (para.length) blocks.push({ k: "para", c: parseInline(para.join(" ").trim()) });
    para = [];
  };
  for (let i = 0; i < lines.length; ) {
    const line = lines[i];
    const fence = FENCE.exec(line);
    if (fence) {
      flush();
      const indent = fence[1].length;
      const body: string[] = [];
      // Closed by the same character at least as long; an unclosed fence runs to the end.
      const close = new RegExp(`^ {0,3}${fence[2][0] === "`" ? "`" : "~"}{${fence[2].length},}\\s*$`);
      for (i++; i < lines.length && !close.test(lines[i]); i++) body.push(lines[i].slice(Math.min(indent, indentOf(lines[i]))));
      i++;
      blocks.push({ k: "code", lang: fence[3], v: body.join("\n") });
      continue;
    }
    const h = HEADING.exec(line);
    if (h) {
      flush();
      blocks.push({ k: "heading", level: h[1].length, c: parseInline(h[2]) });
      i++;
      continue;
    }
    if (tableAt(lines, i)) {
      flush();
      i = parseTable(lines, i, blocks);
      continue;
    }
    if (LIST_ITEM.test(line)) {
      flush();
      i = parseList(lines, i, blocks);
      continue;
    }
    if (blank(line)) flush();
    else para.push(line.trim());
    i++;
  }
  flush();
  return blocks;
}

function parseTable(lines: string[], i: number, out: Block[]): number {
  const head = tableCells(lines[i]);
  const align = tableCells(lines[i + 1]).map((d): Align => (d.startsWith(":") && d.endsWith(":") ? "center" : d.endsWith(":") ? "right" : d.startsWith(":") ? "left" : null));
  const rows: Inline[][][] = [];
  for (i += 2; i < lines.length && !blank(lines[i]) && !FENCE.test(lines[i]) && !HEADING.test(lines[i]); i++) {
    const cells = tableCells(lines[i]);
    // GFM: missing cells are empty, extra cells are dropped.
    rows.push(head.map((_, j) => parseInline(cells[j] ?? "")));
  }
  out.push({ k: "table", align, head: head.map((c) => parseInline(c)), rows });
  return i;
}

/** Reads a list from its first item at lines[i]; returns the index after it. An item holds the
 *  lines indented at least to its content column, and lazy continuation lines of its last
 *  paragraph; its content is parsed as blocks again, which is what nests lists. */
function parseList(lines: string[], i: number, out: Block[]): number {
  const first = LIST_ITEM.exec(lines[i])!;
  const ordered = first[4] !== undefined;
  const kind = ordered ? first[5] : first[3];
  const items: Block[][] = [];
  let tight = true;
  for (;;) {
    const m = LIST_ITEM.exec(lines[i])!;
    const markerEnd = m[1].length + m[2].length;
    // 1-4 spaces after the marker set the content column; more mean indented code, counted as 1.
    const col = markerEnd + (m[7] === "" || m[6].length > 4 ? 1 : m[6].length);
    const body = [m[6].length > 4 ? m[6].slice(1) + m[7] : m[7]];
    let openFence = FENCE.test(m[7]);
    for (i++; i < lines.length; i++) {
      const l = lines[i];
      if (blank(l)) {
        let j = i;
        while (j < lines.length && blank(lines[j])) j++;
        if (j < lines.length && indentOf(lines[j]) >= col) {
          for (; i < j; i++) body.push("");
          i--;
          continue;
        }
        break;
      }
      if (indentOf(l) >= col) body.push(l.slice(col));
      else if (openFence || interrupts(lines, i) || blank(body[body.length - 1])) break;
      else body.push(l.trim()); // lazy continuation of the item's paragraph
      if (FENCE.test(body[body.length - 1])) openFence = !openFence;
    }
    const blocks = parseBlocks(body);
    // A blank line between two of an item's own blocks makes the list loose.
    if (blocks.length > 1 && body.slice(0, -1).some((l, k) => blank(l) && k > 0 && !blank(body[k - 1]) && indentOf(body[k + 1] ?? "") === 0 && !insideFence(body, k))) tight = false;
    items.push(blocks);
    let j = i;
    while (j < lines.length && blank(lines[j])) j++;
    const n = j < lines.length ? LIST_ITEM.exec(lines[j]) : null;
    if (!n || (n[4] !== undefined) !== ordered || (ordered ? n[5] : n[3]) !== kind) break;
    if (j > i) tight = false;
    i = j;
  }
  out.push({ k: "list", ordered, start: ordered ? Number(first[4]) : 1, tight, items });
  return i;
}

function insideFence(body: string[], k: number): boolean {
  let open = false;
  for (let x = 0; x < k; x++) if (FENCE.test(body[x])) open = !open;
  return open;
}
