// Types for convert.mjs (build-time helper, also exercised by lib/apiserver/openapi tests).
export function groupVersionOfPath(path: string): string;
export function v2ToV3Documents(swagger: Record<string, unknown>): Map<string, Record<string, any>>;
export function ensurePatchOperations(doc: Record<string, any>): string[];
