// Cases of plugin/pkg/admission/network/defaultingressclass/admission_test.go.
import { describe, expect, it } from "vitest";
import type { KObject } from "../api/types.js";
import { defaultIngressClassFor } from "./default-ingress-class.js";

const cls = (name: string, isDefault: string | undefined, created = "2026-01-01T00:00:00Z"): KObject => ({
  metadata: { name, creationTimestamp: created, ...(isDefault !== undefined ? { annotations: { "ingressclass.kubernetes.io/is-default-class": isDefault } } : {}) },
  spec: { controller: "k8s.io/ingress-nginx" },
});
const ing = (spec: Record<string, unknown> = {}, annotations?: Record<string, string>): KObject => ({ metadata: { name: "i", namespace: "d", annotations }, spec });

describe("defaultIngressClassFor", () => {
  it.each([
    { name: "no default class", classes: [cls("nginx", undefined)], ing: ing(), want: undefined },
    { name: "one default class", classes: [cls("nginx", "true"), cls("other", "false")], ing: ing(), want: "nginx" },
    { name: "annotation value other than true is not default", classes: [cls("nginx", "True")], ing: ing(), want: undefined },
    { name: "two defaults: the newest wins", classes: [cls("old", "true", "2026-01-01T00:00:00Z"), cls("new", "true", "2026-01-02T00:00:00Z")], ing: ing(), want: "new" },
    { name: "two defaults created together: by name", classes: [cls("b", "true"), cls("a", "true")], ing: ing(), want: "a" },
    { name: "class already set", classes: [cls("nginx", "true")], ing: ing({ ingressClassName: "x" }), want: undefined },
    { name: "legacy annotation set", classes: [cls("nginx", "true")], ing: ing({}, { "kubernetes.io/ingress.class": "x" }), want: undefined },
  ])("$name", ({ classes, ing: i, want }) => {
    expect(defaultIngressClassFor(i, classes)).toBe(want);
  });
});
