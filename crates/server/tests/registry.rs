//! The HTTP server's copies of the core's registries cannot drift: the OpenAPI document's
//! enums equal the rule and format registries, and the web page takes its rules, categories
//! and file extensions from the registry the server fills in.

use std::collections::BTreeSet;

use biasvask::registry::{Category, Scope, RULES};
use biasvask::{Rule, FORMATS};
use biasvask_server::{index_html, rule_scope, INDEX_HTML, OPENAPI_JSON, REGISTRY_ELEMENT};
use serde_json::Value;

fn openapi() -> Value {
    serde_json::from_str(OPENAPI_JSON).expect("openapi.json is JSON")
}

fn strings(v: &Value) -> BTreeSet<String> {
    v.as_array()
        .expect("an enum")
        .iter()
        .filter_map(|x| x.as_str().map(str::to_string))
        .collect()
}

#[test]
fn openapi_rule_ids_are_the_registry() {
    let doc = openapi();
    let ids = strings(&doc["components"]["schemas"]["RuleId"]["enum"]);
    let registry: BTreeSet<String> = Rule::ALL.iter().map(|r| r.id().to_string()).collect();
    assert_eq!(ids, registry);
}

#[test]
fn openapi_scopes_categories_and_formats_are_the_registry() {
    let doc = openapi();
    let rule = &doc["components"]["schemas"]["RuleInfo"]["properties"];
    let scopes: BTreeSet<String> = [Scope::Word, Scope::Phrase, Scope::Ad]
        .iter()
        .map(|s| s.as_str().to_string())
        .collect();
    assert_eq!(strings(&rule["scope"]["enum"]), scopes);
    let categories: BTreeSet<String> = Category::ALL
        .iter()
        .map(|c| c.as_str().to_string())
        .collect();
    assert_eq!(strings(&rule["category"]["enum"]), categories);
    let formats: BTreeSet<String> = FORMATS.iter().map(|f| f.name.to_string()).collect();
    let request = &doc["components"]["schemas"]["CheckRequest"]["properties"];
    assert_eq!(strings(&request["format"]["enum"]), formats);
}

#[test]
fn http_scopes_are_the_registry() {
    for r in RULES {
        assert_eq!(rule_scope(r.rule), r.scope.as_str());
    }
}

#[test]
fn the_page_reads_the_registry() {
    assert_eq!(INDEX_HTML.matches(REGISTRY_ELEMENT).count(), 1);
    let page = index_html();
    assert!(
        !page.contains(REGISTRY_ELEMENT),
        "the registry is filled in"
    );
    for r in RULES {
        assert!(page.contains(&format!("\"id\":\"{}\"", r.id)), "{}", r.id);
    }
    // Every category that marks text has a colour on the page.
    for c in Category::ALL {
        if c != Category::Ad {
            assert!(
                INDEX_HTML.contains(&format!("\"{}\": \"c-", c.as_str())),
                "the page has no colour for category {}",
                c.as_str()
            );
        }
    }
    // No second list of rules (the old `"gendered-term": ["c-koen", ...]`) or extensions.
    for r in RULES {
        assert!(
            !INDEX_HTML.contains(&format!("\"{}\": [", r.id)),
            "{} listed in the page",
            r.id
        );
    }
    assert!(
        !INDEX_HTML.contains("\"mkd\""),
        "extensions listed in the page"
    );
}
