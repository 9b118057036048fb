import { describe, it, expect } from "vitest";
import { negotiateLocale, translate, TABLES } from "./i18n";

describe("negotiateLocale", () => {
  const cases = [
    { name: "explicit choice wins", explicit: "ko", accept: "en-US,en;q=0.9", want: "ko" },
    { name: "unknown explicit falls through", explicit: "fr", accept: "ko-KR,ko;q=0.9", want: "ko" },
    { name: "q values order the header", explicit: undefined, accept: "en;q=0.5, ko;q=0.8", want: "ko" },
    { name: "nothing usable", explicit: undefined, accept: "de-DE", want: "en" },
    { name: "no header", explicit: undefined, accept: undefined, want: "en" },
  ];
  for (const c of cases) it(c.name, () => expect(negotiateLocale(c.explicit, c.accept)).toBe(c.want));
});

describe("translate", () => {
  it("fills values", () => expect(translate("en", "exercise.someFailed", { failed: 1, total: 3 })).toBe("1 of 3 checks failed."));
  it("Korean", () => expect(translate("ko", "exercise.someFailed", { failed: 1, total: 3 })).toBe("검사 3개 중 1개가 실패했습니다."));
  it("keeps unknown placeholders", () => expect(translate("en", "auth.rateLimited", {})).toBe("Too many attempts. Try again in {seconds} s."));
});

describe("the Korean table", () => {
  const placeholders = (s: string | undefined) => [...(s ?? "").matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  it("translates every English message", () => expect(Object.keys(TABLES.en).filter((k) => !(k in TABLES.ko))).toEqual([]));
  it("keeps each message's placeholders", () => {
    const en = TABLES.en as Record<string, string>;
    const ko = TABLES.ko as Record<string, string>;
    expect(Object.keys(en).filter((k) => placeholders(en[k]).join() !== placeholders(ko[k]).join())).toEqual([]);
  });
});
