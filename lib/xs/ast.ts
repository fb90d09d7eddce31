/**
 * The XanoScript syntax tree. Every node is a frozen plain object with a
 * `kind` discriminant. Nodes hold no positions, so a printed and re-parsed
 * tree compares equal to the original; literals keep their source spelling.
 *
 * @module
 */

/** A literal value, spelled as in the source (`"a"`, `'a'`, `1.5`, `true`, `now`, `"""…"""`, `` `…` ``). */
export interface XsLiteral {
  readonly kind: "literal";
  readonly type:
    | "string"
    | "number"
    | "bool"
    | "null"
    | "now"
    | "multiline"
    | "backtick"
    | "timestamp";
  readonly raw: string;
}

/** One step of a variable or value path: `.name`, `.$name`, `.0`, `["k"]`, `.["k"]`. */
export type XsAccessor =
  | { readonly kind: "prop"; readonly name: string }
  | { readonly kind: "index"; readonly expr: XsExpr; readonly dotted: boolean };

/** A variable such as `$input.name`, `$db.post.id`, `$x`, `$$`. */
export interface XsVariable {
  readonly kind: "variable";
  readonly name: string;
  readonly path: readonly XsAccessor[];
}

/** `(expr)` with optional accessors after the parenthesis. */
export interface XsParen {
  readonly kind: "paren";
  readonly expr: XsExpr;
  readonly path: readonly XsAccessor[];
}

/** `[a, b]`. */
export interface XsArray {
  readonly kind: "array";
  readonly items: readonly XsExpr[];
}

/** `{key: value}`; `key` keeps its spelling (`a`, `"a b"`, `post.created_at`). */
export interface XsObjectEntry {
  readonly key: string;
  readonly disabled: boolean;
  readonly value: XsExpr;
}

/** `{a: 1, b: 2}`. */
export interface XsObjectLiteral {
  readonly kind: "object";
  readonly entries: readonly XsObjectEntry[];
}

/** A typed constant such as `!int "5"`. */
export interface XsCast {
  readonly kind: "cast";
  readonly type: string;
  readonly raw: string;
}

/** A filter application `|name:arg1:arg2`; `disabled` for `|!name`. */
export interface XsFilter {
  readonly name: string;
  readonly disabled: boolean;
  readonly args: readonly XsExpr[];
}

/** An operand with its `!` prefixes, accessors and filters: `!$a.b|count`. */
export interface XsUnit {
  readonly kind: "unit";
  readonly not: number;
  readonly atom: XsAtom;
  readonly path: readonly XsAccessor[];
  readonly filters: readonly XsFilter[];
}

/** A standalone filter chain, only inside parentheses: `(|uuid)`. */
export interface XsFilterOnly {
  readonly kind: "filter_only";
  readonly filters: readonly XsFilter[];
}

/** `left op right`; XanoScript binds operators right to left without precedence. */
export interface XsBinary {
  readonly kind: "binary";
  readonly op: string;
  /** The null-safe form `==?` of a query comparison. */
  readonly nullSafe: boolean;
  readonly left: XsUnit;
  readonly right: XsExpr;
}

/** `test ? then : otherwise`. */
export interface XsTernary {
  readonly kind: "ternary";
  readonly test: XsUnit;
  readonly then: XsExpr;
  readonly otherwise: XsExpr;
}

/** Anything that can stand where a value is expected. */
export type XsAtom =
  | XsLiteral
  | XsVariable
  | XsParen
  | XsArray
  | XsObjectLiteral
  | XsCast
  | XsFilterOnly;

/** A full expression. */
export type XsExpr = XsUnit | XsBinary | XsTernary;

/** `// text` on its own line. */
export interface XsComment {
  readonly kind: "comment";
  readonly text: string;
}

/** `name = value` inside a statement, clause or field block. */
export interface XsAttribute {
  readonly kind: "attribute";
  readonly name: string;
  readonly disabled: boolean;
  readonly value: XsExpr;
}

/**
 * A keyword block inside a statement or object: `stack { … }`, `if (…) { … }`,
 * `each as $x { … }`, `case (…) { … } break`, `test "name" { … }`, `schema { … }`.
 */
export interface XsBlock {
  readonly kind: "block";
  readonly keyword: string;
  readonly label?: string;
  readonly paren?: XsExpr;
  readonly as?: string;
  /** Undefined for a bare keyword (`input` with no braces, `elseif (…)` with no body). */
  readonly body?: readonly XsItem[];
  readonly trailingBreak?: boolean;
}

/** A stack statement such as `db.get user { … } as $u` or `conditional { … }`. */
export interface XsStatement {
  readonly kind: "statement";
  readonly name: string;
  /** `!` prefix: continue on error. */
  readonly bang: boolean;
  /** Table, function or variable target, as spelled (`user`, `"a/b"`, `$x.y`). */
  readonly target?: string;
  readonly paren?: XsExpr;
  /** Undefined when the statement has no braces. */
  readonly body?: readonly XsItem[];
  readonly as?: string;
}

/** An input or schema field: `text? name?="x" filters=trim { … }`. */
export interface XsField {
  readonly kind: "field";
  readonly type: string;
  /** `[]` or `[1:10]` when the field is a list. */
  readonly list?: string;
  readonly nullable: boolean;
  readonly name: string;
  readonly optional: boolean;
  readonly default?: string;
  readonly filters: readonly XsInputFilter[];
  readonly body?: readonly XsItem[];
}

/** An input filter `min:1`, `!trim`, `pattern:"^a"`. */
export interface XsInputFilter {
  readonly name: string;
  readonly disabled: boolean;
  readonly args: readonly string[];
}

/** Items that appear in blocks. */
export type XsItem = XsComment | XsAttribute | XsBlock | XsStatement | XsField;

/** One top-level object: `query "x" verb=GET { … }`, `table t { … }`, … */
export interface XsObject {
  readonly kind: "object";
  readonly type: string;
  readonly name: string;
  readonly verb?: string;
  readonly leading: readonly XsComment[];
  readonly body: readonly XsItem[];
}

/**
 * A parsed source: one object per document; a multidoc source (documents
 * separated by `---` lines) gives several. Documents that fail to parse are
 * left out.
 */
export interface XsDocument {
  readonly kind: "document";
  readonly objects: readonly XsObject[];
}
