/** An input format: `text` (default), `markdown` or `html` (aliases: txt, md, htm, ...). */
export type Format = "text" | "markdown" | "html" | (string & {});
export type Severity = "error" | "warning" | "info";
export type Verdict = "strongly-feminine" | "feminine" | "neutral" | "masculine" | "strongly-masculine" | "empty";

export interface LintOptions {
  /** The input format; without it, picked from `path`'s extension, else `text`. */
  format?: Format;
  /** The text of a `biasvask.toml` (levels, allow-list, own terms). Errors are thrown. */
  config?: string;
  /** The name in the result's `path` (default `<stdin>`, as the CLI names stdin). */
  path?: string;
  /** The message language, over the config's: `da` (default) or `en`. */
  lang?: "da" | "en";
  /** Add `edits` to findings with markup inside (the exact source edit per suggestion). */
  edits?: boolean;
}

/** UTF-8 byte offsets into the original input; `line` and `column` (Unicode scalar values) are 1-based. */
export interface Span { start: number; end: number; line: number; column: number; }

export interface Edit { start: number; end: number; replacement: string; }

export interface Diagnostic {
  rule: string;
  severity: Severity;
  message: string;
  span: Span;
  /** Exactly the spanned source. */
  text: string;
  /** Full replacements for `text`, best first. */
  suggestions: string[];
  /** Present when there are suggestions. */
  applicability?: "safe" | "unsafe";
  entry?: string;
  note?: string;
  /** Only with `edits: true`, and only where markup sits inside the finding. */
  edits?: (Edit | null)[];
}

export interface Requirement { class: "must" | "nice"; span: Span; text: string; }

export interface Summary {
  words: number;
  masculine_coded: number;
  feminine_coded: number;
  verdict: Verdict;
  must_have: number;
  nice_to_have: number;
}

/** The file object of `biasvask check --format json`, plus `pass`. */
export interface FileResult {
  path: string;
  diagnostics: Diagnostic[];
  requirements: Requirement[];
  summary: Summary;
  /** Present (true) when not every finding is listed. */
  truncated?: boolean;
  /** No finding at or above the fail level (`fail_level` of the config, default warning). */
  pass: boolean;
}

export interface RuleInfo {
  id: string;
  scope: string;
  category: string;
  default_severity: Severity;
  label: string;
  title: string;
  summary: string;
}

export interface FormatInfo { name: string; extensions: string[]; }

/** Lint one ad. Throws an `Error` for a bad config, format or option. */
export function lint(text: string, options?: LintOptions): FileResult;
/** The rules, texts in `lang`. */
export function rules(lang?: "da" | "en"): RuleInfo[];
/** The input formats. */
export function formats(): FormatInfo[];
/** The documentation of a rule (Markdown). Throws for an unknown rule. */
export function explain(rule: string, lang?: "da" | "en"): string;
/** The version of the biasvask core inside. */
export const version: string;
