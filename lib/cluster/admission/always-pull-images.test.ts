// AlwaysPullImages cases of plugin/pkg/admission/alwayspullimages/admission_test.go
// (TestAdmission, TestUpdatePod).
import { describe, expect, it } from "vitest";
import type { KObject } from "../api/types";
import { admitAlwaysPullImages } from "./always-pull-images";

const pod = (images: string[], policy = "Never"): KObject => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name: "p", namespace: "default" },
  spec: {
    initContainers: [{ name: "init1", image: images[0], imagePullPolicy: policy }],
    containers: images.slice(1).map((image, i) => ({ name: `c${i}`, image, imagePullPolicy: policy })),
  },
});
const policies = (p: KObject) => [...((p.spec as { initContainers: { imagePullPolicy: string }[] }).initContainers), ...((p.spec as { containers: { imagePullPolicy: string }[] }).containers)].map((c) => c.imagePullPolicy);

describe("admitAlwaysPullImages", () => {
  it("a created pod pulls Always in every container", () => {
    expect(policies(admitAlwaysPullImages(pod(["init", "a", "b"]), undefined))).toEqual(["Always", "Always", "Always"]);
  });
  it("an update that keeps the images is left alone", () => {
    const old = pod(["init", "a"]);
    expect(policies(admitAlwaysPullImages(pod(["init", "a"]), old))).toEqual(["Never", "Never"]);
  });
  it("an update with a new image pulls Always", () => {
    expect(policies(admitAlwaysPullImages(pod(["init", "a:2"]), pod(["init", "a"])))).toEqual(["Always", "Always"]);
  });
  it("does not change its input", () => {
    const input = pod(["init", "a"]);
    admitAlwaysPullImages(input, undefined);
    expect(policies(input)).toEqual(["Never", "Never"]);
  });
});
