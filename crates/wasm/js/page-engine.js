// The engine of the static page and the extension: the wasm-bindgen glue (no-modules) and the
// module's bytes are prepended by scripts/build-web; this part starts it and offers what the
// page asks the server for, so the page works from file:// with no request at all.
(function () {
  "use strict";
  const bin = atob(BIASVASK_WASM_BASE64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  wasm_bindgen.initSync({ module: bytes });
  const api = {
    version: wasm_bindgen.version(),
    /** The answer of POST /v1/check for `body` ({ text, format, path, lang }). */
    check(body) {
      const o = { edits: true };
      if (body.format) o.format = body.format;
      if (body.path) o.path = body.path;
      if (body.lang) o.lang = body.lang;
      if (body.config) o.config = body.config;
      return JSON.parse(wasm_bindgen.lintJson(body.text, JSON.stringify(o)));
    },
    catalog(lang) { return JSON.parse(wasm_bindgen.catalogJson(lang || "da")); },
    explain(rule, lang) { return wasm_bindgen.explain(rule, lang || "da"); },
  };
  (typeof globalThis !== "undefined" ? globalThis : self).biasvaskLocal = api;
})();
