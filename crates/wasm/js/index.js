// biasvask for Node and browsers: the core compiled to WebAssembly, nothing uploaded.
// `lint(text, { format, config })` returns exactly the file object of
// `biasvask check --format json` (plus `pass`, as the HTTP API has it).
import init, { initSync, lintJson, catalogJson, explain as explainDoc, version as coreVersion } from "./biasvask_wasm.js";

const wasmUrl = new URL("./biasvask_wasm_bg.wasm", import.meta.url);
if (typeof process !== "undefined" && process.versions && process.versions.node && wasmUrl.protocol === "file:") {
  // Node (and Deno/Bun in Node mode): read the file next to this one; no network.
  const { readFileSync } = await import("node:fs");
  initSync({ module: readFileSync(wasmUrl) });
} else {
  // Browsers and bundlers: the .wasm is served next to this file.
  await init({ module_or_path: wasmUrl });
}

/** Lint one ad. See index.d.ts. */
export function lint(text, options = {}) {
  if (typeof text !== "string") throw new TypeError("lint: text must be a string");
  return JSON.parse(lintJson(text, JSON.stringify(options ?? {})));
}

/** The rules: id, scope, category, default severity, label, title, summary. */
export function rules(lang = "da") {
  return JSON.parse(catalogJson(lang)).rules;
}

/** The input formats: name and file extensions. */
export function formats() {
  return JSON.parse(catalogJson("da")).formats;
}

/** The documentation of a rule (Markdown), what `biasvask explain RULE` prints. */
export function explain(rule, lang = "da") {
  return explainDoc(rule, lang);
}

/** The version of the biasvask core inside. */
export const version = coreVersion();
