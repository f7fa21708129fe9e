// The popup: the tab's count (the badge as the browser shows it) and the per-site switch,
// stored in storage.local as { disabledSites: { host: true } } and read by the content script.
// Opened as a page with ?tab=ID it shows that tab (keyboard users, tests).
"use strict";
(async () => {
  const api = typeof browser !== "undefined" ? browser : chrome;
  const $ = (id) => document.getElementById(id);
  const KEY = "disabledSites";
  const q = new URLSearchParams(location.search).get("tab");
  let tabId = q ? Number(q) : null;
  if (tabId === null) {
    const [tab] = await api.tabs.query({ active: true, currentWindow: true });
    tabId = tab ? tab.id : null;
  }
  let state = null;
  try {
    state = await api.tabs.sendMessage(tabId, { type: "state" }, { frameId: 0 });
  } catch (_) {
    state = null;
  }
  if (!state || !state.site) {
    $("count").textContent = "biasvask tjekker ikke denne side.";
    $("hint").textContent = "Udvidelsen læser kun almindelige websider (http og https).";
    return;
  }
  async function showCount() {
    const b = await api.runtime.sendMessage({ type: "badge", tabId });
    const n = b && b.text ? Number(b.text) : 0;
    $("count").textContent = n === 0 ? "Ingen fund på siden." : n === 1 ? "1 fund på siden." : n + " fund på siden.";
    $("count").dataset.badge = (b && b.text) || "";
  }
  $("site").textContent = state.site;
  const got = await api.storage.local.get(KEY);
  const off = (got && got[KEY]) || {};
  $("enabled").checked = !off[state.site];
  // Shown only once it holds the stored state: before, it showed the page default for a moment.
  $("switch-row").hidden = false;
  $("enabled").addEventListener("change", async () => {
    const cur = ((await api.storage.local.get(KEY))[KEY]) || {};
    if ($("enabled").checked) delete cur[state.site];
    else cur[state.site] = true;
    await api.storage.local.set({ [KEY]: cur });
    setTimeout(showCount, 300);
  });
  await showCount();
  api.storage.onChanged.addListener(() => setTimeout(showCount, 300));
})();
