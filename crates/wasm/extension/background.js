// The extension's background: the engine (the WebAssembly core in biasvask-engine.js, built by
// scripts/build-web) and the badge. Content scripts send it the text of a field and get the
// findings back; nothing leaves the browser.
//
// Chromium runs this file as the MV3 service worker (it loads the engine with importScripts);
// Firefox runs manifest.background.scripts, the engine first, then this file.
"use strict";
if (typeof biasvaskLocal === "undefined" && typeof importScripts === "function") {
  importScripts("biasvask-engine.js");
}
const api = typeof browser !== "undefined" ? browser : chrome;
const engine = self.biasvaskLocal;

// Findings per tab and frame: { [tabId]: { [frameId]: count } }. Kept in storage.session too,
// because a service worker is stopped when idle and its memory goes with it.
let counts = null;
async function loadCounts() {
  if (counts) return counts;
  try {
    const got = api.storage.session ? await api.storage.session.get("counts") : {};
    counts = (got && got.counts) || {};
  } catch (_) {
    counts = {};
  }
  return counts;
}
function saveCounts() {
  if (api.storage.session) api.storage.session.set({ counts }).catch(() => {});
}

async function setBadge(tabId) {
  const c = await loadCounts();
  const frames = c[tabId] || {};
  const n = Object.values(frames).reduce((a, b) => a + b, 0);
  await api.action.setBadgeText({ tabId, text: n > 0 ? String(n) : "" });
  if (n > 0) await api.action.setBadgeBackgroundColor({ tabId, color: "#9a4a00" });
}

// The catalog and the rule docs do not change: computed once per start.
let catalog = null;

function handle(msg, sender) {
  const tabId = sender.tab ? sender.tab.id : undefined;
  switch (msg && msg.type) {
    case "lint": {
      const r = engine.check({ text: String(msg.text), format: "text", lang: "da" });
      return Promise.resolve({ diagnostics: r.diagnostics });
    }
    case "catalog":
      if (!catalog) catalog = engine.catalog("da").rules;
      return Promise.resolve({ rules: catalog });
    case "explain":
      return Promise.resolve({ doc: engine.explain(String(msg.rule), "da") });
    case "count":
      if (tabId === undefined) return Promise.resolve({});
      return loadCounts().then(async (c) => {
        if (msg.reset) c[tabId] = {};
        const frames = (c[tabId] = c[tabId] || {});
        frames[sender.frameId || 0] = Math.max(0, msg.count | 0);
        saveCounts();
        await setBadge(tabId);
        return {};
      });
    case "badge":
      // The popup reads the badge as the browser shows it.
      return api.action.getBadgeText({ tabId: msg.tabId }).then((text) => ({ text }));
    case "tabs":
      // Tabs with a content script that reported, and their counts (the popup, tests).
      return loadCounts().then((c) => ({ tabs: Object.keys(c).map(Number) }));
    default:
      return Promise.resolve({ error: "unknown message" });
  }
}

api.runtime.onMessage.addListener((msg, sender, reply) => {
  let p;
  try {
    p = handle(msg, sender);
  } catch (e) {
    p = Promise.resolve({ error: String(e && e.message ? e.message : e) });
  }
  p.then(reply, (e) => reply({ error: String(e && e.message ? e.message : e) }));
  return true; // the reply comes asynchronously
});

// A closed tab's counts are dropped (a new page's top frame resets them with its first count).
api.tabs.onRemoved.addListener((tabId) => {
  loadCounts().then((c) => {
    delete c[tabId];
    saveCounts();
  });
});
