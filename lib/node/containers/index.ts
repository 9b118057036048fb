// The simulated containerd of a node: CRI runtime + images, container programs, crictl.
export { createContainerRuntime, type ContainerRuntime, type ContainerRuntimeDeps } from "./runtime.js";
export type { ContainerProgramEntry, ContainerProgramContext, ContainerProgram, StopSignal } from "./programs/types.js";
export { MEMORY_USAGE_ANNOTATION } from "./programs/misc.js";
export { CATALOGUE, type CatalogueEntry } from "./images/catalogue.js";
export { normalizeReference } from "./images/reference.js";
