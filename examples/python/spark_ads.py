"""biasvask inside Apache Spark: lint a DataFrame of ads on every executor.

    python examples/python/spark_ads.py ads.jsonl out/     # writes the ads.csv columns as CSV

`lint_spark(df)` maps each partition through `biasvask.rows` (Rust, every core of the
executor, no GIL), so the result has exactly the columns of `biasvask stats`'s ads.csv. The
biasvask wheel must be installed on the executors (`pip install` it there, or ship it with
`--py-files`/an archive); nothing else is needed (no pyarrow).
"""

import sys

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql.types import BooleanType, LongType, StringType, StructField, StructType

import biasvask

META = ["id", "date", "title", "employer", "department", "sector", "url", "format"]
BOOL = {"over_threshold", "inclusion", "gendered_title", "truncated"}
TEXT = {"id", "origin", "date", "title", "employer", "department", "sector", "url", "format", "verdict"}


def schema() -> StructType:
    """The ads.csv columns as a Spark schema."""
    def typ(c):
        return StringType() if c in TEXT else BooleanType() if c in BOOL else LongType()
    return StructType([StructField(c, typ(c), True) for c in biasvask.columns()])


def _lint_partition(rows):
    rows = list(rows)
    records = []
    for r in rows:
        d = r.asDict(recursive=True)
        rec = {k: d[k] for k in META if d.get(k) is not None}
        rec["text"] = d["text"]
        if d.get("applicants") is not None:
            rec["applicants"] = {k: v for k, v in d["applicants"].items() if v is not None}
        records.append(rec)
    cols = biasvask.columns()
    for out in biasvask.rows(records):
        yield tuple(out[c] for c in cols)


def lint_spark(df: DataFrame) -> DataFrame:
    """One row per ad of `df` (a `text` column and optional metadata) with the ads.csv columns."""
    spark = df.sparkSession
    # The executors' Python workers import this module to run `_lint_partition`: ship it.
    spark.sparkContext.addPyFile(__file__)
    return spark.createDataFrame(df.rdd.mapPartitions(_lint_partition), schema())


if __name__ == "__main__":
    spark = SparkSession.builder.master("local[*]").appName("biasvask").getOrCreate()
    ads = spark.read.json(sys.argv[1])
    lint_spark(ads).write.mode("overwrite").option("header", True).csv(sys.argv[2])
    spark.stop()
