import json
import pathlib
import subprocess
import threading
import time

import pytest

import biasvask


def check_json(cli, text, *args):
    out = subprocess.run([cli, "check", "--no-config", "--format", "json", *args, "-"], input=text.encode(), capture_output=True)
    return json.loads(out.stdout)["files"][0]


def test_lint_is_the_cli_file_object(cli, root):
    for name, fmt in [("formand-lager.txt", "text"), ("annonce.html", "html"), ("annonce.md", "markdown")]:
        text = (root / "examples" / name).read_text(encoding="utf-8")
        mine = biasvask.lint(text, format=fmt, path="<stdin>")
        theirs = check_json(cli, text, "--input-format", fmt)
        assert mine == theirs, name


def test_lint_finds_and_suggests():
    f = biasvask.lint("Vi søger en Lagerformand til vores lager.")
    d = f["diagnostics"][0]
    assert d["rule"] == "gendered-term"
    assert d["text"] == "Lagerformand"
    assert d["suggestions"][0] == "Lagerforperson"
    assert d["applicability"] == "safe"
    assert f["summary"]["verdict"] in {"neutral", "empty", "masculine", "feminine", "strongly-masculine", "strongly-feminine"}


def test_lang_and_config():
    da = biasvask.lint("Vi søger en formand.")["diagnostics"][0]["message"]
    en = biasvask.lint("Vi søger en formand.", lang="en")["diagnostics"][0]["message"]
    assert da != en and "gendered" in en
    off = biasvask.lint("Vi søger en formand.", config='[rules]\ngendered-term = "off"\n')
    assert not [d for d in off["diagnostics"] if d["rule"] == "gendered-term"]
    allow = biasvask.lint("Vi søger en fagmand.", config='[allow]\nwords = ["fagmand"]\n')
    assert not allow["diagnostics"]


def test_lint_many_keeps_order_and_matches_lint(ads):
    texts = [a["text"] for a in ads] * 3
    many = biasvask.lint_many(texts, threads=2)
    assert many == [biasvask.lint(t) for t in texts]
    assert biasvask.lint_many([]) == []


def test_lint_many_releases_the_gil(ads):
    texts = [a["text"] for a in ads] * 200
    ticks = 0
    done = threading.Event()

    def work():
        biasvask.lint_many(texts)
        done.set()

    t = threading.Thread(target=work)
    start = time.perf_counter()
    t.start()
    while not done.is_set():
        ticks += 1
        time.sleep(0.001)
    t.join()
    elapsed = time.perf_counter() - start
    # The main thread kept running while Rust linted: many ticks, not one.
    assert elapsed > 0.02, "too fast to tell; make the input bigger"
    assert ticks > 5, ticks


def test_errors_are_exceptions_with_the_cli_messages(cli, tmp_path):
    bad = tmp_path / "biasvask.toml"
    bad.write_text('[rules]\ngendered-term = "loud"\n', encoding="utf-8")
    with pytest.raises(biasvask.BiasvaskError) as e:
        biasvask.lint("x", config=bad)
    out = subprocess.run([cli, "check", "--config", str(bad), "-"], input=b"x", capture_output=True)
    assert out.returncode == 2
    assert str(e.value) == out.stderr.decode().strip()
    assert isinstance(e.value, ValueError)
    with pytest.raises(biasvask.BiasvaskError) as e:
        biasvask.explain("no-such-rule")
    out = subprocess.run([cli, "explain", "no-such-rule"], capture_output=True)
    assert str(e.value) == out.stderr.decode().strip()
    with pytest.raises(biasvask.BiasvaskError, match="format"):
        biasvask.lint("x", format="pdf")
    with pytest.raises(biasvask.BiasvaskError, match="language"):
        biasvask.lint("x", lang="sv")


def test_rules_and_explain(cli):
    rules = biasvask.rules()
    listed = json.loads(subprocess.run([cli, "rules", "--format", "json"], capture_output=True).stdout)
    assert [r["id"] for r in rules] == [r["id"] for r in listed]
    assert all(r["title"] for r in biasvask.rules("en"))
    doc = subprocess.run([cli, "explain", "gendered-term"], capture_output=True).stdout.decode()
    assert biasvask.explain("gendered-term") == doc.rstrip("\n")


def test_rows_are_the_csv_of_stats(cli, ads, tmp_path):
    export = tmp_path / "ads.jsonl"
    export.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in ads), encoding="utf-8")
    out = tmp_path / "out"
    subprocess.run([cli, "stats", "--no-config", str(export), "-o", str(out)], check=True, capture_output=True)
    import csv
    with open(out / "ads.csv", encoding="utf-8", newline="") as f:
        csv_rows = list(csv.DictReader(f))
    rows = biasvask.rows(ads)
    assert list(csv_rows[0].keys()) == biasvask.columns() == list(rows[0].keys())

    def as_csv(v):
        return "" if v is None else ("true" if v is True else "false" if v is False else str(v))

    for mine, theirs in zip(rows, csv_rows):
        for c in biasvask.columns():
            if c != "origin":
                assert as_csv(mine[c]) == theirs[c], c
    assert isinstance(rows[0]["must_have"], int) and isinstance(rows[0]["over_threshold"], bool)


def test_rows_rejects_a_bad_record():
    with pytest.raises(biasvask.BiasvaskError, match="record 1"):
        biasvask.rows([{"text": "ok"}, {"id": "no text"}])
    assert biasvask.rows(["bare tekst"])[0]["id"] == "0"
