import { describe, it, expect } from "vitest";
import { parseClientMsg, chunkInput, MAX_INPUT_FRAME } from "./protocol";
import { Scrollback } from "./scrollback";

describe("parseClientMsg", () => {
  const cases = [
    { name: "input", raw: '{"t":"in","d":"ls\\r"}', want: { ok: true, msg: { t: "in", d: "ls\r" } } },
    { name: "resize", raw: '{"t":"resize","cols":120,"rows":40}', want: { ok: true, msg: { t: "resize", cols: 120, rows: 40 } } },
    { name: "ping", raw: '{"t":"ping"}', want: { ok: true, msg: { t: "ping" } } },
    { name: "not JSON", raw: "ls", want: { ok: false, error: "frame is not JSON" } },
    { name: "array", raw: "[1]", want: { ok: false, error: "frame is not a JSON object" } },
    { name: "input without data", raw: '{"t":"in","d":5}', want: { ok: false, error: 'input frame needs a string "d"' } },
    { name: "oversized input", raw: JSON.stringify({ t: "in", d: "x".repeat(MAX_INPUT_FRAME + 1) }), want: { ok: false, error: "input frame longer than 65536 characters; split it" } },
    { name: "absurd size", raw: '{"t":"resize","cols":100000,"rows":1}', want: { ok: false, error: "resize needs integer cols 2-500 and rows 2-200" } },
    { name: "unknown type", raw: '{"t":"exec"}', want: { ok: false, error: 'unknown frame type "exec"' } },
  ];
  for (const c of cases) it(c.name, () => expect(parseClientMsg(c.raw)).toEqual(c.want));
});

describe("chunkInput", () => {
  it("splits a paste in order without losing characters", () => expect(chunkInput("abcdefg", 3)).toEqual(["abc", "def", "g"]));
  it("never splits a surrogate pair", () => expect(chunkInput("ab😀c", 3)).toEqual(["ab", "😀c"]));
});

describe("Scrollback", () => {
  it("keeps the tail, cut at a line start", () => {
    const s = new Scrollback(10);
    s.push("line1\nline2\n");
    s.push("ab");
    expect(s.text()).toBe("line2\nab");
  });
});
