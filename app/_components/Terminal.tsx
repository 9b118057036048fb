"use client";
// The lab's terminal: xterm.js over the /terminal WebSocket (lib/terminal/protocol.ts). The shell
// lives on the server; this view reconnects with backoff and the server replays the scrollback,
// so a reload or a dropped connection finds the same shell. Tabs are separate shells.
import { useEffect, useRef, useState } from "react";
import "@xterm/xterm/css/xterm.css";

const MAX_TABS = 4;
const CHUNK = 16 * 1024;

type Labels = { newTab: string; connecting: string; reconnecting: string; idle: string; closed: string };

declare global {
  interface Window {
    /** The terminals of the page, by tab (read by the e2e tests from the xterm buffer). */
    __drydockTerms?: Record<number, import("@xterm/xterm").Terminal>;
  }
}

function Pane({ lab, tab, visible, labels }: { lab: string; tab: number; visible: boolean; labels: Labels }) {
  const box = useRef<HTMLDivElement>(null);
  const fitRef = useRef<{ fit(): void } | null>(null);
  const [status, setStatus] = useState<string>(labels.connecting);
  // Labels change with the locale; they must not restart the connection.
  const labelsRef = useRef(labels);
  labelsRef.current = labels;

  useEffect(() => {
    let disposed = false;
    let ws: WebSocket | undefined;
    let retry = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const cleanup: (() => void)[] = [];
    const L = () => labelsRef.current;
    (async () => {
      const [{ Terminal }, { FitAddon }, { WebLinksAddon }, { SearchAddon }] = await Promise.all([import("@xterm/xterm"), import("@xterm/addon-fit"), import("@xterm/addon-web-links"), import("@xterm/addon-search")]);
      if (disposed || !box.current) return;
      const term = new Terminal({ cursorBlink: true, fontFamily: "ui-monospace, 'DejaVu Sans Mono', monospace", fontSize: 14, scrollback: 5000, theme: { background: "#111318" } });
      const fit = new FitAddon();
      const search = new SearchAddon();
      term.loadAddon(fit);
      term.loadAddon(new WebLinksAddon());
      term.loadAddon(search);
      term.open(box.current);
      fit.fit();
      fitRef.current = fit;
      window.__drydockTerms = { ...(window.__drydockTerms ?? {}), [tab]: term };
      cleanup.push(() => term.dispose());

      const send = (m: object) => ws?.readyState === WebSocket.OPEN && ws.send(JSON.stringify(m));
      const input = (d: string) => {
        for (let i = 0; i < d.length; i += CHUNK) send({ t: "in", d: d.slice(i, i + CHUNK) });
      };
      // The exam's copy/paste keys: Ctrl+Shift+C / Ctrl+Shift+V (Ctrl+C stays SIGINT).
      term.attachCustomKeyEventHandler((e) => {
        if (e.type !== "keydown" || !e.ctrlKey || !e.shiftKey) return true;
        const k = e.key.toLowerCase();
        if (k === "c") {
          e.preventDefault();
          const sel = term.getSelection();
          if (sel) void navigator.clipboard?.writeText(sel);
          return false;
        }
        // Ctrl+Shift+V is the browsers' own "paste as plain text": the paste event reaches
        // xterm's textarea, which sends it (bracketed when the shell asks). Reading the clipboard
        // here as well would paste twice.
        if (k === "v") return false;
        if (k === "f") {
          const q = prompt("Search");
          if (q) search.findNext(q);
          return false;
        }
        return true;
      });
      term.onData(input);
      term.onResize(({ cols, rows }) => send({ t: "resize", cols, rows }));

      const connect = () => {
        const proto = location.protocol === "https:" ? "wss:" : "ws:";
        ws = new WebSocket(`${proto}//${location.host}/terminal?lab=${encodeURIComponent(lab)}&tab=${tab}&cols=${term.cols}&rows=${term.rows}`);
        ws.onmessage = (ev) => {
          const m = JSON.parse(String(ev.data));
          if (m.t === "ready") {
            retry = 0;
            setStatus("");
            if (m.reattached) term.reset();
          } else if (m.t === "out" || m.t === "replay") term.write(m.d);
          else if (m.t === "idle") setStatus(L().idle.replace("{minutes}", String(Math.max(1, Math.round(m.secondsLeft / 60)))));
          else if (m.t === "exit") {
            setStatus(m.reason ? `${L().closed} (${m.reason})` : L().closed);
            disposed = true;
          } else if (m.t === "error") term.write(`\r\n\x1b[31m[drydock] ${m.message}\x1b[0m\r\n`);
        };
        ws.onclose = (ev) => {
          if (disposed) return;
          if (ev.code === 1011) return setStatus(ev.reason || L().closed);
          setStatus(L().reconnecting);
          timer = setTimeout(connect, Math.min(10_000, 500 * 2 ** retry++));
        };
      };
      connect();
      const ro = new ResizeObserver(() => fitRef.current?.fit());
      ro.observe(box.current);
      cleanup.push(() => ro.disconnect());
    })();
    return () => {
      disposed = true;
      clearTimeout(timer);
      ws?.close();
      cleanup.forEach((f) => f());
    };
  }, [lab, tab]);

  useEffect(() => {
    if (visible) fitRef.current?.fit();
  }, [visible]);

  return (
    <div className="term-pane" style={{ display: visible ? "block" : "none" }}>
      {status && <div className="term-status" role="status">{status}</div>}
      <div ref={box} className="term-box" data-tab={tab} />
    </div>
  );
}

export default function TerminalTabs({ lab, labels }: { lab: string; labels: Labels }) {
  const [tabs, setTabs] = useState([1]);
  const [active, setActive] = useState(1);
  return (
    <div className="terminal" data-lab={lab}>
      <div className="term-tabs" role="tablist">
        {tabs.map((t) => (
          <button key={t} role="tab" aria-selected={t === active} className={t === active ? "active" : ""} onClick={() => setActive(t)}>
            controlplane {t}
          </button>
        ))}
        {tabs.length < MAX_TABS && (
          <button
            className="term-new"
            onClick={() => {
              const n = Math.max(...tabs) + 1;
              setTabs([...tabs, n]);
              setActive(n);
            }}
          >
            + {labels.newTab}
          </button>
        )}
      </div>
      {tabs.map((t) => (
        <Pane key={t} lab={lab} tab={t} visible={t === active} labels={labels} />
      ))}
    </div>
  );
}
