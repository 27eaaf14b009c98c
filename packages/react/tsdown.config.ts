import { defineConfig } from "tsdown";

// One entry, ESM (`dist/index.js`) and CJS (`dist/index.cjs`), each with its declarations. React and the client
// stay external: React is the app's (a peer), the client a dependency the app's bundler dedupes with its own.
// src/index.ts starts with `"use client"`, kept at the top of both JS files (not the declarations, where a statement
// is an error): every export is a hook or uses one, so a React Server Components app (Next.js) must treat this
// module as client code.
export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm", "cjs"],
  platform: "neutral",
  target: "es2022",
  dts: true,
  sourcemap: true,
  clean: true,
  external: ["react", /^@planky-kit\/client/],
});
