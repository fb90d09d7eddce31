/**
 * Content search in both forms Xano documents, compiled to a predicate:
 *
 * - **Compact form**: `search` is `{"field": value}` (equality) or
 *   `{"field|op": value}` with op ∈ `= != > >= < <= in "not in" like
 *   "not like" includes "not includes"`, or an array of those (all must
 *   hold). An OR is an entry `{"or": [ … ]}` (any must hold), or the string
 *   `"or"` between entries.
 * - **Structured form**: an array of statements
 *   `{type: "statement", left: {tag: "col", operand: "name"}, op: "==", right: {operand: "chris", tag?: "const"|"const:int"|"const:bool"|"const:date"}}`,
 *   and groups `{type: "group", group: {expression: [ … ]}}`. An element with
 *   `or: true` starts a new OR branch; the others are joined with AND.
 *
 * Sort is `{"field": "asc"|"desc", …}` or an array of such objects.
 *
 * @module
 */

import { inputError } from "./errors.ts";

/** A compiled search. */
export type Predicate = (row: object) => boolean;

const OPS: Record<string, (left: unknown, right: unknown) => boolean> = {
  "=": (l, r) => equal(l, r),
  "==": (l, r) => equal(l, r),
  "!=": (l, r) => !equal(l, r),
  ">": (l, r) => compare(l, r) > 0,
  ">=": (l, r) => compare(l, r) >= 0,
  "<": (l, r) => compare(l, r) < 0,
  "<=": (l, r) => compare(l, r) <= 0,
  "in": (l, r) => Array.isArray(r) && r.some((v) => equal(l, v)),
  "not in": (l, r) => !(Array.isArray(r) && r.some((v) => equal(l, v))),
  "like": (l, r) => like(l, r, false),
  "not like": (l, r) => !like(l, r, false),
  "ilike": (l, r) => like(l, r, true),
  "not ilike": (l, r) => !like(l, r, true),
  "includes": (l, r) => includes(l, r),
  "not includes": (l, r) => !includes(l, r),
};

/**
 * Compiles `search` (either form, or `undefined` for everything) into a
 * predicate; unknown operators and malformed conditions are input errors.
 *
 * @example
 * ```ts
 * const match = compileSearch([{ "price|>": 30 }, { "price|<": 70 }]);
 * match({ price: 50 }); // true
 * ```
 */
export function compileSearch(search: unknown, param = "search"): Predicate {
  if (search === undefined || search === null) return () => true;
  if (Array.isArray(search)) return compileList(search, param);
  if (typeof search === "object") return compileCompact(search as Record<string, unknown>, param);
  throw inputError(param, `"${param}" must be an object or an array of conditions`);
}

function compileList(items: readonly unknown[], param: string): Predicate {
  const branches: Predicate[][] = [[]];
  items.forEach((item, i) => {
    const where = `${param}[${i}]`;
    if (item === "or") {
      branches.push([]);
      return;
    }
    if (typeof item !== "object" || item === null || Array.isArray(item)) {
      throw inputError(where, `"${where}" must be a condition object`);
    }
    const record = item as Record<string, unknown>;
    if (record.type === "statement" || record.type === "group") {
      if (record.or === true && branches.at(-1)!.length > 0) branches.push([]);
      branches.at(-1)!.push(
        record.type === "statement" ? compileStatement(record, where) : compileGroup(record, where),
      );
    } else {
      branches.at(-1)!.push(compileCompact(record, where));
    }
  });
  return (row) => branches.some((all) => all.every((p) => p(row)));
}

function compileCompact(condition: Record<string, unknown>, param: string): Predicate {
  const parts: Predicate[] = [];
  for (const [key, value] of Object.entries(condition)) {
    if (key === "or") {
      if (!Array.isArray(value)) throw inputError(`${param}.or`, `"or" must be an array`);
      const options = value.map((v, i) => compileSearch(v, `${param}.or[${i}]`));
      parts.push((row) => options.some((p) => p(row)));
      continue;
    }
    const bar = key.indexOf("|");
    const field = bar < 0 ? key : key.slice(0, bar);
    const op = bar < 0 ? "=" : key.slice(bar + 1).trim();
    parts.push(condition_(field, op, value, `${param}.${key}`));
  }
  return (row) => parts.every((p) => p(row));
}

function compileStatement(statement: Record<string, unknown>, param: string): Predicate {
  const left = statement.left as Record<string, unknown> | undefined;
  const right = statement.right as Record<string, unknown> | undefined;
  if (typeof left?.operand !== "string" || !right || !("operand" in right)) {
    throw inputError(param, `"${param}" needs left.operand (a column) and right.operand`);
  }
  const field = left.operand.replace(/^[A-Za-z_][A-Za-z0-9_]*\./, "");
  const op = typeof statement.op === "string" ? statement.op : "==";
  return condition_(field, op, constant(right, param), param);
}

function compileGroup(group: Record<string, unknown>, param: string): Predicate {
  const inner = (group.group as Record<string, unknown> | undefined)?.expression;
  if (!Array.isArray(inner)) {
    throw inputError(param, `"${param}" group needs group.expression (an array)`);
  }
  return compileList(inner, `${param}.group.expression`);
}

function constant(right: Record<string, unknown>, param: string): unknown {
  const value = right.operand;
  switch (right.tag ?? "const") {
    case "const":
      return value;
    case "const:int": {
      const n = Number(value);
      if (!Number.isFinite(n)) throw inputError(param, `"${param}" right.operand is not a number`);
      return n;
    }
    case "const:bool":
      return value === true || value === "true" || value === 1;
    case "const:date": {
      const ms = typeof value === "number" ? value : Date.parse(String(value));
      if (Number.isNaN(ms)) throw inputError(param, `"${param}" right.operand is not a date`);
      return ms;
    }
    default:
      throw inputError(param, `Unknown right.tag "${String(right.tag)}" in "${param}"`);
  }
}

function condition_(field: string, op: string, value: unknown, param: string): Predicate {
  const test = OPS[op];
  if (!test) {
    throw inputError(
      param,
      `Unknown search operator "${op}"; use one of ${Object.keys(OPS).join(", ")}`,
    );
  }
  return (row) => test((row as Record<string, unknown>)[field], value);
}

function equal(left: unknown, right: unknown): boolean {
  if (left === right) return true;
  if (typeof left === "number" && typeof right === "string") return String(left) === right;
  if (typeof left === "string" && typeof right === "number") return left === String(right);
  return JSON.stringify(left) === JSON.stringify(right);
}

function compare(left: unknown, right: unknown): number {
  if (left === null || left === undefined) return right === null || right === undefined ? 0 : -1;
  if (typeof left === "number" && (typeof right === "number" || typeof right === "string")) {
    return left - Number(right);
  }
  return String(left) < String(right) ? -1 : String(left) > String(right) ? 1 : 0;
}

function like(left: unknown, right: unknown, insensitive: boolean): boolean {
  if (typeof left !== "string") return false;
  const pattern = String(right);
  const haystack = insensitive ? left.toLowerCase() : left;
  const needle = insensitive ? pattern.toLowerCase() : pattern;
  if (!needle.includes("%")) return haystack.includes(needle);
  const source = needle.split("%").map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".*");
  return new RegExp(`^${source}$`, "s").test(haystack);
}

function includes(left: unknown, right: unknown): boolean {
  if (Array.isArray(left)) return left.some((v) => equal(v, right));
  if (typeof left === "string") return left.toLowerCase().includes(String(right).toLowerCase());
  return false;
}

/**
 * Compiles a sort spec into a comparator; `undefined` keeps id order.
 *
 * @example
 * ```ts
 * rows.sort(compileSort({ price: "desc" }));
 * ```
 */
export function compileSort(
  sort: unknown,
  param = "sort",
): (a: object, b: object) => number {
  const keys: [string, number][] = [];
  const specs = sort === undefined || sort === null ? [] : Array.isArray(sort) ? sort : [sort];
  for (const spec of specs) {
    if (typeof spec !== "object" || spec === null) {
      throw inputError(param, `"${param}" must be an object such as {"id": "desc"}`);
    }
    for (const [field, order] of Object.entries(spec)) {
      const direction = String(order).toLowerCase();
      if (direction !== "asc" && direction !== "desc") {
        throw inputError(param, `Sort order of "${field}" must be "asc" or "desc"`);
      }
      keys.push([field, direction === "asc" ? 1 : -1]);
    }
  }
  return (a, b) => {
    const left = a as Record<string, unknown>;
    const right = b as Record<string, unknown>;
    for (const [field, direction] of keys) {
      const result = compare(left[field], right[field]);
      if (result !== 0) return result * direction;
    }
    return Number(left.id) - Number(right.id);
  };
}
