"""biasvask: find gendered wording in Danish job ads (the biasvask linter, from Python).

>>> import biasvask
>>> f = biasvask.lint("Vi søger en lagerformand.")
>>> f["diagnostics"][0]["rule"], f["diagnostics"][0]["suggestions"][0]
('gendered-term', 'lagerforperson')
"""

from ._biasvask import (  # noqa: F401
    BiasvaskError,
    __version__,
    columns,
    explain,
    lint,
    lint_many,
    rows,
    rules,
)

__all__ = ["BiasvaskError", "columns", "explain", "lint", "lint_many", "rows", "rules", "__version__"]
