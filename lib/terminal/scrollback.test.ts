import { describe, it, expect } from "vitest";
import { Scrollback, safeCut } from "./scrollback";

describe("safeCut", () => {
  // Sequences as bash, ls --color, vim and readline write them.
  const cases: { name: string; text: string; from: number; want: number }[] = [
    { name: "plain text at a line start", text: "abc\ndef", from: 4, want: 4 },
    { name: "plain text mid-line moves to the next line start", text: "abcdef\nxyz", from: 2, want: 7 },
    { name: "inside an SGR sequence moves past it", text: "a\x1b[01;34mdir\x1b[0m", from: 3, want: 9 },
    { name: "right after ESC", text: "a\x1b[0mb", from: 2, want: 5 },
    { name: "inside an OSC title ended by BEL", text: "\x1b]0;root@controlplane: ~\x07$ ", from: 5, want: 25 },
    { name: "inside an OSC ended by ST (ESC \\)", text: "\x1b]8;;https://k8s.io\x1b\\link", from: 4, want: 21 },
    { name: "between ESC and \\ of ST", text: "\x1b]0;t\x1b\\x", from: 6, want: 7 },
    { name: "inside a charset designation ESC ( B", text: "\x1b(Bok", from: 1, want: 3 },
    { name: "inside a DCS string", text: "\x1bP1$r0m\x1b\\z", from: 3, want: 9 },
    { name: "CAN aborts a sequence", text: "\x1b[12\x18ab", from: 2, want: 5 },
    { name: "C1 CSI as one code point", text: "\x9b31mx", from: 1, want: 4 },
    { name: "not between the halves of a surrogate pair", text: "a\u{1F600}b", from: 2, want: 3 },
    { name: "an unterminated OSC leaves nothing", text: "ok\x1b]0;never ends", from: 4, want: 16 },
    { name: "already at the end", text: "abc", from: 3, want: 3 },
  ];
  for (const c of cases) it(c.name, () => expect(safeCut(c.text, c.from)).toBe(c.want));

  it("takes the earliest safe point when no line start is near", () => {
    const long = "x".repeat(10_000);
    expect(safeCut("\x1b[0m" + long + "\n", 2)).toBe(4);
  });
});

describe("Scrollback", () => {
  it("keeps everything under the maximum", () => {
    const sb = new Scrollback(100);
    sb.push("\x1b[1mroot@controlplane\x1b[0m:~# ");
    sb.push("ls\r\n");
    expect(sb.text()).toBe("\x1b[1mroot@controlplane\x1b[0m:~# ls\r\n");
  });

  it("trims to three quarters of the maximum, at a line start", () => {
    const sb = new Scrollback(40);
    sb.push("line-one\r\n");
    sb.push("line-two\r\n");
    sb.push("line-three\r\n");
    sb.push("line-four\r\n"); // 43 characters: trim to at most 30, from the first line start
    expect(sb.text()).toBe("line-three\r\nline-four\r\n");
  });

  it("never starts the replay inside an escape sequence split across PTY reads", () => {
    const sb = new Scrollback(32);
    const colored = (n: number) => `\x1b[01;3${n}mfile-${n}\x1b[0m  `; // 20 characters, no newline
    sb.push(colored(1).slice(0, 13));
    sb.push(colored(1).slice(13) + colored(2).slice(0, 3));
    sb.push(colored(2).slice(3));
    // 40 characters; keep 24 at most: the cut is 16 in, inside "\x1b[0m", and moves to after it.
    expect(sb.text()).toBe("  \x1b[01;32mfile-2\x1b[0m  ");
  });

  it("drops an unterminated string rather than replaying its tail", () => {
    const sb = new Scrollback(20);
    sb.push("\x1b]0;" + "t".repeat(30));
    expect(sb.text()).toBe("");
    sb.push("\x07$ ");
    // The OSC's end arrives later: the parser read the dropped text as ground, and so does xterm.
    expect(sb.text()).toBe("\x07$ ");
  });
});
