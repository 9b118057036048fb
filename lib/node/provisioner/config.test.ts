// provisioner_test.go's config cases: canonicalisation errors and the path picked per node.
import { describe, expect, it } from "vitest";
import { LOCAL_PATH_CONFIG } from "../../cluster/bootstrap/local-path.js";
import { getPathOnNode, parseConfig, pathFromPattern, pickConfig } from "./config.js";

describe("local-path config.json", () => {
  it("the fresh lab's config gives every node /opt/local-path-provisioner", () => {
    const cfg = parseConfig(LOCAL_PATH_CONFIG["config.json"]);
    expect(getPathOnNode(pickConfig(cfg, "standard"), "node01", "")).toBe("/opt/local-path-provisioner");
  });

  it.each([
    ["relative path", { nodePathMap: [{ node: "n", paths: ["data"] }] }, "StorageClass config canonicalization failed: path must start with / for path data on node n"],
    ["root path", { nodePathMap: [{ node: "n", paths: ["/"] }] }, "StorageClass config canonicalization failed: cannot use root ('/') as path on node n"],
    ["duplicate node", { nodePathMap: [{ node: "n", paths: ["/a"] }, { node: "n", paths: ["/b"] }] }, "StorageClass config canonicalization failed: duplicate node n"],
    ["duplicate path", { nodePathMap: [{ node: "n", paths: ["/a", "/a/"] }] }, "StorageClass config canonicalization failed: duplicate path /a/ on node n"],
  ])("refuses a %s", (_name, data, msg) => {
    expect(() => parseConfig(JSON.stringify(data))).toThrow(msg);
  });

  it.each([
    ["listed node", "n1", "", "/n1"],
    ["unlisted node falls back to the default entry", "n2", "", "/default"],
    ["requested nodePath", "n1", "/n1", "/n1"],
  ])("%s", (_name, node, requested, want) => {
    const cfg = parseConfig(JSON.stringify({ nodePathMap: [{ node: "DEFAULT_PATH_FOR_NON_LISTED_NODES", paths: ["/default"] }, { node: "n1", paths: ["/n1"] }] }));
    expect(getPathOnNode(cfg, node, requested)).toBe(want);
  });

  it("errors for an unknown node without a default, and for a path not configured", () => {
    const cfg = parseConfig(JSON.stringify({ nodePathMap: [{ node: "n1", paths: ["/n1"] }] }));
    expect(() => getPathOnNode(cfg, "n2", "")).toThrow("config doesn't contain node n2, and no DEFAULT_PATH_FOR_NON_LISTED_NODES available");
    expect(() => getPathOnNode(cfg, "n1", "/x")).toThrow("config doesn't contain path /x on node n1");
  });

  it("expands pathPattern", () => {
    expect(pathFromPattern("{{ .PVC.Namespace }}/{{ .PVC.Name }}-{{ .PVName }}", "pvc-1", { name: "data", namespace: "web" })).toBe("web/data-pvc-1");
  });
});
