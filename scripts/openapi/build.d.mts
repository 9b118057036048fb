// Types for build.mjs.
export const sha512Hex: (text: string) => string;
export function build(specDir: string, outDir: string): { v2: { file: string; hash: string }; v3: Record<string, { file: string; hash: string }> };
