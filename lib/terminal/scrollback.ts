// What a reattaching client replays: the last characters the shell wrote, at most MAX_SCROLLBACK.
// When the buffer is trimmed, the cut lands on a boundary where a terminal's parser is back in
// its ground state (not inside an escape sequence, not between the halves of a surrogate pair),
// preferably at a line start, so the replay does not print "[0m" or "1;31m" garbage and does not
// swallow the next text into an unterminated OSC string. The states follow the DEC/ECMA-48
// parser that xterm.js implements (vt100.net/emu/dec_ansi_parser), reduced to "where could a
// sequence still be open".
export const MAX_SCROLLBACK = 256 * 1024;

/** Trimming keeps this share of the maximum, so a busy shell does not re-trim on every write. */
const KEEP = 0.75;
/** How far past the earliest safe point a line start may be looked for. */
const LINE_SLACK = 4096;

const enum S {
  Ground,
  Escape,
  /** ESC followed by intermediates (ESC ( B, ESC # 8, ...) */
  EscapeIntermediate,
  Csi,
  /** OSC, DCS, SOS, PM, APC: text up to BEL or ST (ESC \). */
  Str,
}

const ESC = 0x1b;
const BEL = 0x07;
const CAN = 0x18;
const SUB = 0x1a;

function next(state: S, c: number): S {
  // CAN and SUB abort any sequence; ESC starts a new one wherever it comes (also ST's first half).
  if (c === CAN || c === SUB) return S.Ground;
  if (c === ESC) return S.Escape;
  // C1 controls as single code points (xterm.js reads them too).
  if (c === 0x9b) return S.Csi;
  if (c === 0x9d || c === 0x90 || c === 0x98 || c === 0x9e || c === 0x9f) return S.Str;
  if (c === 0x9c) return S.Ground;
  switch (state) {
    case S.Ground:
      return S.Ground;
    case S.Escape:
      if (c === 0x5b) return S.Csi; // [
      if (c === 0x5d || c === 0x50 || c === 0x58 || c === 0x5e || c === 0x5f) return S.Str; // ] P X ^ _
      if (c >= 0x20 && c <= 0x2f) return S.EscapeIntermediate;
      if (c >= 0x30 && c <= 0x7e) return S.Ground; // final byte (ESC \ ends a string too)
      return S.Escape; // other C0 controls execute without ending the sequence
    case S.EscapeIntermediate:
      return c >= 0x30 && c <= 0x7e ? S.Ground : S.EscapeIntermediate;
    case S.Csi:
      return c >= 0x40 && c <= 0x7e ? S.Ground : S.Csi;
    case S.Str:
      return c === BEL ? S.Ground : S.Str;
  }
}

const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** The smallest index >= `from` where `text` (read from its start, in the ground state) may be cut:
 *  a line start within LINE_SLACK of the earliest safe point if there is one, else that point;
 *  text.length when no safe point remains (the whole tail is one unterminated sequence). */
export function safeCut(text: string, from: number): number {
  let state = S.Ground;
  let i = 0;
  for (; i < from && i < text.length; i++) state = next(state, text.charCodeAt(i));
  let first = -1;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (state === S.Ground && !isLowSurrogate(c)) {
      if (first < 0) first = i;
      if (i > 0 && text.charCodeAt(i - 1) === 0x0a) return i;
      if (i - first >= LINE_SLACK) return first;
    }
    state = next(state, c);
  }
  if (state === S.Ground && first < 0) first = text.length;
  return first < 0 ? text.length : first;
}

export class Scrollback {
  private chunks: string[] = [];
  private size = 0;
  constructor(private readonly max = MAX_SCROLLBACK) {}

  push(s: string): void {
    this.chunks.push(s);
    this.size += s.length;
    if (this.size <= this.max) return;
    // Chunks are the PTY's reads: a sequence may span two of them, so the cut is found in the
    // joined text, which always starts at a safe boundary (the previous cut).
    const text = this.chunks.join("");
    const cut = safeCut(text, text.length - Math.floor(this.max * KEEP));
    this.chunks = [text.slice(cut)];
    this.size = text.length - cut;
  }

  text(): string {
    if (this.chunks.length > 1) this.chunks = [this.chunks.join("")];
    return this.chunks[0] ?? "";
  }
}
