import os
import shutil
import sys

import pandas as pd
import pytest

import biasvask


def test_pandas(ads):
    from pandas_ads import lint_dataframe

    df = pd.DataFrame(ads)
    out = lint_dataframe(df)
    assert len(out) == len(ads)
    assert list(out.index) == list(df.index)
    for c in biasvask.columns():
        assert c in out.columns, c
    expected = biasvask.rows(ads)
    assert list(out["verdict"]) == [r["verdict"] for r in expected]
    assert list(out["must_have"]) == [r["must_have"] for r in expected]
    assert list(out["gendered-term"]) == [r["gendered-term"] for r in expected]
    women = out["applicants_women"].dropna().astype(int).tolist()
    assert women == [a["applicants"]["women"] for a in ads if "applicants" in a]


def java_ok():
    return shutil.which("java") is not None


@pytest.mark.skipif(not java_ok() and not os.environ.get("BIASVASK_REQUIRE_SPARK"), reason="Spark needs Java")
def test_spark_local(ads):
    pyspark = pytest.importorskip("pyspark")
    from pyspark.sql import SparkSession
    from spark_ads import lint_spark

    # The workers run this Python, where the wheel is installed (as it must be on executors).
    os.environ["PYSPARK_PYTHON"] = sys.executable
    spark = (SparkSession.builder.master("local[2]").appName("biasvask-test")
             .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate())
    try:
        cols = ["id", "date", "department", "text"]
        df = spark.createDataFrame([tuple(a[k] for k in cols) for a in ads], "id string, date string, department string, text string").repartition(2)
        out = lint_spark(df)
        assert out.columns == biasvask.columns()
        got = {r["id"]: r.asDict() for r in out.collect()}
        expected = {r["id"]: r for r in biasvask.rows([{k: a[k] for k in ["id", "date", "department", "text"]} for a in ads])}
        assert got.keys() == expected.keys()
        for i, r in expected.items():
            for c in biasvask.columns():
                if c != "origin":
                    assert got[i][c] == r[c], (i, c)
    finally:
        spark.stop()
