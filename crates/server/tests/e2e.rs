//! Browser end-to-end test of the web page in real headless Chromium, driven over WebDriver
//! (chromedriver + fantoccini). The test starts the server and chromedriver itself. The same
//! steps run against both engines of the one page: the server's API (`biasvask serve`) and
//! the static build with the WebAssembly core (`target/web/page/index.html` from `file://`,
//! built by `scripts/build-web`; skipped with a notice when missing, unless
//! `BIASVASK_REQUIRE_WEB=1`), where the page must make no network request at all.
//!
//! Needs Debian's `chromium` and `chromium-driver` (`/usr/bin/chromium`, `/usr/bin/chromedriver`;
//! override with `BIASVASK_CHROMIUM` / `BIASVASK_CHROMEDRIVER`). Without them the test prints a
//! notice and passes, unless `BIASVASK_REQUIRE_BROWSER=1` (CI), where it fails.
//! Screenshots for review: `target/e2e/{server,static}-page-1366.png`, `-page-1366-fixed.png`,
//! `-page-375.png`, `-page-375-detail.png`.

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use biasvask_server::{self as serve, ServeConfig};
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};

/// The ad a recruiter pastes: an emoji and æøå before the findings, so UTF-16 vs UTF-8
/// offsets would go wrong if the page mixed them up.
const AD: &str = "😀 Lager i Århus søger en formand. Du er ambitiøs og gå-på-mod er vigtigt.\nVores rengøringsdame og formanden mødes hver dag. 🚚 Søg nu!";

fn tool(env: &str, default: &str) -> Option<PathBuf> {
    let p = std::env::var_os(env)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(default));
    p.is_file().then_some(p)
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

fn out_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    let dir = target.join("e2e");
    std::fs::create_dir_all(&dir).expect("create target/e2e");
    dir
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

async fn marks(c: &Client) -> Vec<(String, String)> {
    let v = js(c, "return Array.from(document.querySelectorAll('#view mark')).map(m => [m.className, Array.from(m.childNodes).filter(n => n.nodeType === 3).map(n => n.textContent).join('')]);").await;
    v.as_array()
        .map(|a| {
            a.iter()
                .map(|p| {
                    (
                        p[0].as_str().unwrap_or("").to_string(),
                        p[1].as_str().unwrap_or("").to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

async fn screenshot(c: &Client, name: &str) {
    let png = c.screenshot().await.expect("screenshot");
    let path = out_dir().join(name);
    std::fs::write(&path, png).expect("write screenshot");
    eprintln!("screenshot: {}", path.display());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn recruiter_pastes_sees_and_fixes_an_ad() {
    let required = std::env::var("BIASVASK_REQUIRE_BROWSER").is_ok_and(|v| v == "1");
    let (Some(chromium), Some(chromedriver)) = (
        tool("BIASVASK_CHROMIUM", "/usr/bin/chromium"),
        tool("BIASVASK_CHROMEDRIVER", "/usr/bin/chromedriver"),
    ) else {
        assert!(!required, "BIASVASK_REQUIRE_BROWSER=1 but chromium or chromedriver is missing (apt-get install chromium chromium-driver)");
        eprintln!("NOTICE: browser e2e test skipped: /usr/bin/chromium or /usr/bin/chromedriver not found (apt-get install chromium chromium-driver)");
        return;
    };

    // The server, on a loopback port.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(serve::serve(listener, ServeConfig::default(), async {
        let _ = stopped.await;
    }));

    // chromedriver, on another.
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
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--hide-scrollbars", "--window-size=1366,1100",
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

    // The static page, when built.
    let static_page = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target"))
        .join("web/page/index.html");
    let static_url = if static_page.is_file() {
        let abs = static_page.canonicalize().expect("canonical path");
        Some(format!("file://{}", abs.display()))
    } else {
        assert!(
            !std::env::var("BIASVASK_REQUIRE_WEB").is_ok_and(|v| v == "1"),
            "BIASVASK_REQUIRE_WEB=1 but {} is missing (run scripts/build-web)",
            static_page.display()
        );
        eprintln!(
            "NOTICE: static page not built (scripts/build-web): only the server mode is tested"
        );
        None
    };

    // Run the steps in a task so that a failed assertion still closes the browser.
    let steps = {
        let c = c.clone();
        let url = format!("http://{addr}/");
        tokio::spawn(async move {
            run(&c, &url, "server").await;
            if let Some(u) = static_url {
                c.set_window_size(1366, 1100).await.expect("resize");
                run(&c, &u, "static").await;
                // The static page runs the core in the browser: no request went anywhere.
                let requests = js(&c, "return performance.getEntriesByType('resource').map(e => e.name).filter(n => !n.startsWith('file:'));").await;
                assert_eq!(requests, json!([]), "the static page made network requests");
                let engine = js(&c, "return typeof window.biasvaskLocal === 'object' && document.getElementById('where').textContent;").await;
                assert!(
                    engine.as_str().is_some_and(|t| t.contains("i din browser")),
                    "{engine}"
                );
            }
        })
    };
    let result = steps.await;
    let _ = c.close().await;
    let _ = stop.send(());
    let _ = tokio::time::timeout(Duration::from_secs(10), server).await;
    if let Err(e) = result {
        if e.is_panic() {
            std::panic::resume_unwind(e.into_panic());
        }
        panic!("e2e steps failed: {e}");
    }
}

async fn run(c: &Client, url: &str, mode: &str) {
    c.goto(url).await.expect("open the page");
    assert_eq!(js(c, "return document.documentElement.lang").await, "da");

    // An empty text is not «ready to be posted».
    c.find(Locator::Css("#check"))
        .await
        .expect("button")
        .click()
        .await
        .expect("click Tjek annoncen");
    let empty = wait_for(10, "the empty-text status", || async {
        let s = c
            .find(Locator::Id("status"))
            .await
            .ok()?
            .text()
            .await
            .ok()?;
        (!s.is_empty()).then_some(s)
    })
    .await;
    assert!(
        empty.contains("ingen tekst") && !empty.contains("Klar"),
        "{empty}"
    );

    // Paste the ad (a paste is one input event; WebDriver cannot type an emoji) and check it.
    c.execute(
        "const t = document.getElementById('ad'); t.focus(); t.value = arguments[0]; t.dispatchEvent(new Event('input', {bubbles: true}));",
        vec![json!(AD)],
    )
    .await
    .expect("paste");
    c.find(Locator::Css("#check"))
        .await
        .expect("button")
        .click()
        .await
        .expect("click Tjek annoncen");

    // The highlights: by category, with the text of the original span.
    let found = wait_for(10, "highlights", || async {
        let m = marks(c).await;
        (m.len() >= 4).then_some(m)
    })
    .await;
    let has = |cls: &str, text: &str| found.iter().any(|(k, t)| k.contains(cls) && t == text);
    assert!(has("c-koen", "formand"), "{found:?}");
    assert!(has("c-koen", "rengøringsdame"), "{found:?}");
    assert!(has("c-koen", "formanden"), "{found:?}");
    assert!(has("c-mask", "ambitiøs"), "{found:?}");
    // Every counted requirement is marked where it starts, and listed with its class.
    let reqs = js(
        c,
        "return [Array.from(document.querySelectorAll('#view .req')).map(b => b.className + '|' + (b.nextSibling ? b.nextSibling.textContent.slice(0, 12) : '')), Array.from(document.querySelectorAll('#req-items li')).map(li => li.dataset.class + '|' + li.textContent)];",
    )
    .await;
    assert_eq!(reqs[0], json!(["req req-must|Du er "]), "{reqs}");
    assert_eq!(reqs[1].as_array().map(|a| a.len()), Some(1), "{reqs}");
    assert!(
        reqs[1][0]
            .as_str()
            .unwrap()
            .starts_with("must|krav Du er ambitiøs"),
        "{reqs}"
    );
    // Every mark is focusable and described by an element that exists.
    let ok = js(c, "return Array.from(document.querySelectorAll('#view mark')).every(m => m.tabIndex === 0 && m.getAttribute('aria-describedby').split(' ').every(id => document.getElementById(id)));").await;
    assert_eq!(ok, true);
    // The rest of the page: verdict, balance picture, counts, list.
    let verdict = c
        .find(Locator::Id("verdict"))
        .await
        .expect("verdict")
        .text()
        .await
        .expect("text");
    assert!(verdict.contains("kodede ord"), "{verdict}");
    assert_eq!(
        js(
            c,
            "return document.querySelectorAll('#balance-pic svg[role=img]').length"
        )
        .await,
        1
    );
    let items = js(c, "return document.querySelectorAll('#findings li').length").await;
    assert!(items.as_u64().unwrap_or(0) >= 4, "{items}");
    let status = c
        .find(Locator::Id("status"))
        .await
        .expect("status")
        .text()
        .await
        .expect("text");
    assert!(status.contains("Ret de markerede"), "{status}");
    screenshot(c, &format!("{mode}-page-1366.png")).await;

    // Keyboard: Tab from the "Prøv et eksempel" button reaches the first highlight; its
    // details appear, and Enter moves to the first alternative.
    js(c, "document.getElementById('example').focus(); return 0;").await;
    c.active_element()
        .await
        .expect("active")
        .send_keys("\u{E004}")
        .await
        .expect("tab");
    let active = js(
        c,
        "const a = document.activeElement; return [a.tagName, a.textContent];",
    )
    .await;
    assert_eq!(active[0], "MARK", "{active}");
    let detail = c
        .find(Locator::Id("detail"))
        .await
        .expect("detail")
        .text()
        .await
        .expect("text");
    assert!(
        detail.contains("formand") && detail.contains("Brug «"),
        "{detail}"
    );
    c.active_element()
        .await
        .expect("active")
        .send_keys("\u{E007}")
        .await
        .expect("enter");
    let alt = js(
        c,
        "const a = document.activeElement; return a.className + '|' + a.textContent;",
    )
    .await;
    let alt = alt.as_str().unwrap_or("").to_string();
    assert!(alt.starts_with("alt|Brug «"), "{alt}");
    let suggestion = alt
        .trim_start_matches("alt|Brug «")
        .trim_end_matches('»')
        .to_string();
    assert!(!suggestion.is_empty());

    // Apply it: the text changes at the right place (after the emoji), and the page re-checks.
    c.active_element()
        .await
        .expect("active")
        .click()
        .await
        .expect("apply suggestion");
    let expected = AD.replacen("formand.", &format!("{suggestion}."), 1);
    let text = wait_for(10, "the fixed text", || async {
        let v = js(c, "return document.getElementById('ad').value").await;
        let v = v.as_str().unwrap_or("").to_string();
        (v != AD).then_some(v)
    })
    .await;
    assert_eq!(text, expected);
    let after = wait_for(10, "the re-check", || async {
        let m = marks(c).await;
        (!m.iter().any(|(_, t)| t == "formand")).then_some(m)
    })
    .await;
    assert!(after.iter().any(|(_, t)| t == "formanden"), "{after:?}");
    // Focus moves on to the next finding after the fixed place (not to a heading).
    let next = wait_for(10, "focus on the next finding", || async {
        let v = js(
            c,
            "const a = document.activeElement; return a.tagName === 'MARK' ? a.textContent : null;",
        )
        .await;
        v.as_str().map(String::from)
    })
    .await;
    assert!(next.ends_with("ambitiøs"), "{next}");
    // Enter opens its suggestions; Escape closes them and leaves focus on the highlight.
    c.active_element()
        .await
        .expect("active")
        .send_keys("\u{E007}")
        .await
        .expect("enter");
    assert_eq!(
        js(c, "return document.activeElement.className").await,
        "alt"
    );
    c.active_element()
        .await
        .expect("active")
        .send_keys("\u{E00C}")
        .await
        .expect("escape");
    let esc = js(c, "return [document.activeElement.tagName, document.querySelectorAll('#detail .finding').length];").await;
    assert_eq!(esc, json!(["MARK", 0]), "{esc}");
    screenshot(c, &format!("{mode}-page-1366-fixed.png")).await;

    // "Kopiér tekst" copies the fixed text (or reports that it could not).
    c.find(Locator::Id("copy"))
        .await
        .expect("copy")
        .click()
        .await
        .expect("click copy");
    let copied = wait_for(5, "copy status", || async {
        let s = c
            .find(Locator::Id("status"))
            .await
            .ok()?
            .text()
            .await
            .ok()?;
        (s.contains("kopieret") || s.contains("Kunne ikke kopiere")).then_some(s)
    })
    .await;
    assert!(!copied.is_empty());

    // A long ad: clicking a highlight far down keeps the page where it is, and the explanation
    // is on the screen.
    c.execute(
        "const t = document.getElementById('ad'); t.value = 'Linje uden fund.\\n'.repeat(150) + 'Vi søger en formand.\\n'; t.dispatchEvent(new Event('input', {bubbles: true}));",
        vec![],
    )
    .await
    .expect("paste a long ad");
    c.find(Locator::Css("#check"))
        .await
        .expect("button")
        .click()
        .await
        .expect("click Tjek annoncen");
    wait_for(10, "the long ad's highlight", || async {
        let m = marks(c).await;
        (m.len() == 1 && m[0].1 == "formand").then_some(())
    })
    .await;
    let jump = js(c, "const m = document.querySelector('#view mark'); m.scrollIntoView({block: 'end'}); const y = window.scrollY; m.click(); const r = document.getElementById('detail').getBoundingClientRect(); return [y, window.scrollY, r.top >= 0 && r.top < window.innerHeight - 100, document.activeElement.className];").await;
    assert!(
        jump[0].as_f64().unwrap_or(0.0) > 0.0,
        "the page did not scroll: {jump}"
    );
    assert_eq!(jump[0], jump[1], "the page jumped: {jump}");
    assert_eq!(jump[2], true, "the explanation is off-screen: {jump}");
    assert_eq!(jump[3], "alt", "{jump}");
    screenshot(c, &format!("{mode}-page-1366-long.png")).await;

    // HTML pasted as text: checked as HTML (the comment and the script are not words, the
    // entity is), shown as readable text with the mark on the source span.
    c.execute(
        "const t = document.getElementById('ad'); t.value = arguments[0]; t.dispatchEvent(new Event('input', {bubbles: true}));",
        vec![json!("<p>Vi s&oslash;ger en <b>formand</b> til lageret.</p>\n<!-- rengøringsdame -->\n<script>var formand = 1;</script>\n<p>Reng&oslash;ringsdamen hj&aelig;lper.</p>")],
    )
    .await
    .expect("paste HTML");
    c.find(Locator::Css("#check"))
        .await
        .expect("button")
        .click()
        .await
        .expect("click Tjek annoncen");
    let html_marks = wait_for(10, "the HTML ad's highlights", || async {
        let m = marks(c).await;
        (m.len() == 2).then_some(m)
    })
    .await;
    assert_eq!(html_marks[0].1, "formand", "{html_marks:?}");
    assert_eq!(html_marks[1].1, "Rengøringsdamen", "{html_marks:?}");
    let shown = js(c, "return [document.getElementById('format').value, document.getElementById('view').textContent, document.getElementById('status').textContent];").await;
    assert_eq!(shown[0], "html", "{shown}");
    let view = shown[1].as_str().unwrap_or("");
    assert!(
        view.contains("Vi søger en") && !view.contains('<') && !view.contains("var formand"),
        "{view}"
    );
    assert!(
        shown[2].as_str().unwrap_or("").contains("ligner HTML"),
        "{shown}"
    );

    // A phone: nothing wider than the screen.
    c.set_window_size(375, 1400).await.expect("resize");
    let fits = wait_for(5, "a 375px layout", || async {
        let v = js(
            c,
            "return [window.innerWidth, document.documentElement.scrollWidth];",
        )
        .await;
        let (w, sw) = (
            v[0].as_u64().unwrap_or(0),
            v[1].as_u64().unwrap_or(u64::MAX),
        );
        (w <= 400).then_some(sw <= w)
    })
    .await;
    assert!(fits, "the page scrolls sideways on a phone");
    screenshot(c, &format!("{mode}-page-375.png")).await;
    // On a phone the explanation opens at the bottom of the screen, next to the highlight.
    js(c, "document.querySelector('#view mark').focus(); return 0;").await;
    let sheet = js(c, "const r = document.getElementById('detail').getBoundingClientRect(); return [r.top, r.bottom, window.innerHeight, getComputedStyle(document.getElementById('detail')).position];").await;
    assert_eq!(sheet[3], "fixed", "{sheet}");
    assert!(
        sheet[1].as_f64().unwrap_or(0.0) <= sheet[2].as_f64().unwrap_or(0.0) + 1.0,
        "{sheet}"
    );
    screenshot(c, &format!("{mode}-page-375-detail.png")).await;
}
