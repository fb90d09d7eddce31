/**
 * The shape and argument names of every stack statement the official parser
 * 11.0.3 knows (facts from its grammar, as listed in xanoscript.md §1.5 and
 * xanoscript-names.md). Control-flow statements with nested blocks
 * (`conditional`, `switch`, loops, `try_catch`, `group`, `db.transaction`)
 * are parsed by dedicated code in parse_stack.ts.
 *
 * @module
 */

import type { ArgType } from "./parse_schema.ts";

/** How a statement's `{ … }` body is written. */
export type BodyStyle =
  /** `name = value` attributes; the first may share the `{` line; commas allowed between. */
  | "schema"
  /** `name = value` attributes; no commas. */
  | "plain"
  /** `name = value` attributes, each on its own line after `{`. */
  | "lines"
  /** Anything: attributes and nested blocks (statements we do not model in depth). */
  | "loose";

/** One statement's grammar. */
export interface StatementSpec {
  /** Table / function / variable after the name. */
  readonly target: "none" | "name" | "name?" | "var" | "varpath" | "varpath?";
  /** `( expr )` after the name. */
  readonly paren: boolean;
  readonly body: BodyStyle;
  /** Braces may be omitted. */
  readonly bracesOptional: boolean;
  readonly as: "none" | "required" | "optional";
  /** Required argument names; undefined accepts any name. */
  readonly required?: readonly string[];
  readonly optional?: readonly string[];
  /** Arguments whose values are query expressions (`where`). */
  readonly query?: readonly string[];
  /** Arguments that may repeat (`arg` of direct queries). */
  readonly repeatable?: readonly string[];
  /** Argument types for schema-style bodies (others are expressions). */
  readonly types?: Readonly<Record<string, ArgType>>;
}

const COMMON = ["description", "disabled"];

const STRINGS: ArgType = { array: "string" };
const ANY_ENTRIES: ArgType = { object: { "*": "expr" } };
const MOCK_TYPE: ArgType = { object: { "!*": "expr" } };

function addonType(): ArgType {
  const fields: Record<string, ArgType> = {
    name: "string",
    "input?": ANY_ENTRIES,
    "as?": "string",
    "output?": STRINGS,
  };
  const addon: ArgType = { object: fields };
  fields["addon?"] = { array: addon };
  return { array: addon };
}

const ADDONS = addonType();
const DB_TYPES: Record<string, ArgType> = {
  output: STRINGS,
  lock: "boolean",
  addon: ADDONS,
  data: ANY_ENTRIES,
};
const RETURN_TYPE: ArgType = {
  object: {
    type: ["list", "stream", "exists", "count", "single", "aggregate"],
    "paging?": {
      object: {
        "page?": "expr",
        "per_page?": "expr",
        "offset?": "expr",
        "totals?": "boolean",
        "metadata?": "boolean",
      },
    },
    "distinct?": ["yes", "no"],
    "group?": { object: { "*": "query" } },
    "eval?": ANY_ENTRIES,
  },
};
const QUERY_TYPES: Record<string, ArgType> = {
  ...DB_TYPES,
  eval: { object: { "*": "query" } },
  return: RETURN_TYPE,
  join: {
    object: {
      "*": { object: { table: "string", "type?": ["inner", "left", "right"], "where?": "query" } },
    },
  },
  sort: { object: { "*": ["asc", "desc", "rand"] } },
  where: "query",
  additional_where: "query",
};
const HTTP_TYPES: Record<string, ArgType> = {
  timeout: "number",
  ca_certificate: "string",
  certificate: "string",
  certificate_pass: "string",
  private_key: "string",
  verify_host: "boolean",
  verify_peer: "boolean",
};
const ACCESS: Record<string, ArgType> = { access: ["public", "private"] };
const RUNTIME: ArgType = ["async-shared", "async-dedicated"];

/** The type of argument `name` of a schema-style statement (`expr` when free). */
export function argType(spec: StatementSpec, name: string): ArgType {
  if (spec.body !== "schema") return spec.query?.includes(name) ? "query" : "expr";
  const own = spec.types?.[name];
  if (own !== undefined) return own;
  if (name === "description") return "string";
  if (name === "disabled") return "boolean";
  if (name === "mock") return MOCK_TYPE;
  return spec.query?.includes(name) ? "query" : "expr";
}

/**
 * Builds a spec from a compact shape: `T`/`t` table name (required/optional),
 * `V` `$var`, `W`/`w` variable path, `P` parenthesised expression, one of
 * `s`/`f`/`x`/`L` for the body style, `$`/`?$` for `as $x`, `~` when the
 * braces may be omitted; then argument names (`name?` optional, `*` any).
 */
function spec(
  shape: string,
  args = "",
  query: string[] = [],
  types: Record<string, ArgType> = {},
): StatementSpec {
  const names = args.split(/\s+/).filter((a) => a !== "");
  const any = names.includes("*");
  const required = names.filter((a) => a !== "*" && !a.endsWith("?"));
  const optional = [...COMMON, ...names.filter((a) => a.endsWith("?")).map((a) => a.slice(0, -1))];
  const body: BodyStyle = shape.includes("s")
    ? "schema"
    : shape.includes("x")
    ? "lines"
    : shape.includes("L")
    ? "loose"
    : "plain";
  return Object.freeze({
    target: shape.includes("T")
      ? "name"
      : shape.includes("t")
      ? "name?"
      : shape.includes("V")
      ? "var"
      : shape.includes("W")
      ? "varpath"
      : shape.includes("w")
      ? "varpath?"
      : "none",
    paren: shape.includes("P"),
    body,
    bracesOptional: shape.includes("~") || (body !== "lines" && !any && required.length === 0),
    as: shape.includes("?$") ? "optional" : shape.includes("$") ? "required" : "none",
    required: any || body === "loose" ? undefined : required,
    optional: any || body === "loose" ? undefined : optional,
    query,
    repeatable: names.includes("arg?") ? ["arg"] : [],
    types,
  });
}

const MOCK = "mock?";
const HTTP =
  "params? headers? timeout? follow_location? ca_certificate? certificate? certificate_pass? private_key? verify_host? verify_peer?";
const LOOSE = spec("t L ?$ ~");

/** Statement name → grammar. */
export const STATEMENTS: ReadonlyMap<string, StatementSpec> = new Map<string, StatementSpec>([
  ["var", spec("V s", `value ${MOCK}`)],
  ["var.update", spec("W s", `value ${MOCK}`)],
  ["db.get", spec("T s $", `field_name field_value output? lock? addon? ${MOCK}`, [], DB_TYPES)],
  ["db.has", spec("T s $", `field_name field_value ${MOCK}`)],
  [
    "db.query",
    spec(
      "T s $",
      `eval? return? join? lock? ${MOCK} addon? sort? override_sort? output? where? additional_where?`,
      ["where", "additional_where", "eval", "join"],
      QUERY_TYPES,
    ),
  ],
  ["db.add", spec("T s $", `data addon? ${MOCK} output?`, [], DB_TYPES)],
  ["db.add_or_edit", spec("T s $", `field_name field_value data addon? ${MOCK}`, [], DB_TYPES)],
  ["db.edit", spec("T s $", `field_name field_value data output? addon? ${MOCK}`, [], DB_TYPES)],
  ["db.patch", spec("T s $", `field_name field_value data addon? ${MOCK}`, [], { addon: ADDONS })],
  ["db.del", spec("T s", "field_name field_value")],
  ["db.bulk.add", spec("T s $", "items? allow_id_field?", [], { allow_id_field: "boolean" })],
  ["db.bulk.delete", spec("T s $", "where?", ["where"])],
  ["db.bulk.patch", spec("T s $", "items?")],
  ["db.bulk.update", spec("T s $", "items?")],
  [
    "db.direct_query",
    spec("s $", `sql response_type? parser? arg? ${MOCK}`, [], {
      response_type: ["list", "single"],
      parser: ["template_engine", "prepared"],
    }),
  ],
  ["break", spec("", "")],
  ["foreach.remove", spec("", "")],
  ["continue", spec("", "")],
  ["db.schema", spec("T f $", "path?")],
  ["db.set_datasource", spec("f", "value")],
  ["db.truncate", spec("T s", "reset?")],
  ["debug.log", spec("f", "value")],
  ["debug.stop", spec("f", "value")],
  ["api.request", spec("s $", `url method ${HTTP} ${MOCK}`, [], HTTP_TYPES)],
  ["api.lambda", spec("f $", "code timeout")],
  [
    "api.call",
    spec("t s $", "api_group headers? input?", [], { api_group: "string", input: ANY_ENTRIES }),
  ],
  ["api.realtime_event", spec("f", "channel data auth_table auth_id")],
  ["api.stream", spec("f", "value")],
  ["webflow.request", spec("s $", `path method ${HTTP} ${MOCK}`, [], HTTP_TYPES)],
  ["await", spec("f $", "ids timeout")],
  ["function.call", spec("T f $", "input?")],
  [
    "function.run",
    spec("T s $", `input? runtime_mode? ${MOCK}`, [], {
      input: ANY_ENTRIES,
      runtime_mode: RUNTIME,
    }),
  ],
  ["task.call", spec("T f $", "")],
  ["precondition", spec("P f", "error_type? error? payload?")],
  ["return", spec("f", "value")],
  ["throw", spec("f", "name value")],
  ["security.create_curve_key", spec("f $", "curve format")],
  [
    "security.create_password",
    spec(
      "f $",
      "character_count require_lowercase require_uppercase require_digit require_symbol symbol_whitelist",
    ),
  ],
  ["security.create_rsa_key", spec("f $", "bits format")],
  ["security.create_uuid", spec("x $ ~", "*")],
  ["storage.create_attachment", spec("s $", "value access filename", [], ACCESS)],
  ["storage.create_audio", spec("s $", "value access? filename?", [], ACCESS)],
  ["storage.create_image", spec("s $", "value access filename", [], ACCESS)],
  ["storage.create_video", spec("s $", "value access? filename?", [], ACCESS)],
  ["storage.create_file_resource", spec("f $", "filename filedata")],
  ["storage.delete_file", spec("f", "pathname")],
  ["storage.read_file_resource", spec("f $", "value")],
  ["storage.sign_private_url", spec("f $", "pathname ttl")],
  ["stream.from_csv", spec("f $", "value separator enclosure escape_char")],
  ["stream.from_jsonl", spec("f $", "value")],
  ["stream.from_request", spec("s $", `url method ${HTTP} private_key_pass?`)],
  ["util.geo_distance", spec("f $", "latitude_1 longitude_1 latitude_2 longitude_2")],
  ["util.get_all_input", spec("f $", "")],
  ["util.get_env", spec("f $", "")],
  [
    "util.get_raw_input",
    spec("s $", "encoding? exclude_middleware?", [], {
      encoding: ["json", "yaml", "x-www-form-urlencoded", ""],
      exclude_middleware: "boolean",
    }),
  ],
  ["util.get_vars", spec("f $", "")],
  ["util.ip_lookup", spec("f $", "value")],
  [
    "util.send_email",
    spec(
      "s $",
      `service_provider? api_key? subject? message? to? bcc? cc? from? reply_to? scheduled_at? ${MOCK}`,
      [],
      { service_provider: ["resend", "xano"] },
    ),
  ],
  ["util.set_header", spec("f", "value duplicates")],
  ["util.sleep", spec("f", "value")],
  ["util.template_engine", spec("f $", "value")],
  ["object.entries", spec("f $", "value")],
  ["object.keys", spec("f $", "value")],
  ["object.values", spec("f $", "value")],
  ["redis.count", spec("s $", "key")],
  ["redis.decr", spec("s $", "key by")],
  ["redis.del", spec("s", "key")],
  ["redis.get", spec("s $", "key")],
  ["redis.has", spec("s $", "key")],
  ["redis.incr", spec("s $", "key by")],
  ["redis.keys", spec("s $", "search")],
  ["redis.pop", spec("s $", "key")],
  ["redis.push", spec("s $", "key value")],
  ["redis.range", spec("s $", "key start stop")],
  ["redis.ratelimit", spec("s $", "key max ttl error")],
  ["redis.remove", spec("s", "key value count")],
  ["redis.set", spec("s", "key data ttl")],
  ["redis.shift", spec("s $", "key")],
  ["redis.unshift", spec("s $", "key value")],
  ["zip.add_to_archive", spec("f", "file zip password? password_encryption? filename?")],
  ["zip.create_archive", spec("f $", "filename password? password_encryption?")],
  ["zip.delete_from_archive", spec("f", "filename zip password?")],
  ["zip.extract", spec("f $", "zip password?")],
  ["zip.view_contents", spec("f $", "zip password?")],
  [
    "ai.agent.run",
    spec("T s $", "args? runtime_mode? allow_tool_execution? version?", [], {
      runtime_mode: RUNTIME,
      version: "string",
    }),
  ],
  ["ai.external.mcp.server_details", spec("s $", "url bearer_token connection_type")],
  ["ai.external.mcp.tool_list", spec("s $", "url bearer_token connection_type")],
  ["ai.external.mcp.tool_run", spec("s $", "url bearer_token connection_type tool args")],
  ...["append", "prepend", "trim", "ltrim", "rtrim"].map((
    op,
  ): [string, StatementSpec] => [`text.${op}`, spec("W f", "value")]),
  ...["contains", "icontains", "starts_with", "istarts_with", "ends_with", "iends_with"].map((
    op,
  ): [string, StatementSpec] => [`text.${op}`, spec("W f ?$", "value")]),
  ...[
    "to_equal",
    "to_not_equal",
    "to_start_with",
    "to_end_with",
    "to_be_greater_than",
    "to_be_less_than",
    "to_match",
    "to_contain",
  ].map((m): [string, StatementSpec] => [`expect.${m}`, spec("P f", "value")]),
  ...[
    "to_be_true",
    "to_be_false",
    "to_be_in_the_past",
    "to_be_in_the_future",
    "to_be_defined",
    "to_not_be_defined",
    "to_be_null",
    "to_not_be_null",
    "to_be_empty",
  ].map((m): [string, StatementSpec] => [`expect.${m}`, spec("P ~", "")]),
  ["expect.to_be_within", spec("P f", "min max")],
  ...["add", "sub", "mul", "div", "mod", "bitwise.and", "bitwise.or", "bitwise.xor"].map((
    op,
  ): [string, StatementSpec] => [`math.${op}`, spec("W f", "value")]),
]);

const LINES_SECURITY = [
  "check_password",
  "create_auth_token",
  "create_secret_key",
  "decrypt",
  "encrypt",
  "jwe_decode",
  "jwe_encode",
  "jws_decode",
  "jws_encode",
  "random_bytes",
  "random_number",
];

/** Namespaces whose members we accept with a loose shape when not listed above. */
const LOOSE_NAMESPACES = new Set([
  "array",
  "cloud",
  "expect",
  "api",
  "ai",
  "security",
  "action",
  "tool",
  "addon",
  "middleware",
]);

/** Known statements whose arguments we do not model (accepted loosely). */
const LOOSE_NAMES = new Set(["util.post_process"]);

/** Looks a statement up; loose namespaces give a permissive shape, unknown names undefined. */
export function statementSpec(name: string): StatementSpec | undefined {
  const known = STATEMENTS.get(name);
  if (known) return known;
  if (name.startsWith("security.") && LINES_SECURITY.includes(name.slice(9))) {
    return spec("x $", "*");
  }
  if (/^db\.external\.\w+\.direct_query$/.test(name)) {
    return spec("s $", `sql response_type connection_string arg? ${MOCK}`, [], {
      response_type: ["list", "single"],
    });
  }
  if (LOOSE_NAMES.has(name)) return LOOSE;
  const dot = name.lastIndexOf(".");
  if (dot < 0) return undefined;
  const ns = name.slice(0, dot);
  if (LOOSE_NAMESPACES.has(ns) || LOOSE_NAMESPACES.has(ns.split(".")[0])) return LOOSE;
  return undefined;
}
