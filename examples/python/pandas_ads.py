"""biasvask over a pandas DataFrame of ads: one row per ad in, the ads.csv columns out.

    python examples/python/pandas_ads.py ads.jsonl      # prints the share per verdict

`lint_dataframe(df)` takes a DataFrame with a `text` column and, optionally, the metadata
columns of the JSON Lines export (id, date, title, employer, department, sector, url,
format, applicants) and returns it with the columns of `biasvask stats`'s ads.csv added.
The linting runs in Rust on every core, without the GIL.
"""

import sys

import pandas as pd

import biasvask

META = ["id", "date", "title", "employer", "department", "sector", "url", "format", "applicants"]


def _record(row):
    rec = {"text": row["text"]}
    for k in META:
        v = row.get(k)
        if v is not None and not (isinstance(v, float) and pd.isna(v)):
            rec[k] = v
    return rec


def lint_dataframe(df: pd.DataFrame, config=None, lang=None) -> pd.DataFrame:
    """`df` with the ads.csv columns (verdict, counts, findings per rule ...) added."""
    records = [_record(r) for r in df.to_dict("records")]
    out = pd.DataFrame(biasvask.rows(records, config=config, lang=lang), columns=biasvask.columns(), index=df.index)
    keep = [c for c in out.columns if c not in df.columns]
    return df.join(out[keep])


if __name__ == "__main__":
    ads = pd.read_json(sys.argv[1], lines=True, dtype={"id": str, "date": str})
    linted = lint_dataframe(ads)
    print(linted["verdict"].value_counts(normalize=True).round(3).to_string())
    print("over threshold:", round(linted["over_threshold"].mean(), 3))
