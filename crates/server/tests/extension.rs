//! Browser test of the extension (issue 10 § 4) in real Chromium: the unpacked extension built
//! by `scripts/build-web` (`target/web/extension/`) is loaded into headless Chromium (new
//! headless: the old one loads no extensions), driven over WebDriver (chromedriver +
//! fantoccini), on four local pages served by the test from `tests/extension/`:
//!
//! - `textarea.html`: a plain `<textarea>` with the page's own input listener;
//! - `editable.html`: a model-driven contenteditable editor (as ProseMirror and CKEditor 5:
//!   the DOM is rendered from a model, and a change reaches the model only through beforeinput);
//! - `iframe.html`: an editor as TinyMCE makes it: a same-origin iframe whose body is
//!   contenteditable, its content copied back into the form's hidden textarea on input;
//! - `react.html`: a React-controlled textarea (React 18 from npm, `tests/extension/package.json`,
//!   installed by `scripts/test`).
//!
//! On each: the ad goes in as a recruiter puts it there (typed, pasted or already in the
//! editor), the overlay marks the finding without changing the page's content, a real click on
//! the mark (WebDriver pointer actions at the mark's centre: a misplaced mark would put the caret
//! elsewhere) opens the popover with the message, the explanation and the suggestions, a real
//! click on a suggestion applies it, and the test checks the field's content AND the page's or
//! framework's state (the page's last input event, the editor's model, the editor's content
//! and hidden textarea, React's state). Then the badge (read through the popup, which shows
//! what `chrome.action.getBadgeText` says) and the per-site switch.
//!
//! Skips with a notice when Chromium, chromedriver, the extension build or React is missing,
//! unless `BIASVASK_REQUIRE_BROWSER=1` or `BIASVASK_REQUIRE_WEB=1` (scripts/test sets both),
//! where it fails. Screenshots: `target/e2e/extension-*.png`.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::actions::{InputSource, MouseActions, PointerAction, MOUSE_BUTTON_LEFT};
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};

fn tool(env: &str, default: &str) -> Option<PathBuf> {
    let p = std::env::var_os(env)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(default));
    p.is_file().then_some(p)
}

fn env_is(name: &str) -> bool {
    std::env::var(name).is_ok_and(|v| v == "1")
}

/// Kills chromedriver when the test ends, also on panic.
struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target"))
}

fn out_dir() -> PathBuf {
    let dir = target_dir().join("e2e");
    std::fs::create_dir_all(&dir).expect("create target/e2e");
    dir
}

fn pages_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/extension")
}

/// Poll `f` until it gives `Some`, for at most `secs` seconds.
async fn wait_for<T, F, Fut>(secs: u64, what: &str, mut f: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let deadline = tokio::time::Instant::now() + Duration::from_secs(secs);
    loop {
        if let Some(v) = f().await {
            return v;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "timed out waiting for {what}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn js(c: &Client, script: &str) -> Value {
    c.execute(script, vec![])
        .await
        .unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
}

async fn screenshot(c: &Client, name: &str) {
    let png = c.screenshot().await.expect("screenshot");
    let path = out_dir().join(name);
    std::fs::write(&path, png).expect("write screenshot");
    eprintln!("screenshot: {}", path.display());
}

/// A real click (pointer move, down, up) at a point of the viewport.
async fn click_at(c: &Client, x: f64, y: f64) {
    let mouse = MouseActions::new("mouse".into())
        .then(PointerAction::MoveTo {
            duration: None,
            x: x.round(),
            y: y.round(),
        })
        .then(PointerAction::Down {
            button: MOUSE_BUTTON_LEFT,
        })
        .then(PointerAction::Up {
            button: MOUSE_BUTTON_LEFT,
        });
    c.perform_actions(mouse).await.expect("click");
    c.release_actions().await.expect("release");
}

/// The marks in the extension's overlay: (rule, text, centre x, centre y).
async fn marks(c: &Client) -> Vec<(String, String, f64, f64)> {
    let v = js(
        c,
        "const h = document.querySelector('biasvask-overlay'); if (!h || !h.shadowRoot) return [];
         return Array.from(h.shadowRoot.querySelectorAll('.mark')).map(m => { const r = m.getBoundingClientRect();
           return [m.dataset.rule, m.dataset.text, r.left + r.width / 2, r.top + r.height / 2]; });",
    )
    .await;
    v.as_array()
        .into_iter()
        .flatten()
        .map(|m| {
            (
                m[0].as_str().unwrap_or("").to_string(),
                m[1].as_str().unwrap_or("").to_string(),
                m[2].as_f64().unwrap_or(0.0),
                m[3].as_f64().unwrap_or(0.0),
            )
        })
        .collect()
}

/// The open popover: its texts and its suggestion buttons with their centres.
async fn popover(c: &Client) -> Option<Value> {
    let v = js(
        c,
        "const h = document.querySelector('biasvask-overlay'); const p = h && h.shadowRoot.querySelector('.pop');
         if (!p || p.hidden) return null;
         const t = (s) => { const e = p.querySelector(s); return e ? e.textContent : null; };
         return { quote: t('.quote'), label: t('.label'), message: t('.message'), explanation: t('.explanation'),
           buttons: Array.from(p.querySelectorAll('button.alt')).map(b => { const r = b.getBoundingClientRect();
             return { text: b.textContent, suggestion: b.dataset.suggestion, x: r.left + r.width / 2, y: r.top + r.height / 2 }; }) };",
    )
    .await;
    (!v.is_null()).then_some(v)
}

/// Serves the test pages, and React's UMD build under /vendor/.
async fn serve_pages(listener: tokio::net::TcpListener, react: Option<PathBuf>) {
    let pages = pages_dir();
    let app = axum::Router::new().fallback(move |uri: axum::http::Uri| {
        let pages = pages.clone();
        let react = react.clone();
        async move {
            let path = uri.path().trim_start_matches('/');
            let file = match path.strip_prefix("vendor/") {
                Some(name) => react.and_then(|r| {
                    let pkg = if name.starts_with("react-dom") {
                        "react-dom"
                    } else {
                        "react"
                    };
                    let f = r.join(pkg).join("umd").join(name);
                    (!name.contains('/')).then_some(f)
                }),
                None if !path.contains('/') && path.ends_with(".html") => Some(pages.join(path)),
                None => None,
            };
            let body = file.and_then(|f| std::fs::read(f).ok());
            let ctype = if path.ends_with(".js") {
                "text/javascript; charset=utf-8"
            } else {
                "text/html; charset=utf-8"
            };
            match body {
                Some(b) => axum::response::Response::builder()
                    .header("content-type", ctype)
                    .body(axum::body::Body::from(b))
                    .expect("response"),
                None => axum::response::Response::builder()
                    .status(404)
                    .body(axum::body::Body::from("not found"))
                    .expect("response"),
            }
        }
    });
    axum::serve(listener, app).await.expect("serve pages");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn extension_marks_explains_and_fixes_in_four_editors() {
    let required = env_is("BIASVASK_REQUIRE_BROWSER") || env_is("BIASVASK_REQUIRE_WEB");
    let (Some(chromium), Some(chromedriver)) = (
        tool("BIASVASK_CHROMIUM", "/usr/bin/chromium"),
        tool("BIASVASK_CHROMEDRIVER", "/usr/bin/chromedriver"),
    ) else {
        assert!(!required, "BIASVASK_REQUIRE_BROWSER=1 but chromium or chromedriver is missing (apt-get install chromium chromium-driver)");
        eprintln!("NOTICE: extension test skipped: chromium or chromedriver not found");
        return;
    };
    let ext = target_dir().join("web/extension");
    if !ext.join("manifest.json").is_file() || !ext.join("biasvask-engine.js").is_file() {
        assert!(
            !required,
            "the extension is not built: {} (run scripts/build-web)",
            ext.display()
        );
        eprintln!("NOTICE: extension test skipped: run scripts/build-web first");
        return;
    }
    let ext = ext.canonicalize().expect("extension dir");
    let react = pages_dir().join("node_modules");
    let react = if react.join("react/umd/react.production.min.js").is_file()
        && react
            .join("react-dom/umd/react-dom.production.min.js")
            .is_file()
    {
        Some(react)
    } else {
        assert!(
            !required,
            "React is not installed for the test pages: run npm ci in crates/server/tests/extension"
        );
        eprintln!("NOTICE: React not installed (npm ci in crates/server/tests/extension): the React page is skipped");
        None
    };

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    let server = tokio::spawn(serve_pages(listener, react.clone()));

    let port = free_port();
    let _driver = Driver(
        Command::new(&chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver"),
    );
    let profile = tempfile::tempdir().expect("profile dir");
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        json!({
            "binary": chromium,
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--hide-scrollbars", "--window-size=900,760", "--force-device-scale-factor=1",
                "--disable-features=DisableLoadExtensionCommandLineSwitch",
                format!("--disable-extensions-except={}", ext.display()),
                format!("--load-extension={}", ext.display()),
                format!("--user-data-dir={}", profile.path().display()),
            ],
        }),
    );
    let webdriver = format!("http://127.0.0.1:{port}");
    let c = wait_for(20, "chromedriver", || {
        let caps = caps.clone();
        let webdriver = webdriver.clone();
        async move {
            ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
                .capabilities(caps)
                .connect(&webdriver)
                .await
                .ok()
        }
    })
    .await;

    let steps = {
        let c = c.clone();
        let ext = ext.clone();
        tokio::spawn(async move {
            let id = extension_id(&c, &ext).await;
            textarea_page(&c, &base, &id).await;
            editable_page(&c, &base).await;
            iframe_page(&c, &base).await;
            if react.is_some() {
                react_page(&c, &base).await;
            }
        })
    };
    let result = steps.await;
    let _ = c.close().await;
    server.abort();
    if let Err(e) = result {
        if e.is_panic() {
            std::panic::resume_unwind(e.into_panic());
        }
        panic!("extension steps failed: {e}");
    }
}

/// The id Chromium gave the unpacked extension, from chrome://extensions-internals (a JSON
/// list of the installed extensions with their paths).
async fn extension_id(c: &Client, ext: &Path) -> String {
    c.goto("chrome://extensions-internals")
        .await
        .expect("open chrome://extensions-internals");
    let list = wait_for(10, "the extension list", || async {
        let t = js(c, "return document.body ? document.body.innerText : ''").await;
        serde_json::from_str::<Value>(t.as_str().unwrap_or("")).ok()
    })
    .await;
    let want = ext.display().to_string();
    let found = list.as_array().into_iter().flatten().find(|e| {
        e["path"]
            .as_str()
            .is_some_and(|p| p.trim_end_matches('/') == want.trim_end_matches('/'))
    });
    let found = found.unwrap_or_else(|| panic!("the extension is not loaded: {list}"));
    // What Chromium granted: storage, and scripts on the pages it reads; no other host, no API.
    let granted = &found["permissions"]["active"];
    assert_eq!(granted["api"], json!(["storage"]), "{found}");
    assert_eq!(granted["explicit_hosts"], json!([]), "{found}");
    assert_eq!(
        granted["scriptable_hosts"],
        json!(["http://*/*", "https://*/*"]),
        "{found}"
    );
    found["id"].as_str().expect("id").to_string()
}

/// Wait for the overlay to mark `word`, and give its centre.
async fn mark_of(c: &Client, word: &str) -> (String, f64, f64) {
    wait_for(15, &format!("a mark on «{word}»"), || async {
        marks(c)
            .await
            .into_iter()
            .find(|m| m.1 == word)
            .map(|m| (m.0, m.2, m.3))
    })
    .await
}

/// Click the mark on `word`, check the popover, and give it.
async fn open_popover(c: &Client, word: &str, rule: &str) -> Value {
    let (r, x, y) = mark_of(c, word).await;
    assert_eq!(r, rule);
    click_at(c, x, y).await;
    let p = wait_for(10, &format!("the popover of «{word}»"), || async {
        popover(c)
            .await
            .filter(|p| p["quote"] == format!("«{word}»"))
    })
    .await;
    assert!(
        p["message"].as_str().unwrap_or("").contains(word),
        "the message names the word: {p}"
    );
    // The explanation is the rule's summary from the engine's registry.
    assert!(
        p["explanation"]
            .as_str()
            .is_some_and(|e| e.starts_with("Finder")),
        "{p}"
    );
    assert_eq!(p["label"], "Kønnet ord", "{p}");
    assert!(
        p["buttons"].as_array().is_some_and(|b| !b.is_empty()),
        "{p}"
    );
    p
}

/// Click suggestion `k` of the open popover; gives the suggestion.
async fn apply(c: &Client, p: &Value, k: usize) -> String {
    let b = &p["buttons"][k];
    let s = b["suggestion"].as_str().expect("a suggestion").to_string();
    assert_eq!(b["text"].as_str(), Some(format!("Brug «{s}»").as_str()));
    click_at(c, b["x"].as_f64().unwrap(), b["y"].as_f64().unwrap()).await;
    s
}

/// The badge of the tab the page is in, as the popup shows it (chrome.action.getBadgeText).
async fn badge(c: &Client, id: &str) -> String {
    let page = c.window().await.expect("window");
    c.new_window(true).await.expect("new tab");
    let handles = c.windows().await.expect("windows");
    let popup = handles
        .iter()
        .find(|h| **h != page)
        .cloned()
        .expect("the new tab");
    c.switch_to_window(popup.clone()).await.expect("switch");
    c.goto(&format!("chrome-extension://{id}/popup.html"))
        .await
        .expect("open the popup page");
    let tabs = wait_for(10, "the tabs the background knows", || async {
        let v = c
            .execute_async(
                "const done = arguments[arguments.length - 1]; chrome.runtime.sendMessage({type: 'tabs'}, (r) => done(r.tabs));",
                vec![],
            )
            .await
            .ok()?;
        v.as_array().filter(|a| !a.is_empty()).cloned()
    })
    .await;
    assert_eq!(tabs.len(), 1, "one page tab: {tabs:?}");
    c.goto(&format!(
        "chrome-extension://{id}/popup.html?tab={}",
        tabs[0]
    ))
    .await
    .expect("open the popup for the page's tab");
    let text = wait_for(10, "the popup's count", || async {
        let v = js(c, "const e = document.getElementById('count'); return e.dataset.badge !== undefined ? [e.dataset.badge, e.textContent] : null;").await;
        (!v.is_null()).then_some(v)
    })
    .await;
    c.close_window().await.expect("close the popup tab");
    c.switch_to_window(page).await.expect("back to the page");
    assert!(text[1].as_str().unwrap_or("").contains("fund"), "{text}");
    text[0].as_str().unwrap_or("").to_string()
}

const TYPED: &str = "Vi søger en dygtig formand til vores lager.";

async fn textarea_page(c: &Client, base: &str, id: &str) {
    c.goto(&format!("{base}/textarea.html"))
        .await
        .expect("open textarea.html");
    // Pasted (one input event; WebDriver cannot type an emoji): an emoji and æøå before the
    // findings, so UTF-8 and UTF-16 offsets would differ if mixed up.
    let ad = "😀 Århus: Vi søger en dygtig formand til vores lager.\nVores rengøringsdame hjælper.";
    c.execute(
        "const t = document.getElementById('ad'); t.focus(); t.value = arguments[0]; t.dispatchEvent(new InputEvent('input', {bubbles: true, inputType: 'insertFromPaste'}));",
        vec![json!(ad)],
    )
    .await
    .expect("paste");
    mark_of(c, "formand").await;
    mark_of(c, "rengøringsdame").await;
    // The overlay changed nothing in the page: same value, no element added but its host.
    let page = js(c, "return [document.getElementById('ad').value, Array.from(document.body.querySelectorAll('*')).map(e => e.tagName).join(','), document.documentElement.lastElementChild.tagName];").await;
    assert_eq!(page[0], ad);
    assert_eq!(page[1], "H1,FORM,LABEL,TEXTAREA,SCRIPT", "{page}");
    assert_eq!(page[2], "BIASVASK-OVERLAY", "{page}");
    wait_for(10, "the badge with two findings", || async {
        (badge(c, id).await == "2").then_some(())
    })
    .await;

    // The word on the second line, after the emoji: the click lands in it (the caret says so).
    let p = open_popover(c, "rengøringsdame", "gendered-term").await;
    let caret = js(c, "const t = document.getElementById('ad'); return [document.activeElement === t, t.selectionStart];").await;
    let start = ad.encode_utf16().count() - "rengøringsdame hjælper.".encode_utf16().count();
    let at = caret[1].as_u64().unwrap_or(0) as usize;
    assert!(
        caret[0] == true && (start..=start + "rengøringsdame".len()).contains(&at),
        "the click did not land in the word: {caret}"
    );
    screenshot(c, "extension-textarea.png").await;
    let s = apply(c, &p, 0).await;
    let want = ad.replace("rengøringsdame", &s);
    let now = wait_for(10, "the fixed textarea", || async {
        let v = js(
            c,
            "return [document.getElementById('ad').value, window.pageState.value];",
        )
        .await;
        (v[0] != ad).then_some(v)
    })
    .await;
    assert_eq!(now[0], want.as_str(), "the field");
    assert_eq!(
        now[1],
        want.as_str(),
        "the page's input listener saw the fix"
    );
    // Re-checked: the fixed word is no longer marked, the other one still is.
    wait_for(10, "the re-check", || async {
        let m = marks(c).await;
        (m.len() == 1 && m[0].1 == "formand").then_some(())
    })
    .await;
    // Undo works: the fix went through the browser's editing.
    js(c, "document.execCommand('undo'); return 0;").await;
    let undone = js(c, "return document.getElementById('ad').value").await;
    assert_eq!(undone, ad, "undo restores the text");
    js(c, "document.execCommand('redo'); return 0;").await;
    wait_for(10, "the badge after the fix", || async {
        (badge(c, id).await == "1").then_some(())
    })
    .await;
    screenshot(c, "extension-textarea-fixed.png").await;

    // The per-site switch: off in the popup, the marks go and the badge empties; on again,
    // they come back.
    switch_site(c, id, false).await;
    wait_for(10, "no marks on a switched-off site", || async {
        let n = js(
            c,
            "return document.querySelector('biasvask-overlay') ? 1 : 0",
        )
        .await;
        (n == 0).then_some(())
    })
    .await;
    wait_for(10, "an empty badge on a switched-off site", || async {
        badge(c, id).await.is_empty().then_some(())
    })
    .await;
    switch_site(c, id, true).await;
    mark_of(c, "formand").await;
    wait_for(10, "the badge with one finding again", || async {
        (badge(c, id).await == "1").then_some(())
    })
    .await;
    // From the keyboard: the caret moved onto the finding opens its popover, Alt+Down goes to
    // the suggestions, Escape back to the field.
    let at =
        ad.encode_utf16().count() - ad.split_once("formand").unwrap().1.encode_utf16().count() - 4;
    c.execute(
        "const t = document.getElementById('ad'); t.focus(); t.setSelectionRange(arguments[0], arguments[0]); return 0;",
        vec![json!(at - 1)],
    )
    .await
    .expect("caret");
    let ta = c.find(Locator::Id("ad")).await.expect("textarea");
    ta.send_keys("\u{E014}").await.expect("arrow right");
    wait_for(10, "the popover from the keyboard", || async {
        popover(c).await.filter(|p| p["quote"] == "«formand»")
    })
    .await;
    ta.send_keys("\u{E00A}\u{E015}\u{E000}")
        .await
        .expect("alt+down");
    let focus = js(c, "const h = document.querySelector('biasvask-overlay'); return [document.activeElement === h, h.shadowRoot.activeElement ? h.shadowRoot.activeElement.className : null];").await;
    assert_eq!(
        focus,
        json!([true, "alt"]),
        "Alt+Down focuses the first suggestion"
    );
    c.active_element()
        .await
        .expect("active")
        .send_keys("\u{E00C}")
        .await
        .expect("escape");
    let back = js(
        c,
        "return [document.activeElement.id, document.getElementById('ad').value];",
    )
    .await;
    assert_eq!(
        back,
        json!(["ad", want]),
        "Escape returns to the field, unchanged"
    );
    assert!(popover(c).await.is_none(), "Escape closes the popover");
    // No request left the browser: every resource the page loaded is from the test server.
    let res = js(c, "return performance.getEntriesByType('resource').map(e => e.name).filter(n => !n.startsWith(location.origin));").await;
    assert_eq!(res, json!([]));
}

/// Click the popup's switch for the page's site (on or off).
async fn switch_site(c: &Client, id: &str, on: bool) {
    let page = c.window().await.expect("window");
    let tab = c.new_window(true).await.expect("new tab").handle;
    c.switch_to_window(tab).await.expect("switch");
    c.goto(&format!("chrome-extension://{id}/popup.html"))
        .await
        .expect("popup");
    let tabs = c
        .execute_async(
            "const done = arguments[arguments.length - 1]; chrome.runtime.sendMessage({type: 'tabs'}, (r) => done(r.tabs));",
            vec![],
        )
        .await
        .expect("tabs");
    c.goto(&format!(
        "chrome-extension://{id}/popup.html?tab={}",
        tabs[0]
    ))
    .await
    .expect("popup for the tab");
    let b = wait_for(10, "the switch", || async {
        let v = js(c, "const r = document.getElementById('switch-row'); return r.hidden ? null : [document.getElementById('enabled').checked, document.getElementById('site').textContent];").await;
        (!v.is_null()).then_some(v)
    })
    .await;
    assert_eq!(b[1], "127.0.0.1", "{b}");
    assert_eq!(b[0], !on, "the switch shows the state before the click");
    c.find(Locator::Id("enabled"))
        .await
        .expect("checkbox")
        .click()
        .await
        .expect("click the switch");
    let stored = wait_for(10, "the stored switch", || async {
        let v = c
            .execute_async(
                "const done = arguments[arguments.length - 1]; chrome.storage.local.get('disabledSites', (g) => done(g.disabledSites || {}));",
                vec![],
            )
            .await
            .ok()?;
        (v.get("127.0.0.1").is_some() != on).then_some(v)
    })
    .await;
    assert_eq!(stored.get("127.0.0.1").is_some(), !on, "{stored}");
    c.close_window().await.expect("close");
    c.switch_to_window(page).await.expect("back");
}

async fn editable_page(c: &Client, base: &str) {
    c.goto(&format!("{base}/editable.html"))
        .await
        .expect("open editable.html");
    let before = js(c, "return document.getElementById('ed').innerHTML").await;
    mark_of(c, "lagerformand").await;
    mark_of(c, "rengøringsdame").await;
    assert_eq!(
        js(c, "return document.getElementById('ed').innerHTML").await,
        before,
        "the overlay changed the editor's content"
    );
    let p = open_popover(c, "lagerformand", "gendered-term").await;
    let caret = js(
        c,
        "const s = getSelection(); return [s.anchorNode.textContent, s.anchorOffset];",
    )
    .await;
    assert_eq!(caret[0], " lagerformand til Århus.", "{caret}");
    let off = caret[1].as_u64().unwrap_or(0);
    assert!((1..=13).contains(&off), "{caret}");
    screenshot(c, "extension-contenteditable.png").await;
    let s = apply(c, &p, 0).await;
    let want = format!("😀 Vi søger en dygtig {s} til Århus.\nVores rengøringsdame hjælper også.");
    let model = wait_for(10, "the editor's model", || async {
        let v = js(c, "return window.editor.text()").await;
        (v.as_str() == Some(want.as_str())).then_some(v)
    })
    .await;
    assert_eq!(model, want.as_str());
    // The editor made the change itself (from beforeinput) and rendered it: the DOM is its
    // rendering of the model, bold run kept.
    let dom = js(
        c,
        "return [document.getElementById('ed').innerHTML, window.editor.beforeinput];",
    )
    .await;
    assert_eq!(
        dom[0],
        format!("<p>😀 Vi søger en <b>dygtig</b> {s} til Århus.</p><p>Vores rengøringsdame hjælper også.</p>").as_str(),
        "{dom}"
    );
    assert_eq!(
        dom[1],
        json!([{"inputType": "insertReplacementText", "data": s}]),
        "{dom}"
    );
    wait_for(10, "the re-check", || async {
        let m = marks(c).await;
        (m.len() == 1 && m[0].1 == "rengøringsdame").then_some(())
    })
    .await;
}

async fn iframe_page(c: &Client, base: &str) {
    c.goto(&format!("{base}/iframe.html"))
        .await
        .expect("open iframe.html");
    // Type into the editor's body, inside the iframe, once the editor has made it editable:
    // click into it, then keys.
    c.enter_frame(0).await.expect("enter the iframe");
    wait_for(10, "the editable body", || async {
        (js(c, "return document.body.isContentEditable").await == true).then_some(())
    })
    .await;
    c.enter_parent_frame().await.expect("leave the iframe");
    let r = js(c, "const r = document.getElementById('content_ifr').getBoundingClientRect(); return [r.left + 40, r.top + 20];").await;
    click_at(c, r[0].as_f64().unwrap(), r[1].as_f64().unwrap()).await;
    c.enter_frame(0).await.expect("enter the iframe");
    c.active_element()
        .await
        .expect("the focused element in the iframe")
        .send_keys(TYPED)
        .await
        .expect("type");
    c.enter_parent_frame().await.expect("leave the iframe");
    let typed = wait_for(10, "the editor's state", || async {
        let v = js(c, "return window.editor.content").await;
        v.as_str()
            .filter(|s| s.contains("lager."))
            .map(String::from)
    })
    .await;
    assert_eq!(typed, format!("<p>{TYPED}</p>"));
    mark_of(c, "formand").await;
    assert_eq!(
        js(c, "return window.editor.getContent()").await,
        typed.as_str(),
        "the overlay changed the editor's content"
    );
    let p = open_popover(c, "formand", "gendered-term").await;
    screenshot(c, "extension-iframe.png").await;
    let s = apply(c, &p, 0).await;
    let want = format!("<p>{}</p>", TYPED.replace("formand", &s));
    let state = wait_for(10, "the editor's state after the fix", || async {
        let v = js(c, "return [window.editor.getContent(), window.editor.content, document.getElementById('content').value];").await;
        (v[0] != typed.as_str()).then_some(v)
    })
    .await;
    assert_eq!(state[0], want.as_str(), "the editor's content");
    assert_eq!(state[1], want.as_str(), "the editor's state");
    assert_eq!(state[2], want.as_str(), "the form's textarea");
    wait_for(10, "the re-check", || async {
        marks(c).await.is_empty().then_some(())
    })
    .await;
}

async fn react_page(c: &Client, base: &str) {
    c.goto(&format!("{base}/react.html"))
        .await
        .expect("open react.html");
    let ta = wait_for(10, "React's textarea", || async {
        c.find(Locator::Id("ad")).await.ok()
    })
    .await;
    ta.send_keys(TYPED).await.expect("type");
    let state = wait_for(10, "React's state", || async {
        let v = js(c, "return window.adState").await;
        (v.as_str() == Some(TYPED)).then_some(v)
    })
    .await;
    assert_eq!(state, TYPED);
    mark_of(c, "formand").await;
    open_popover(c, "formand", "gendered-term").await;
    screenshot(c, "extension-react.png").await;
    // «Mere om reglen» opens the rule's documentation from the engine (biasvask explain).
    let more = js(c, "const s = document.querySelector('biasvask-overlay').shadowRoot.querySelector('.pop details summary'); const r = s.getBoundingClientRect(); return [r.left + 20, r.top + r.height / 2];").await;
    click_at(c, more[0].as_f64().unwrap(), more[1].as_f64().unwrap()).await;
    let doc = wait_for(10, "the rule's documentation", || async {
        let v = js(c, "const p = document.querySelector('biasvask-overlay').shadowRoot.querySelector('.pop details pre'); return p ? p.textContent : null;").await;
        v.as_str().map(String::from)
    })
    .await;
    assert!(
        doc.starts_with("gendered-term: ") && doc.contains("Hvad reglen gør"),
        "{doc}"
    );
    // The popover grew: its buttons moved.
    let p = popover(c).await.expect("the popover is still open");
    let s = apply(c, &p, 1).await;
    let want = TYPED.replace("formand", &s);
    let now = wait_for(10, "React's state after the fix", || async {
        let v = js(c, "return [document.getElementById('ad').value, window.adState, document.getElementById('preview').textContent];").await;
        (v[1] != TYPED).then_some(v)
    })
    .await;
    assert_eq!(now[0], want.as_str(), "the textarea");
    assert_eq!(now[1], want.as_str(), "React's state");
    assert_eq!(
        now[2],
        format!("{} tegn", want.encode_utf16().count()).as_str(),
        "React rendered from the new state"
    );
    // React keeps it: after another render the value is still the fixed one.
    js(c, "const t = document.getElementById('ad'); t.setSelectionRange(t.value.length, t.value.length); return 0;").await;
    ta.send_keys(" Søg nu!").await.expect("type more");
    let more = wait_for(10, "React's state after typing on", || async {
        let v = js(
            c,
            "return [document.getElementById('ad').value, window.adState];",
        )
        .await;
        (v[1].as_str().is_some_and(|s| s.ends_with("nu!"))).then_some(v)
    })
    .await;
    let want = format!("{want} Søg nu!");
    assert_eq!(more, json!([want, want]));
    wait_for(10, "the re-check", || async {
        marks(c).await.is_empty().then_some(())
    })
    .await;
}
