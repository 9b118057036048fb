// Renders lib/web/markdown.ts's tree as React elements; code blocks get a copy button.
import { Fragment, type ReactNode } from "react";
import { parseMarkdown, type Inline } from "../../lib/web/markdown";
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
        return (
          <a key={i} href={n.href} target="_blank" rel="noreferrer noopener">
            {inline(n.c)}
          </a>
        );
    }
  });
}

export default function Markdown({ source, copyLabel, copiedLabel }: { source: string; copyLabel: string; copiedLabel: string }) {
  return (
    <div className="md">
      {parseMarkdown(source).map((b, i) => {
        switch (b.k) {
          case "heading": {
            const H = `h${Math.min(6, b.level + 2)}` as "h3";
            return <H key={i}>{inline(b.c)}</H>;
          }
          case "para":
            return <p key={i}>{inline(b.c)}</p>;
          case "code":
            return (
              <div key={i} className="codeblock">
                <pre>
                  <code>{b.v}</code>
                </pre>
                <CopyButton text={b.v} label={copyLabel} done={copiedLabel} />
              </div>
            );
          case "list": {
            const items = b.items.map((it, j) => <li key={j}>{inline(it)}</li>);
            return b.ordered ? (
              <ol key={i} start={b.start}>
                {items}
              </ol>
            ) : (
              <ul key={i}>{items}</ul>
            );
          }
        }
      })}
    </div>
  );
}
