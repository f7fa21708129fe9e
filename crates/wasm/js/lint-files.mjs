// Lints files with the npm package in Node and prints one JSON array of the results:
//   node lint-files.mjs NPM_DIR [--config TOML_FILE] FILE...
// (the format is picked from each file's extension, as the CLI does). Used by the test that
// compares the package with `biasvask check --format json` (crates/cli/tests/wasm_node.rs).
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [npm, ...rest] = process.argv.slice(2);
const biasvask = await import(pathToFileURL(join(resolve(npm), "index.js")).href);
let config;
if (rest[0] === "--config") {
  config = readFileSync(rest[1], "utf8");
  rest.splice(0, 2);
}
const out = rest.map((f) => biasvask.lint(readFileSync(f, "utf8"), { path: f, config }));
process.stdout.write(JSON.stringify(out));
