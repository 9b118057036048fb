// Types for build.mjs.
type Index = { v2: { file: string; hash: string }; v3: Record<string, { file: string; hash: string }> };
export const sha512Hex: (text: string) => string;
export const KUBERNETES_VERSION: string;
export function build(specDir: string, outDir: string): Index;
export function buildFromClientNode(pkgDir: string, outDir: string, root?: string): Promise<Index>;
export function writeDocuments(swagger: Record<string, unknown>, v3: Map<string, Record<string, unknown>>, outDir: string): Index;
