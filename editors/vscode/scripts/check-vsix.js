// Checks a packaged .vsix (`node scripts/check-vsix.js biasvask.vsix`, run by scripts/test after
// `npm run package`): exactly the bundle, the manifest, the README and the LICENSE, no
// node_modules and no sources, small, and the manifest's `main` is the bundle inside it.
// A .vsix is a zip file; its central directory is read here, so no unzip tool is needed.
"use strict";
const assert = require("node:assert/strict");
const fs = require("node:fs");
const zlib = require("node:zlib");

function entries(buf) {
  // End of central directory: signature 0x06054b50, in the last 64 KiB + 22 bytes.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  assert.notEqual(eocd, -1, "not a zip file");
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const out = new Map();
  for (let n = 0; n < count; n++) {
    assert.equal(buf.readUInt32LE(at), 0x02014b50, "bad central directory");
    const method = buf.readUInt16LE(at + 10);
    const csize = buf.readUInt32LE(at + 20);
    const size = buf.readUInt32LE(at + 24);
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.toString("utf8", at + 46, at + 46 + nameLen);
    const dataAt = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(dataAt, dataAt + csize);
    out.set(name, { size, read: () => (method === 8 ? zlib.inflateRawSync(raw) : raw) });
    at += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

const file = process.argv[2];
assert.ok(file, "usage: node scripts/check-vsix.js FILE.vsix");
const buf = fs.readFileSync(file);
const files = entries(buf);
const names = [...files.keys()].sort();
assert.deepEqual(names, [
  "[Content_Types].xml",
  "extension.vsixmanifest",
  "extension/LICENSE.txt",
  "extension/dist/extension.js",
  "extension/package.json",
  "extension/readme.md",
]);
assert.ok(buf.length < 200 * 1024, `the .vsix is ${buf.length} bytes; expected under 200 KB`);
const manifest = JSON.parse(files.get("extension/package.json").read().toString("utf8"));
assert.equal(manifest.main, "./dist/extension.js");
assert.equal(manifest.license, "MIT OR Apache-2.0");
assert.ok(manifest.repository && manifest.repository.url, "no repository");
const bundle = files.get("extension/dist/extension.js").read().toString("utf8");
// vscode-languageclient is inside the bundle; only `vscode` (given by the editor) and Node's
// own modules are required at run time.
const required = new Set([...bundle.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]));
for (const r of required) {
  assert.ok(
    r === "vscode" || r.startsWith("node:") || require("node:module").builtinModules.includes(r),
    `the bundle requires ${r}, which is not in the .vsix`,
  );
}
assert.ok(required.has("vscode"), "the bundle does not load vscode");
assert.match(bundle, /biasvask\.restart/);
const license = files.get("extension/LICENSE.txt").read().toString("utf8");
assert.match(license, /MIT License/);
assert.match(license, /Apache License/);
console.log(`${file}: ${names.length} files, ${buf.length} bytes, ok`);
