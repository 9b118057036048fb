// A Turbopack loader for Drydock's own TypeScript under lib/: the runtime's modules import each
// other as "./x.js" (Node ESM style, which tsc, tsx and esbuild map to x.ts), but Turbopack does
// not map .js to .ts yet (vercel/next.js#82945). Dropping the suffix of relative imports lets it
// resolve them as the bundler-style extensionless imports it does support. Only relative
// specifiers are touched; packages keep theirs.
module.exports = function dropJsSuffix(source) {
  return source.replace(/((?:\bfrom|\bimport)\s*\(?\s*["'])(\.{1,2}\/[^"'\n]*?)\.js(["'])/g, "$1$2$3");
};
