// A small Markdown reader for exercise prompts: headings, paragraphs, lists, fenced code and
// inline `code`/**bold**/*em*/[links](https://…). It returns a tree that React renders as
// elements (no HTML strings, so a prompt cannot inject markup). Enough for CommonMark as prompts
// use it; tables and nested lists are rendered as plain paragraphs (KNOWN_GAPS.md).
export type Inline = { k: "text"; v: string } | { k: "code"; v: string } | { k: "strong"; c: Inline[] } | { k: "em"; c: Inline[] } | { k: "link"; href: string; c: Inline[] };
export type Block =
  | { k: "heading"; level: number; c: Inline[] }
  | { k: "para"; c: Inline[] }
  | { k: "code"; lang: string; v: string }
  | { k: "list"; ordered: boolean; start: number; items: Inline[][] };

const INLINE = /(`+)([\s\S]*?[^`])\1(?!`)|\*\*([\s\S]+?)\*\*|\*([^*\s][^*]*?)\*|\[([^\]]+)\]\(([^)\s]+)\)/g;

export function parseInline(s: string): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  for (const m of s.matchAll(INLINE)) {
    if (m.index! > last) out.push({ k: "text", v: s.slice(last, m.index) });
    if (m[1]) out.push({ k: "code", v: m[2].replace(/^ (.*) $/, "$1") });
    else if (m[3] !== undefined) out.push({ k: "strong", c: parseInline(m[3]) });
    else if (m[4] !== undefined) out.push({ k: "em", c: parseInline(m[4]) });
    else {
      const href = m[6];
      // Only web links: a prompt must not smuggle javascript: URLs into the page.
      if (/^https?:\/\//.test(href)) out.push({ k: "link", href, c: parseInline(m[5]) });
      else out.push({ k: "text", v: m[0] });
    }
    last = m.index! + m[0].length;
  }
  if (last < s.length) out.push({ k: "text", v: s.slice(last) });
  return out;
}

const LIST = /^(\s{0,3})([-*+]|(\d{1,9})[.)])\s+(.*)$/;

export function parseMarkdown(src: string): Block[] {
  const lines = src.replace(/\r\n?/g, "\n").split("\n");
  const blocks: Block[] = [];
  let para: string[] = [];
  const flush = () => {
    if (para.length) blocks.push({ k: "para", c: parseInline(para.join(" ").trim()) });
    para = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const fence = /^(\s*)(```+|~~~+)\s*([\w-]*)\s*$/.exec(line);
    if (fence) {
      flush();
      const indent = fence[1].length;
      const body: string[] = [];
      for (i++; i < lines.length && !lines[i].trimStart().startsWith(fence[2]); i++) body.push(lines[i].slice(Math.min(indent, lines[i].length - lines[i].trimStart().length)));
      blocks.push({ k: "code", lang: fence[3], v: body.join("\n") });
      continue;
    }
    const h = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (h) {
      flush();
      blocks.push({ k: "heading", level: h[1].length, c: parseInline(h[2]) });
      continue;
    }
    const li = LIST.exec(line);
    if (li) {
      flush();
      const ordered = li[3] !== undefined;
      const items: string[] = [li[4]];
      for (i++; i < lines.length; i++) {
        const n = LIST.exec(lines[i]);
        if (n && (n[3] !== undefined) === ordered) items.push(n[4]);
        else if (lines[i].trim() && /^\s+/.test(lines[i]) && !/^\s*(```|~~~)/.test(lines[i])) items[items.length - 1] += " " + lines[i].trim();
        else break;
      }
      i--;
      blocks.push({ k: "list", ordered, start: ordered ? Number(li[3]) : 1, items: items.map((t) => parseInline(t.trim())) });
      continue;
    }
    if (!line.trim()) flush();
    else para.push(line.trim());
  }
  flush();
  return blocks;
}
