// Renders lib/web/markdown.ts's tree as React elements; code blocks get a copy button.
import { Fragment, type ReactNode } from "react";
import { parseMarkdown, type Block, type Inline } from "../../lib/web/markdown";
import CopyButton from "./CopyButton";

function inline(c: Inline[]): ReactNode {
  return c.map((n, i) => {
    switch (n.k) {
      case "text":
        return <Fragment key={i}>{n.v}</Fragment>;
      case "code":
        return <code key={i}>{n.v}</code>;
      case "strong":
        return <strong key={i}>{inline(n.c)}</strong>;
      case "em":
        return <em key={i}>{inline(n.c)}</em>;
      case "link":
        // Web links open beside the lab; links to the app's own pages stay in the tab.
        return n.href.startsWith("/") ? (
          <a key={i} href={n.href}>
            {inline(n.c)}
          </a>
        ) : (
          <a key={i} href={n.href} target="_blank" rel="noreferrer noopener">
            {inline(n.c)}
          </a>
        );
    }
  });
}

type Labels = { copyLabel: string; copiedLabel: string };

function blocks(list: Block[], l: Labels, tight = false): ReactNode {
  return list.map((b, i) => {
    switch (b.k) {
      case "heading": {
        const H = `h${Math.min(6, b.level + 2)}` as "h3";
        return <H key={i}>{inline(b.c)}</H>;
      }
      case "para":
        // A tight list's item text is not a paragraph (CommonMark renders it without <p>).
        return tight ? <Fragment key={i}>{inline(b.c)}</Fragment> : <p key={i}>{inline(b.c)}</p>;
      case "code":
        return (
          <div key={i} className="codeblock">
            <pre>
              <code>{b.v}</code>
            </pre>
            <CopyButton text={b.v} label={l.copyLabel} done={l.copiedLabel} />
          </div>
        );
      case "list": {
        const items = b.items.map((it, j) => <li key={j}>{blocks(it, l, b.tight)}</li>);
        return b.ordered ? (
          <ol key={i} start={b.start}>
            {items}
          </ol>
        ) : (
          <ul key={i}>{items}</ul>
        );
      }
      case "table":
        return (
          <div key={i} className="md-table">
            <table>
              <thead>
                <tr>
                  {b.head.map((c, j) => (
                    <th key={j} style={b.align[j] ? { textAlign: b.align[j] } : undefined}>
                      {inline(c)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {b.rows.map((r, k) => (
                  <tr key={k}>
                    {r.map((c, j) => (
                      <td key={j} style={b.align[j] ? { textAlign: b.align[j] } : undefined}>
                        {inline(c)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        );
    }
  });
}

export default function Markdown({ source, copyLabel, copiedLabel }: { source: string } & Labels) {
  return <div className="md">{blocks(parseMarkdown(source), { copyLabel, copiedLabel })}</div>;
}
