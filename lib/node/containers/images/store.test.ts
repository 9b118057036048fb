import { describe, expect, it } from "vitest";
import { FakeTime } from "../../../cluster/runtime/timers.js";
import { ImagePullError } from "../../cri/types.js";
import { normalizeReference } from "./reference.js";
import { ImageStore } from "./store.js";

describe("references", () => {
  it.each([
    ["nginx", "docker.io/library/nginx:latest"],
    ["nginx:1.27", "docker.io/library/nginx:1.27"],
    ["curlimages/curl", "docker.io/curlimages/curl:latest"],
    ["registry.k8s.io/pause:3.10", "registry.k8s.io/pause:3.10"],
    ["localhost:5000/app", "localhost:5000/app:latest"],
  ])("%s -> %s", (input, want) => expect(normalizeReference(input)).toBe(want));
});

describe("pull", () => {
  it.each([
    {
      name: "unknown tag",
      image: "nginx:1.99",
      kind: "not-found",
      message: 'failed to pull and unpack image "docker.io/library/nginx:1.99": failed to resolve reference "docker.io/library/nginx:1.99": docker.io/library/nginx:1.99: not found',
    },
    {
      name: "unknown Docker Hub repository",
      image: "nginxx",
      kind: "unauthorized",
      message:
        'failed to pull and unpack image "docker.io/library/nginxx:latest": failed to resolve reference "docker.io/library/nginxx:latest": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed',
    },
    {
      name: "upper case",
      image: "Nginx",
      kind: "invalid-name",
      message: 'failed to pull and unpack image "Nginx": invalid reference format: repository name (library/Nginx) must be lowercase',
    },
  ])("$name", async ({ image, kind, message }) => {
    const time = new FakeTime();
    const store = new ImageStore(time);
    const p = store.pull(image).catch((e: unknown) => e);
    await time.advance(1000);
    const err = await p;
    expect(err).toBeInstanceOf(ImagePullError);
    expect({ kind: (err as ImagePullError).kind, message: (err as Error).message }).toEqual({ kind, message });
  });

  it("takes time proportional to the size, then the image is present", async () => {
    const time = new FakeTime();
    const store = new ImageStore(time);
    let done = false;
    void store.pull("nginx:1.27").then(() => (done = true));
    await time.advance(3000);
    expect(done).toBe(false);
    await time.advance(1000);
    expect(done).toBe(true);
    expect(store.find("docker.io/library/nginx:1.27")?.repoTags).toEqual(["docker.io/library/nginx:1.27"]);
  });
});
