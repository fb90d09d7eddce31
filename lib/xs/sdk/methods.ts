/**
 * The methods SDK code may call on each kind of builder (the whitelist the
 * runner enforces).
 *
 * @module
 */

/** Methods of endpoint, function and task builders. */
export const LOGIC_METHODS: ReadonlySet<string> = new Set([
  "description",
  "tags",
  "apiGroup",
  "requiresAuth",
  "input",
  "var",
  "varUpdate",
  "dbGet",
  "dbHas",
  "dbQuery",
  "dbAdd",
  "dbEdit",
  "dbPatch",
  "dbAddOrEdit",
  "dbDelete",
  "dbBulkAdd",
  "dbBulkDelete",
  "conditional",
  "then",
  "elseIf",
  "else",
  "endConditional",
  "forEach",
  "endForEach",
  "while",
  "endWhile",
  "precondition",
  "throwError",
  "apiRequest",
  "callFunction",
  "lambda",
  "createAuthToken",
  "verifyPassword",
  "debugLog",
  "return",
  "response",
  "schedule",
]); // deno-fmt-ignore

/** Methods of table builders. */
export const TABLE_METHODS: ReadonlySet<string> = new Set(["auth", "description", "field", "index"]);

/** Methods of API group builders. */
export const GROUP_METHODS: ReadonlySet<string> = new Set(["description", "canonical", "tags"]);

/** The whitelist for a builder kind (`logic`, `table`, `api_group`). */
export function methodsOf(kind: string): ReadonlySet<string> {
  return kind === "table" ? TABLE_METHODS : kind === "api_group" ? GROUP_METHODS : LOGIC_METHODS;
}
