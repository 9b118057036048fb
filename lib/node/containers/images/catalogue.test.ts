// Version tags as Docker Hub publishes them: every minor with its patch releases up to the last
// one (nginx.org and busybox.net release lists), per variant suffix; anything past them is not
// found, as the registry answers.
import { describe, expect, it } from "vitest";
import { findCatalogueEntry, fullVersion, NGINX_LAST_PATCH } from "./catalogue.js";
import { nginxVersion } from "../programs/nginx.js";

describe("version tags", () => {
  it.each([
    ["docker.io/library/nginx", "1.14.2", true],
    ["docker.io/library/nginx", "1.16", true],
    ["docker.io/library/nginx", "1.16.1-alpine", true],
    ["docker.io/library/nginx", "1.23.4-alpine-slim", true],
    ["docker.io/library/nginx", "1.28", true],
    ["docker.io/library/nginx", "1.16.2", false],
    ["docker.io/library/nginx", "1.99", false],
    ["docker.io/library/nginx", "1.8", false],
    ["docker.io/library/nginx", "1.16-slim", false],
    ["docker.io/library/busybox", "1.35", true],
    ["docker.io/library/busybox", "1.31.1-musl", true],
    ["docker.io/library/busybox", "1.38", false],
    ["docker.io/library/httpd", "1.16", false],
    ["docker.io/library/httpd", "2.4.41-alpine", true],
  ])("%s:%s available: %s", (repo, tag, want) => expect(!!findCatalogueEntry(repo, tag)).toBe(want));

  it("an alpine tag is the alpine variant", () => {
    expect(findCatalogueEntry("docker.io/library/nginx", "1.19-alpine")?.base).toBe("alpine");
    expect(findCatalogueEntry("docker.io/library/nginx", "1.19")?.base).toBe("debian");
  });

  it.each([
    ["docker.io/library/nginx:1.14.2", "1.14.2"],
    ["nginx:1.16", "1.16.1"],
    ["nginx:1.21-alpine", "1.21.6"],
    ["nginx:1.27", "1.27.4"],
  ])("%s serves as nginx/%s", (image, want) => expect(nginxVersion(image)).toBe(want));

  it("leaves a minor it does not know alone", () => expect(fullVersion(NGINX_LAST_PATCH, "2.0")).toBeUndefined());
});
