// Assembles the static checker page (target/web/page/) from the server's page and the wasm
// engine: node build-page.mjs <web dir>. Run by scripts/build-web after wasm-bindgen.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..", "..");
const web = process.argv[2];
if (!web) throw new Error("usage: build-page.mjs WEB_DIR");

// The engine: the no-modules glue, the module as base64 (file:// forbids fetching it), the start.
const glue = readFileSync(join(web, "nomodules", "biasvask_wasm.js"), "utf8");
const wasm = readFileSync(join(web, "nomodules", "biasvask_wasm_bg.wasm"));
const engine = glue + "\nconst BIASVASK_WASM_BASE64 = \"" + wasm.toString("base64") + "\";\n" +
  readFileSync(join(here, "page-engine.js"), "utf8");

// The page: the server's, with the registries filled in from the core and the engine loaded
// before the page's own script (a classic script: works from file://).
const npm = await import(pathToFileURL(join(web, "npm", "index.js")).href);
const catalog = { rules: npm.rules("da"), formats: npm.formats() };
const marker = '<script type="application/json" id="biasvask-registry">null</script>';
let page = readFileSync(join(root, "crates", "server", "src", "index.html"), "utf8");
if (!page.includes(marker)) throw new Error("index.html lost its registry element");
page = page.replace(marker,
  '<script type="application/json" id="biasvask-registry">' + JSON.stringify(catalog).replaceAll("</", "<\\/") + "</script>\n" +
  '<script src="biasvask-engine.js"></script>');

for (const dir of ["page", "extension"]) mkdirSync(join(web, dir), { recursive: true });
writeFileSync(join(web, "page", "index.html"), page);
writeFileSync(join(web, "page", "biasvask-engine.js"), engine);
// The extension runs the same engine in its service worker.
writeFileSync(join(web, "extension", "biasvask-engine.js"), engine);
console.log("build-page: page " + (page.length >> 10) + " KiB, engine " + (engine.length >> 10) + " KiB");
