// @noble/hashes is ECMAScript-only, and under this repo's `module: Node16` TypeScript refuses to
// import it from a CommonJS file (TS1479), although Node >= 20.19 and esbuild both load it. This
// declaration, which TypeScript prefers to the package's own, covers only the function used.
declare module '@noble/hashes/blake2.js' {
  export function blake2b(message: Uint8Array, options?: { dkLen?: number }): Uint8Array;
}
