// /version of kube-apiserver v1.32.3 (the same release build as the kubectl v1.32.3 shipped in
// .tools/, so gitCommit and buildDate are that build's).
export const VERSION_INFO = {
  major: "1",
  minor: "32",
  gitVersion: "v1.32.3",
  gitCommit: "32cc146f75aad04beaaa245a7157eb35063a9f99",
  gitTreeState: "clean",
  buildDate: "2025-03-11T19:52:21Z",
  goVersion: "go1.23.6",
  compiler: "gc",
  platform: "linux/amd64",
};
