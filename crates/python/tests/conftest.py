import os
import pathlib
import shutil
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "examples" / "python"))


@pytest.fixture(scope="session")
def root():
    return ROOT


@pytest.fixture(scope="session")
def cli():
    """The biasvask binary of this checkout (built by `cargo test`/`cargo build`), to compare with."""
    for p in [os.environ.get("BIASVASK_BIN"), ROOT / "target/debug/biasvask", ROOT / "target/release/biasvask", shutil.which("biasvask")]:
        if p and pathlib.Path(p).is_file():
            return str(p)
    if os.environ.get("BIASVASK_REQUIRE_CLI"):
        pytest.fail("no biasvask binary to compare with (cargo build first)")
    pytest.skip("no biasvask binary to compare with")


@pytest.fixture(scope="session")
def ads(root):
    """A few of the repository's ads, with metadata as an export would have it."""
    corpus = sorted((root / "tests" / "corpus").glob("*.txt"))[:12]
    out = []
    for i, p in enumerate(corpus):
        rec = {"id": f"ad-{i}", "text": p.read_text(encoding="utf-8"), "department": ["Lager", "IT", "HR"][i % 3],
               "date": f"202{4 + i % 2}-0{1 + i % 9}-15"}
        if i % 2 == 0:
            rec["applicants"] = {"women": i + 1, "men": 20 - i}
        out.append(rec)
    return out
