// The terminal's WebSocket protocol: JSON text frames both ways, so a forged or malformed frame is
// easy to refuse with a clear message without losing the session.
//   client → server  {"t":"in","d":"ls\r"}  {"t":"resize","cols":120,"rows":40}  {"t":"ping"}
//   server → client  {"t":"ready","tab":1,"reattached":false}  {"t":"replay","d":"…"}
//                    {"t":"out","d":"…"}  {"t":"idle","secondsLeft":300}  {"t":"exit","code":0}
//                    {"t":"error","message":"…"}  {"t":"pong"}

/** One input frame at most; the client splits bigger pastes (nothing is lost, order is kept). */
export const MAX_INPUT_FRAME = 64 * 1024;
/** WebSocket payload limit: an input frame plus its JSON envelope and escaping. */
export const MAX_WS_PAYLOAD = 8 * MAX_INPUT_FRAME;
export const COLS = { min: 2, max: 500 };
export const ROWS = { min: 2, max: 200 };

export type ClientMsg = { t: "in"; d: string } | { t: "resize"; cols: number; rows: number } | { t: "ping" };
export type ServerMsg =
  | { t: "ready"; tab: number; reattached: boolean }
  | { t: "replay"; d: string }
  | { t: "out"; d: string }
  | { t: "idle"; secondsLeft: number }
  | { t: "exit"; code: number; reason?: string }
  | { t: "error"; message: string }
  | { t: "pong" };

export type Parsed = { ok: true; msg: ClientMsg } | { ok: false; error: string };

const int = (v: unknown, r: { min: number; max: number }) => typeof v === "number" && Number.isInteger(v) && v >= r.min && v <= r.max;

export function parseClientMsg(raw: string): Parsed {
  let o: unknown;
  try {
    o = JSON.parse(raw);
  } catch {
    return { ok: false, error: "frame is not JSON" };
  }
  if (!o || typeof o !== "object" || Array.isArray(o)) return { ok: false, error: "frame is not a JSON object" };
  const m = o as Record<string, unknown>;
  switch (m.t) {
    case "in":
      if (typeof m.d !== "string") return { ok: false, error: 'input frame needs a string "d"' };
      if (m.d.length > MAX_INPUT_FRAME) return { ok: false, error: `input frame longer than ${MAX_INPUT_FRAME} characters; split it` };
      return { ok: true, msg: { t: "in", d: m.d } };
    case "resize":
      if (!int(m.cols, COLS) || !int(m.rows, ROWS)) return { ok: false, error: `resize needs integer cols ${COLS.min}-${COLS.max} and rows ${ROWS.min}-${ROWS.max}` };
      return { ok: true, msg: { t: "resize", cols: m.cols as number, rows: m.rows as number } };
    case "ping":
      return { ok: true, msg: { t: "ping" } };
    default:
      return { ok: false, error: `unknown frame type ${JSON.stringify(m.t ?? null)}` };
  }
}

/** Splits a paste into frames of at most MAX_INPUT_FRAME characters, never inside a surrogate pair. */
export function chunkInput(s: string, max = MAX_INPUT_FRAME): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < s.length) {
    let end = Math.min(i + max, s.length);
    const c = s.charCodeAt(end - 1);
    if (end < s.length && c >= 0xd800 && c <= 0xdbff) end--;
    out.push(s.slice(i, end));
    i = end;
  }
  return out;
}
