"""Type stubs for biasvask (the Rust extension module biasvask._biasvask)."""

import os
from typing import Any, Iterable, Literal, Mapping, Optional, TypedDict, Union

__version__: str

Format = Literal["text", "markdown", "html", "md", "txt", "htm"]
Lang = Literal["da", "en"]
Config = Union[str, "os.PathLike[str]", None]
"""The text of a biasvask.toml, or a path to one."""

class BiasvaskError(ValueError):
    """A bad configuration, format, language, rule or record; the message is the CLI's."""

class Span(TypedDict):
    start: int
    end: int
    line: int
    column: int

class _DiagnosticBase(TypedDict):
    rule: str
    severity: Literal["info", "warning", "error"]
    message: str
    span: Span
    text: str
    suggestions: list[str]

class Diagnostic(_DiagnosticBase, total=False):
    applicability: Literal["safe", "unsafe"]
    entry: str
    note: str

class RequirementItem(TypedDict):
    # "class" is a keyword: read it as item["class"].
    span: Span
    text: str

class Summary(TypedDict):
    words: int
    masculine_coded: int
    feminine_coded: int
    verdict: Literal["strongly-feminine", "feminine", "neutral", "masculine", "strongly-masculine", "empty"]
    must_have: int
    nice_to_have: int

class _FileBase(TypedDict):
    path: str
    diagnostics: list[Diagnostic]
    requirements: list[dict[str, Any]]
    summary: Summary

class FileObject(_FileBase, total=False):
    truncated: bool

class RuleInfo(TypedDict):
    id: str
    scope: Literal["word", "phrase", "ad"]
    category: str
    default_severity: Literal["info", "warning", "error"]
    label: str
    title: str
    summary: str

def lint(text: str, format: Format = "text", config: Config = None, lang: Optional[Lang] = None, path: str = "<text>") -> FileObject:
    """The CLI's JSON file object for one ad (`biasvask check --format json`, files[0])."""

def lint_many(texts: Iterable[str], format: Format = "text", config: Config = None, lang: Optional[Lang] = None, threads: int = 0) -> list[FileObject]:
    """`lint` for each text, in order, on every core (threads=0) without the GIL."""

def rows(records: Iterable[Union[str, Mapping[str, Any]]], config: Config = None, lang: Optional[Lang] = None, threads: int = 0) -> list[dict[str, Union[str, int, bool, None]]]:
    """One dict per ad with the columns of `biasvask stats`'s ads.csv (see `columns()`)."""

def columns() -> list[str]:
    """The columns of `rows` and of ads.csv, in order."""

def rules(lang: Lang = "da") -> list[RuleInfo]:
    """The rules: id, scope, category, default severity, label, title, summary."""

def explain(rule: str, lang: Lang = "da") -> str:
    """A rule's documentation (Markdown), as `biasvask explain RULE`."""
