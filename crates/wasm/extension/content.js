// biasvask in the page: finds the fields where an ad is written (<textarea>, contenteditable
// elements such as CKEditor 5, Quill and ProseMirror, and the contenteditable body of a
// same-origin iframe as TinyMCE makes it), has the background's engine check their text, and
// draws the findings in an overlay of its own (a shadow root) without touching the page's
// content. A click or caret on a finding opens a popover with the message, the explanation and
// the suggestions; applying one edits the field through the browser's own editing command
// (execCommand insertText: the editor gets beforeinput and input events, undo keeps working,
// a React-controlled textarea's state follows).
(() => {
  "use strict";
  if (window.__biasvaskContent) return;
  window.__biasvaskContent = true;
  // A frame of the same origin as its parent is served by the parent's script (which reaches
  // into same-origin frames, also those with no document of their own, such as TinyMCE's).
  try {
    if (window !== window.top && window.parent.document) return;
  } catch (_) {
    // cross-origin: this frame is served here
  }
  const api = typeof browser !== "undefined" ? browser : chrome;
  const enc = new TextEncoder();

  // The site the per-site switch is about: the top page's host, also inside its frames.
  const site = (() => {
    try {
      if (window.top === window) return location.hostname;
      const a = location.ancestorOrigins;
      if (a && a.length) return new URL(a[a.length - 1]).hostname;
      return window.top.location.hostname; // same origin; throws otherwise
    } catch (_) {
      return location.hostname;
    }
  })();
  const isTop = window.top === window;

  // Categories of the page's colours (the checker page's palette), by rule category.
  const CATEGORY = {
    "gendered": "koen", "preference": "diskr", "pronoun": "pron",
    "masculine-coded": "mask", "feminine-coded": "fem",
  };
  let rules = null; // id -> catalog entry (label, summary, scope, category)

  // A message to the background (promises: both browser.* in Firefox and chrome.* in MV3).
  function send(msg) {
    try {
      return Promise.resolve(api.runtime.sendMessage(msg)).then((r) => r || {}, () => ({}));
    } catch (_) {
      return Promise.resolve({}); // the extension was reloaded: this script is an orphan
    }
  }

  // ---------------------------------------------------------------- offsets
  // The engine's spans are UTF-8 byte offsets; the DOM counts UTF-16 code units.
  function byteToUtf16(text, offsets) {
    const want = Array.from(new Set(offsets)).sort((a, b) => a - b);
    const out = new Map();
    let bytes = 0, i = 0, k = 0;
    while (k < want.length) {
      if (bytes >= want[k] || i >= text.length) { out.set(want[k], i); k++; continue; }
      const c = text.codePointAt(i);
      bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
      i += c >= 0x10000 ? 2 : 1;
    }
    return out;
  }

  // ---------------------------------------------------------------- fields
  const BLOCK = /^(P|DIV|LI|UL|OL|H[1-6]|BLOCKQUOTE|PRE|TR|TABLE|TBODY|THEAD|SECTION|ARTICLE|HEADER|FOOTER|ASIDE|NAV|DD|DT|DL|FIGURE|FIGCAPTION|TD|TH|HR|ADDRESS)$/;

  // The text of an editable element as the engine reads it, and where each text node sits.
  function readEditable(root) {
    const segs = [];
    let text = "";
    const nl = () => { if (text && !text.endsWith("\n")) text += "\n"; };
    const stack = [[root, root.firstChild]];
    while (stack.length) {
      const top = stack[stack.length - 1];
      const c = top[1];
      if (!c) {
        stack.pop();
        if (top[0] !== root && BLOCK.test(top[0].tagName)) nl();
        continue;
      }
      top[1] = c.nextSibling;
      if (c.nodeType === 3) {
        segs.push({ node: c, start: text.length, end: text.length + c.data.length });
        text += c.data;
      } else if (c.nodeType === 1) {
        const tag = c.tagName;
        if (tag === "BR") { text += "\n"; continue; }
        if (tag === "SCRIPT" || tag === "STYLE" || tag === "TEMPLATE") continue;
        if (BLOCK.test(tag)) nl();
        stack.push([c, c.firstChild]);
      }
    }
    return { text, segs };
  }

  // A text offset (UTF-16) to a DOM point in the segments.
  function pointAt(segs, off, preferNext) {
    let lo = 0, hi = segs.length - 1, best = null;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (segs[mid].end < off) lo = mid + 1;
      else { best = mid; hi = mid - 1; }
    }
    if (best === null) {
      const s = segs[segs.length - 1];
      return s ? [s.node, s.node.data.length] : null;
    }
    let s = segs[best];
    // At the end of one node and the start of the next: a start belongs to the next.
    if (preferNext && off === s.end && segs[best + 1] && segs[best + 1].start === off) s = segs[best + 1];
    return [s.node, Math.max(0, Math.min(s.node.data.length, off - s.start))];
  }

  // A DOM point to a text offset.
  function offsetOf(segs, node, offset) {
    if (node.nodeType === 3) {
      const s = segs.find((x) => x.node === node);
      return s ? s.start + offset : null;
    }
    const child = node.childNodes[offset];
    for (const s of segs) {
      if (!child) {
        if (node.contains(s.node)) continue;
        if (node.compareDocumentPosition(s.node) & Node.DOCUMENT_POSITION_FOLLOWING) return s.start;
      } else if (child === s.node || child.contains(s.node) ||
        (child.compareDocumentPosition(s.node) & Node.DOCUMENT_POSITION_FOLLOWING)) {
        return s.start;
      }
    }
    return segs.length ? segs[segs.length - 1].end : 0;
  }

  const fields = new Map(); // element -> field
  let enabled = false;

  class Field {
    constructor(el, frame) {
      this.el = el;
      this.frame = frame || null; // the <iframe> of a same-origin editor document
      this.doc = el.ownerDocument;
      this.win = this.doc.defaultView;
      this.textarea = el.tagName === "TEXTAREA";
      this.found = []; // { d, s, e } with UTF-16 offsets
      this.checked = null; // the text the findings are for
      this.timer = 0;
      this.seq = 0;
      this.layer = document.createElement("div");
      this.layer.className = "field";
      overlay().append(this.layer);
      this.onInput = () => {
        this.found = [];
        this.draw();
        hidePopover(this);
        clearTimeout(this.timer);
        this.timer = setTimeout(() => this.check(), 250);
      };
      this.onPoint = () => setTimeout(() => this.caretMoved(), 0);
      this.onKey = (e) => {
        if (e.key === "Escape") {
          if (popover.field === this) hidePopover();
        } else if (e.key === "ArrowDown" && e.altKey && popover.field === this && popover.el) {
          // From the keyboard: Alt+Down moves into the popover's suggestions.
          const b = popover.el.querySelector("button.alt");
          if (b) b.focus();
        } else this.onPoint();
      };
      el.addEventListener("input", this.onInput);
      el.addEventListener("click", this.onPoint);
      el.addEventListener("keyup", this.onKey);
      this.ro = new ResizeObserver(() => schedule());
      this.ro.observe(el);
      this.check();
    }

    read() {
      if (this.textarea) return { text: this.el.value, segs: null };
      return readEditable(this.el);
    }

    async check() {
      const { text } = this.read();
      const seq = ++this.seq;
      if (!rules) {
        const c = await send({ type: "catalog" });
        rules = {};
        for (const r of c.rules || []) rules[r.id] = r;
      }
      const r = text.trim() ? await send({ type: "lint", text }) : { diagnostics: [] };
      if (seq !== this.seq || !fields.has(this.el)) return;
      if (this.read().text !== text) return; // changed meanwhile: its own input event re-checks
      const ds = (r.diagnostics || []).filter((d) => rules[d.rule] && rules[d.rule].scope !== "ad" && d.span.end > d.span.start);
      const map = byteToUtf16(text, ds.flatMap((d) => [d.span.start, d.span.end]));
      this.found = ds.map((d) => ({ d, s: map.get(d.span.start), e: map.get(d.span.end) }));
      this.checked = text;
      this.draw();
      reportCount();
      if (popover.pending === this) { popover.pending = null; this.caretMoved(); }
    }

    // The caret (or a click) on a finding opens its popover.
    caretMoved() {
      if (!enabled || !this.found.length) return;
      let at;
      if (this.textarea) {
        if (this.doc.activeElement !== this.el) return;
        at = this.el.selectionStart;
      } else {
        const sel = this.doc.getSelection();
        if (!sel || !sel.rangeCount || !this.el.contains(sel.anchorNode)) return;
        at = offsetOf(this.read().segs, sel.anchorNode, sel.anchorOffset);
      }
      const f = this.found.find((x) => x.s <= at && at <= x.e);
      if (f) showPopover(this, f);
      else if (popover.field === this) hidePopover();
    }

    // Viewport rectangles of a text range [s, e) of the field, clipped to what is visible.
    rects(s, e, segs) {
      if (this.textarea) return this.textareaRects(s, e);
      segs = segs || this.read().segs;
      const a = pointAt(segs, s, true), b = pointAt(segs, e, false);
      if (!a || !b) return [];
      const range = this.doc.createRange();
      range.setStart(a[0], a[1]);
      range.setEnd(b[0], b[1]);
      const clip = this.el.getBoundingClientRect();
      return Array.from(range.getClientRects())
        .map((r) => { const x = intersect(r, clip); return x && toTop(this.win, x); })
        .filter(Boolean);
    }

    // The mirror: a copy of the textarea's text layout in the overlay, where a span around the
    // range gives its rectangles.
    textareaRects(s, e) {
      const el = this.el;
      const cs = this.win.getComputedStyle(el);
      let m = this.mirror;
      if (!m) {
        m = this.mirror = document.createElement("div");
        m.className = "mirror";
        overlay().append(m);
      }
      for (const p of ["fontFamily", "fontSize", "fontWeight", "fontStyle", "fontVariant", "fontStretch", "lineHeight",
        "letterSpacing", "wordSpacing", "textTransform", "textIndent", "tabSize", "textAlign", "direction",
        "paddingTop", "paddingRight", "paddingBottom", "paddingLeft", "wordBreak", "fontFeatureSettings", "fontKerning"]) {
        m.style[p] = cs[p];
      }
      m.style.whiteSpace = cs.whiteSpace === "pre" ? "pre" : "pre-wrap";
      m.style.overflowWrap = cs.overflowWrap === "normal" && cs.wordWrap !== "break-word" ? "normal" : "break-word";
      m.style.width = el.clientWidth + "px";
      const text = el.value;
      const mark = document.createElement("span");
      mark.textContent = text.slice(s, e);
      m.replaceChildren(document.createTextNode(text.slice(0, s)), mark, document.createTextNode(text.slice(e) + "\u200b"));
      const mr = m.getBoundingClientRect(), er = el.getBoundingClientRect();
      const ox = er.left + el.clientLeft - el.scrollLeft - mr.left;
      const oy = er.top + el.clientTop - el.scrollTop - mr.top;
      const clip = { left: er.left + el.clientLeft, top: er.top + el.clientTop, right: er.left + el.clientLeft + el.clientWidth, bottom: er.top + el.clientTop + el.clientHeight };
      return Array.from(mark.getClientRects())
        .map((r) => { const x = intersect({ left: r.left + ox, top: r.top + oy, right: r.right + ox, bottom: r.bottom + oy }, clip); return x && toTop(this.win, x); })
        .filter(Boolean);
    }

    draw() {
      const boxes = [];
      // The text changed without an input event (set by the page's script): check it again.
      if (this.found.length && this.checked !== null && this.read().text !== this.checked) {
        this.found = [];
        clearTimeout(this.timer);
        this.timer = setTimeout(() => this.check(), 250);
      }
      const visible = enabled && this.el.isConnected && (!this.frame || this.frame.isConnected);
      if (visible && this.found.length) {
        const segs = this.textarea ? null : this.read().segs;
        for (const f of this.found) {
          const cls = CATEGORY[(rules[f.d.rule] || {}).category] || "koen";
          for (const r of this.rects(f.s, f.e, segs)) {
            const b = document.createElement("div");
            b.className = "mark c-" + cls;
            b.dataset.rule = f.d.rule;
            b.dataset.text = f.d.text;
            b.style.left = r.left + "px";
            b.style.top = r.top + "px";
            b.style.width = r.right - r.left + "px";
            b.style.height = r.bottom - r.top + "px";
            boxes.push(b);
          }
        }
      }
      this.layer.replaceChildren(...boxes);
      if (popover.field === this && popover.found) placePopover();
    }

    // Apply suggestion k of finding f: select the finding in the field and insert the
    // replacement as the user would type it.
    apply(f, k) {
      const now = this.read();
      if (now.text !== this.checked) { this.check(); return false; }
      const rep = f.d.suggestions[k];
      const doc = this.doc;
      let done = false;
      if (this.textarea) {
        const el = this.el;
        const want = now.text.slice(0, f.s) + rep + now.text.slice(f.e);
        el.focus();
        el.setSelectionRange(f.s, f.e);
        try { done = doc.execCommand("insertText", false, rep); } catch (_) { done = false; }
        if (!done && el.value === now.text) {
          // No editing command: the native setter and an input
          // event, which a React-controlled textarea's value tracker also notices.
          const setter = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, "value").set;
          setter.call(el, want);
          el.setSelectionRange(f.s + rep.length, f.s + rep.length);
          el.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertReplacementText", data: rep }));
        }
      } else {
        const a = pointAt(now.segs, f.s, true), b = pointAt(now.segs, f.e, false);
        if (!a || !b) return false;
        const range = doc.createRange();
        range.setStart(a[0], a[1]);
        range.setEnd(b[0], b[1]);
        if (this.frame) this.win.focus();
        this.el.focus({ preventScroll: true });
        const sel = doc.getSelection();
        sel.removeAllRanges();
        sel.addRange(range);
        // 1. Editors that keep a model (ProseMirror, CKEditor 5, Lexical) take a replacement
        // from beforeinput and apply it themselves (the browser sends none for execCommand).
        const StaticRangeOf = this.win.StaticRange || StaticRange;
        const target = new StaticRangeOf({ startContainer: a[0], startOffset: a[1], endContainer: b[0], endOffset: b[1] });
        const InputEventOf = this.win.InputEvent || InputEvent;
        const ev = new InputEventOf("beforeinput", { bubbles: true, cancelable: true, composed: true, inputType: "insertReplacementText", data: rep, targetRanges: [target] });
        const handled = !this.el.dispatchEvent(ev);
        if (!handled) {
          // 2. The browser's editing command on the selection: a DOM change with an input
          // event that editors reading the DOM (TinyMCE, Quill, plain forms) follow, and undo.
          if (!sel.rangeCount) sel.addRange(range);
          try { done = doc.execCommand("insertText", false, rep); } catch (_) { done = false; }
          if (!done && this.read().text === now.text) {
            // 3. By hand, with the input event the page listens to.
            range.deleteContents();
            range.insertNode(doc.createTextNode(rep));
            this.el.dispatchEvent(new InputEventOf("input", { bubbles: true, inputType: "insertReplacementText", data: rep }));
          }
        }
      }
      // On to whatever the text is now (the input event re-checks too; this is for editors
      // that swallow it).
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.check(), 50);
      return true;
    }

    detach() {
      this.el.removeEventListener("input", this.onInput);
      this.el.removeEventListener("click", this.onPoint);
      this.el.removeEventListener("keyup", this.onKey);
      this.ro.disconnect();
      clearTimeout(this.timer);
      this.layer.remove();
      if (this.mirror) this.mirror.remove();
      if (popover.field === this) hidePopover();
    }
  }

  // A rectangle in the viewport of a (same-origin) frame's document, in ours: shifted by each
  // frame's content box and clipped to it on the way up.
  function toTop(win, rect) {
    while (rect && win && win !== window) {
      const fe = win.frameElement;
      if (!fe) return null;
      const fr = fe.getBoundingClientRect();
      const cs = fe.ownerDocument.defaultView.getComputedStyle(fe);
      const pl = parseFloat(cs.paddingLeft), pt = parseFloat(cs.paddingTop);
      const x = fr.left + fe.clientLeft + pl, y = fr.top + fe.clientTop + pt;
      const w = fe.clientWidth - pl - parseFloat(cs.paddingRight), h = fe.clientHeight - pt - parseFloat(cs.paddingBottom);
      rect = intersect({ left: rect.left + x, top: rect.top + y, right: rect.right + x, bottom: rect.bottom + y },
        { left: x, top: y, right: x + w, bottom: y + h });
      win = win.parent;
    }
    return rect;
  }

  function intersect(a, b) {
    const r = { left: Math.max(a.left, b.left), top: Math.max(a.top, b.top), right: Math.min(a.right, b.right), bottom: Math.min(a.bottom, b.bottom) };
    return r.right > r.left && r.bottom > r.top ? r : null;
  }

  // ---------------------------------------------------------------- overlay
  let host = null, shadow = null;
  const CSS = `
    :host { all: initial; }
    .root { position: fixed; left: 0; top: 0; width: 0; height: 0; overflow: visible; pointer-events: none; z-index: 2147483647; }
    .mark { position: fixed; box-sizing: border-box; border-radius: 2px; pointer-events: none; }
    .c-koen { background: rgba(255, 170, 70, .28); border-bottom: 2px solid #9a4a00; }
    .c-diskr { background: rgba(255, 90, 90, .25); border-bottom: 3px double #a5001c; }
    .c-pron { background: rgba(255, 215, 0, .28); border-bottom: 2px dotted #6b5300; }
    .c-mask { background: rgba(80, 140, 255, .22); border-bottom: 2px dashed #1f4fa3; }
    .c-fem { background: rgba(200, 100, 220, .22); border-bottom: 2px dotted #7a2a8f; }
    .mirror { position: fixed; left: -100000px; top: 0; visibility: hidden; box-sizing: border-box; border: 0; margin: 0; }
    .pop { position: fixed; pointer-events: auto; box-sizing: border-box; width: min(380px, calc(100vw - 16px)); max-height: min(420px, calc(100vh - 16px)); overflow: auto;
      background: #fff; color: #1d1d1f; border: 1px solid #9aa1a9; border-radius: 10px; box-shadow: 0 6px 24px rgba(0,0,0,.18);
      padding: 12px 14px; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; text-align: left; }
    .pop[hidden] { display: none; }
    .pop p { margin: 6px 0; }
    .pop .head { display: flex; gap: 8px; align-items: baseline; margin: 0 0 4px; }
    .pop .label { font-size: 12px; font-weight: 700; padding: 1px 7px; border-radius: 999px; border: 1px solid currentColor; white-space: nowrap; color: #9a4a00; }
    .pop .label.c-diskr { color: #a5001c; } .pop .label.c-pron { color: #6b5300; } .pop .label.c-mask { color: #1f4fa3; } .pop .label.c-fem { color: #7a2a8f; }
    .pop .label { background: none; border-bottom-width: 1px; }
    .pop .quote { font-weight: 700; flex: 1; }
    .pop .close { border: 0; background: none; font-size: 18px; line-height: 1; cursor: pointer; color: #55595f; padding: 0 2px; }
    .pop .note { color: #55595f; font-size: 13px; }
    .pop .alts { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 8px; }
    .pop .alts button { font: inherit; cursor: pointer; border-radius: 8px; border: 1px solid #2f6b3b; background: #eef6f0; color: #1d4a27; padding: 5px 10px; }
    .pop .alts button:focus-visible, .pop .close:focus-visible { outline: 3px solid #0b57d0; outline-offset: 2px; }
    .pop details { margin-top: 8px; font-size: 13px; }
    .pop details pre { white-space: pre-wrap; font: inherit; margin: 6px 0 0; max-height: 200px; overflow: auto; }
    .pop .brand { color: #55595f; font-size: 11px; margin-top: 8px; }
  `;
  function overlay() {
    if (!host || !host.isConnected) {
      host = document.createElement("biasvask-overlay");
      host.style.cssText = "all: initial; position: fixed; left: 0; top: 0; width: 0; height: 0; z-index: 2147483647;";
      shadow = host.attachShadow({ mode: "open" });
      const style = document.createElement("style");
      style.textContent = CSS;
      const root = document.createElement("div");
      root.className = "root";
      shadow.append(style, root);
      (document.documentElement || document).append(host);
      for (const f of fields.values()) { root.append(f.layer); if (f.mirror) root.append(f.mirror); }
      popover.el = null;
    }
    return shadow.querySelector(".root");
  }

  // ---------------------------------------------------------------- popover
  const popover = { el: null, field: null, found: null, pending: null };

  function el(tag, attrs, ...kids) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") e.className = v;
      else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v);
    }
    for (const k of kids) if (k != null) e.append(k);
    return e;
  }

  function showPopover(field, f) {
    const root = overlay();
    if (popover.field === field && popover.found === f && popover.el && !popover.el.hidden) return;
    if (!popover.el) {
      popover.el = el("div", { class: "pop", role: "dialog", "aria-label": "biasvask" });
      popover.el.addEventListener("keydown", (e) => {
        if (e.key !== "Escape" || !popover.field) return;
        const f = popover.field;
        hidePopover();
        f.el.focus();
      });
      root.append(popover.el);
    }
    popover.field = field;
    popover.found = f;
    const d = f.d;
    const info = rules[d.rule] || {};
    const cls = CATEGORY[info.category] || "koen";
    const alts = el("div", { class: "alts", role: "group", "aria-label": "Forslag til «" + d.text + "»" });
    const unsafe = d.applicability === "unsafe";
    d.suggestions.forEach((s, k) => {
      const b = el("button", { type: "button", class: "alt", "data-suggestion": s }, "Brug «" + s + "»" + (unsafe ? " (usikkert)" : ""));
      // Keep the focus (and the caret) in the field while clicking.
      b.addEventListener("mousedown", (e) => e.preventDefault());
      b.addEventListener("click", () => {
        hidePopover();
        field.apply(f, k);
      });
      alts.append(b);
    });
    const more = el("details", {}, el("summary", {}, "Mere om reglen"));
    more.addEventListener("toggle", async () => {
      if (!more.open || more.dataset.loaded) return;
      more.dataset.loaded = "1";
      const r = await send({ type: "explain", rule: d.rule });
      more.append(el("pre", {}, (r.doc || "").replace(/^#+ /gm, "")));
    }, { once: false });
    const close = el("button", { type: "button", class: "close", "aria-label": "Luk" }, "×");
    close.addEventListener("mousedown", (e) => e.preventDefault());
    close.addEventListener("click", () => hidePopover());
    popover.el.replaceChildren(...[
      el("p", { class: "head" }, el("span", { class: "label c-" + cls }, info.label || d.rule), el("span", { class: "quote" }, "«" + d.text + "»"), close),
      el("p", { class: "message" }, d.message),
      info.summary ? el("p", { class: "explanation note" }, info.summary) : null,
      d.note ? el("p", { class: "note source" }, d.note) : null,
      d.suggestions.length ? alts : el("p", { class: "note" }, "Ingen direkte erstatning: omformulér sætningen."),
      unsafe ? el("p", { class: "note" }, "Usikkert forslag: betydningen kan skifte. Læs sætningen igen, før du bruger det.") : null,
      more,
      el("p", { class: "brand" }, "biasvask · tjekket lokalt i browseren · Alt+↓ til forslagene, Esc lukker")].filter(Boolean));
    popover.el.hidden = false;
    placePopover();
  }

  function placePopover() {
    const p = popover.el;
    if (!p || !popover.field) return;
    const rs = popover.field.rects(popover.found.s, popover.found.e);
    if (!rs.length) { p.hidden = true; return; }
    p.hidden = false;
    const r = rs[0];
    // Below the mark, or above it when there is more room there; never off the screen.
    const below = window.innerHeight - r.bottom - 14, above = r.top - 14;
    p.style.maxHeight = "";
    const full = p.offsetHeight, w = p.offsetWidth;
    const under = full <= below || below >= above;
    const h = Math.min(full, Math.max(120, under ? below : above));
    p.style.maxHeight = h + "px";
    const left = Math.min(Math.max(8, r.left), window.innerWidth - w - 8);
    const top = under ? r.bottom + 6 : r.top - 6 - h;
    p.style.left = Math.max(8, left) + "px";
    p.style.top = Math.max(8, top) + "px";
  }

  function hidePopover(onlyFor) {
    if (onlyFor && popover.field !== onlyFor) return;
    if (popover.el) popover.el.hidden = true;
    popover.field = null;
    popover.found = null;
  }

  // ---------------------------------------------------------------- discovery
  function editingHost(n) {
    let e = n && n.nodeType === 1 ? n : n && n.parentElement;
    if (!e || !e.isContentEditable) return null;
    while (e.parentElement && e.parentElement.isContentEditable) e = e.parentElement;
    return e;
  }

  function usable(e) {
    if (e === host) return false;
    if (e.tagName === "TEXTAREA" && (e.readOnly || e.disabled)) return false;
    const r = e.getBoundingClientRect();
    return r.width > 20 && r.height > 10;
  }

  function attach(e, frame) {
    if (fields.has(e) || !usable(e)) return;
    fields.set(e, new Field(e, frame));
  }

  const watched = new WeakSet();
  function watchDoc(doc, frame) {
    if (watched.has(doc)) return;
    watched.add(doc);
    new MutationObserver(() => scanSoon()).observe(doc.documentElement || doc, {
      childList: true, subtree: true, attributes: true, attributeFilter: ["contenteditable", "style", "class", "hidden"],
    });
    doc.addEventListener("focusin", (e) => {
      if (!enabled) return;
      const t = e.target;
      if (t.tagName === "TEXTAREA") attach(t, frame);
      else { const h = editingHost(t); if (h) attach(h, frame); }
    }, true);
    doc.addEventListener("scroll", schedule, true);
    if (frame) doc.defaultView.addEventListener("resize", schedule);
  }

  function scanDoc(doc, frame) {
    watchDoc(doc, frame);
    for (const t of doc.querySelectorAll("textarea")) attach(t, frame);
    if (doc.designMode === "on" && doc.body) attach(doc.body, frame);
    for (const e of doc.querySelectorAll("[contenteditable]")) {
      const h = editingHost(e);
      if (h) attach(h, frame);
    }
    // Same-origin iframes (with a document of their own, or one their parent wrote, as
    // TinyMCE does) are served from here; cross-origin ones by their own content script.
    for (const f of doc.querySelectorAll("iframe, frame")) {
      let d = null;
      try { d = f.contentDocument; } catch (_) { d = null; }
      if (!d) continue;
      if (!watched.has(f)) {
        watched.add(f);
        f.addEventListener("load", scanSoon);
      }
      if (d.documentElement) scanDoc(d, f);
    }
  }

  let scanTimer = 0;
  function scanSoon() {
    if (!enabled || scanTimer) return;
    scanTimer = setTimeout(() => { scanTimer = 0; scan(); }, 200);
  }
  function scan() {
    if (!enabled) return;
    for (const [e, f] of fields) {
      if (!e.isConnected || (f.frame && !f.frame.isConnected) || (f.frame && f.frame.contentDocument !== f.doc)) {
        f.detach();
        fields.delete(e);
      }
    }
    scanDoc(document, null);
    reportCount();
  }

  let raf = 0;
  function schedule() {
    if (raf) return;
    raf = requestAnimationFrame(() => {
      raf = 0;
      for (const f of fields.values()) f.draw();
    });
  }
  window.addEventListener("resize", schedule);

  // ---------------------------------------------------------------- count, switch
  let lastCount = -1, first = true;
  function count() {
    let n = 0;
    if (enabled) for (const f of fields.values()) n += f.found.length;
    return n;
  }
  function reportCount() {
    const n = count();
    if (n === lastCount && !first) return;
    lastCount = n;
    send({ type: "count", count: n, reset: first && isTop });
    first = false;
  }
  window.addEventListener("pagehide", () => send({ type: "count", count: 0 }));
  window.addEventListener("pageshow", (e) => {
    if (e.persisted) { lastCount = -1; reportCount(); } // back from the back/forward cache
  });

  function setEnabled(on) {
    if (on === enabled) return;
    enabled = on;
    if (on) {
      scan();
    } else {
      for (const f of fields.values()) f.detach();
      fields.clear();
      hidePopover();
      if (host) host.remove();
      host = null;
      reportCount();
    }
  }

  // The popup asks the top frame of the tab for its site and count.
  api.runtime.onMessage.addListener((msg, _sender, reply) => {
    if (msg && msg.type === "state" && isTop) {
      reply({ site, enabled, count: count() });
    }
  });

  const KEY = "disabledSites";
  api.storage.onChanged.addListener((changes, area) => {
    if (area === "local" && changes[KEY]) setEnabled(!(changes[KEY].newValue || {})[site]);
  });
  Promise.resolve(api.storage.local.get(KEY)).catch(() => ({})).then((got) => {
    const off = ((got && got[KEY]) || {})[site];
    if (off) reportCount();
    else setEnabled(true);
  });
})();
