/**
 * The pure printer: document tree → canonical XanoScript. Short objects and
 * arrays stay on one line, longer ones break with aligned colons, stack
 * statements are separated by a blank line, and blocks always end on their
 * own line (11.0.3 rejects one-line `input {}`).
 *
 * @module
 */

import type {
  ApiGroupDocument,
  Attribute,
  Document,
  FieldNode,
  LogicDocument,
  StackNode,
  StatementNode,
  TableDocument,
} from "./ast.ts";
import type { Value } from "./values.ts";

/** Objects and arrays whose one-line form is shorter than this stay on one line. */
const INLINE_LIMIT = 64;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const KEY = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/** Quotes and escapes a string literal. */
export function quote(text: string): string {
  const escaped = text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")
    .replace(/\r/g, "\\r").replace(/\t/g, "\\t");
  return `"${escaped}"`;
}

/** A number in plain decimal notation (XanoScript has no exponents); non-finite is `null`. */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return "null";
  const text = String(Object.is(n, -0) ? 0 : n);
  if (!/e/i.test(text)) return text;
  const [mantissa, exponent] = text.split(/e/i);
  const negative = mantissa.startsWith("-");
  const unsigned = negative ? mantissa.slice(1) : mantissa;
  const digits = unsigned.replace(".", "");
  const point = unsigned.split(".")[0].length + Number(exponent);
  const plain = point <= 0
    ? `0.${"0".repeat(-point)}${digits}`
    : point >= digits.length
    ? digits + "0".repeat(point - digits.length)
    : `${digits.slice(0, point)}.${digits.slice(point)}`;
  return (negative ? "-" : "") + plain;
}

/** An object name: bare when it is an identifier, quoted otherwise. */
export function printName(name: string): string {
  return IDENTIFIER.test(name) ? name : quote(name);
}

function printKey(key: string): string {
  return KEY.test(key) ? key : quote(key);
}

function pad(level: number): string {
  return "  ".repeat(level);
}

function inline(value: Value): string | undefined {
  switch (value.kind) {
    case "expr":
      return value.text;
    case "string":
      return quote(value.value);
    case "number":
      return formatNumber(value.value);
    case "bool":
      return value.value ? "true" : "false";
    case "null":
      return "null";
    case "multiline":
      return undefined;
    case "object": {
      const parts: string[] = [];
      for (const [k, v] of value.entries) {
        const text = inline(v);
        if (text === undefined) return undefined;
        parts.push(`${printKey(k)}: ${text}`);
      }
      return `{${parts.join(", ")}}`;
    }
    case "array": {
      const parts: string[] = [];
      for (const item of value.items) {
        const text = inline(item);
        if (text === undefined) return undefined;
        parts.push(text);
      }
      return `[${parts.join(", ")}]`;
    }
  }
}

/**
 * Prints a value whose first line continues an existing line at indentation
 * `level`; continuation lines are indented to match.
 */
export function printValue(value: Value, level: number): string {
  const one = inline(value);
  const isComposite = value.kind === "object" || value.kind === "array";
  if (one !== undefined && (!isComposite || one.length < INLINE_LIMIT)) return one;
  if (value.kind === "multiline") {
    const body = value.text.replace(/\s+$/, "").split("\n")
      .map((l) => l.trim() === "" ? "" : pad(level + 1) + l);
    return ['"""', ...body, `${pad(level + 1)}"""`].join("\n");
  }
  if (value.kind === "object") {
    if (value.entries.length === 0) return "{}";
    const keys = value.entries.map(([k]) => printKey(k));
    const width = Math.max(...keys.map((k) => k.length));
    const lines = value.entries.map(([, v], i) =>
      `${pad(level + 1)}${keys[i].padEnd(width)}: ${printValue(v, level + 1)}`
    );
    return ["{", ...lines, `${pad(level)}}`].join("\n");
  }
  if (value.kind === "array") {
    if (value.items.length === 0) return "[]";
    const lines = value.items.map((v) => `${pad(level + 1)}${printValue(v, level + 1)}`);
    return ["[", ...lines, `${pad(level)}]`].join("\n");
  }
  return one ?? "null";
}

function attributeLines(attributes: readonly Attribute[], level: number): string[] {
  return attributes.map(([name, v]) => `${pad(level)}${name} = ${printValue(v, level)}`);
}

function block(head: string, body: readonly string[], level: number): string[] {
  return [`${pad(level)}${head} {`, ...body, `${pad(level)}}`];
}

function withBlankLines(groups: readonly (readonly string[])[]): string[] {
  const out: string[] = [];
  groups.forEach((g, i) => {
    if (i > 0) out.push("");
    out.push(...g);
  });
  return out;
}

function printStatement(node: StatementNode, level: number): string[] {
  const head = node.subject === undefined ? node.keyword : `${node.keyword} ${node.subject}`;
  const alias = node.alias === undefined ? "" : ` as $${node.alias}`;
  if (node.attributes.length === 0) return [`${pad(level)}${head}${alias}`];
  const lines = block(head, attributeLines(node.attributes, level + 1), level);
  lines[lines.length - 1] += alias;
  return lines;
}

function printStack(nodes: readonly StackNode[], level: number): string[] {
  return withBlankLines(nodes.map((n) => printStackNode(n, level)));
}

function printStackNode(node: StackNode, level: number): string[] {
  switch (node.kind) {
    case "statement":
      return printStatement(node, level);
    case "conditional": {
      const branches = node.branches.map((b, i) => {
        const head = b.condition === undefined
          ? "else"
          : `${i === 0 ? "if" : "elseif"} (${printValue(b.condition, level + 1)})`;
        return block(head, printStack(b.body, level + 2), level + 1);
      });
      return block("conditional", withBlankLines(branches), level);
    }
    case "foreach": {
      const each = block(`each as $${node.item}`, printStack(node.body, level + 2), level + 1);
      return block(`foreach (${printValue(node.list, level)})`, each, level);
    }
    case "while": {
      const each = block("each", printStack(node.body, level + 2), level + 1);
      return block(`while (${printValue(node.condition, level)})`, each, level);
    }
    default: {
      const unknown: never = node;
      throw new Error(`Unknown stack node ${(unknown as StackNode).kind}`);
    }
  }
}

/** Prints one `input`/`schema` line (plus its attribute block). */
export function printField(field: FieldNode, level: number): string[] {
  let head = `${field.type}${field.nullable ? "?" : ""} ${field.name}`;
  if (field.default !== undefined) head += `?=${printValue(field.default, level)}`;
  else if (field.optional) head += "?";
  if (field.filters) head += ` filters=${field.filters}`;
  if (field.attributes.length === 0) return [pad(level) + head];
  return block(head, attributeLines(field.attributes, level + 1), level);
}

function printFields(fields: readonly FieldNode[], level: number): string[] {
  const out: string[] = [];
  fields.forEach((f, i) => {
    const lines = printField(f, level);
    out.push(...lines);
    if (lines.length > 1 && i < fields.length - 1) out.push("");
  });
  return out;
}

function printLogic(doc: LogicDocument): string[] {
  const head = doc.kind === "query"
    ? `query ${printName(doc.name)} verb=${doc.verb}`
    : `${doc.kind} ${printName(doc.name)}`;
  const groups: string[][] = [];
  if (doc.settings.length > 0) groups.push(attributeLines(doc.settings, 1));
  if (doc.kind !== "task") groups.push(block("input", printFields(doc.input, 2), 1));
  groups.push(block("stack", printStack(doc.stack, 2), 1));
  if (doc.response !== undefined) groups.push([`  response = ${printValue(doc.response, 1)}`]);
  if (doc.schedule !== undefined) groups.push([`  schedule = ${printValue(doc.schedule, 1)}`]);
  return block(head, withBlankLines(groups), 0);
}

function printTable(doc: TableDocument): string[] {
  const groups: string[][] = [];
  if (doc.settings.length > 0) groups.push(attributeLines(doc.settings, 1));
  groups.push(block("schema", printFields(doc.schema, 2), 1));
  if (doc.index.length > 0) {
    groups.push([`  index = ${printValue({ kind: "array", items: doc.index }, 1)}`]);
  }
  return block(`table ${printName(doc.name)}`, withBlankLines(groups), 0);
}

function printApiGroup(doc: ApiGroupDocument): string[] {
  return block(`api_group ${printName(doc.name)}`, attributeLines(doc.settings, 1), 0);
}

/** Prints one document, without a trailing newline. */
export function printDocument(doc: Document): string {
  switch (doc.kind) {
    case "table":
      return printTable(doc).join("\n");
    case "api_group":
      return printApiGroup(doc).join("\n");
    default:
      return printLogic(doc).join("\n");
  }
}

/** Prints several documents as a multidoc (`---` between them). */
export function printDocuments(docs: readonly Document[]): string {
  return docs.map(printDocument).join("\n---\n");
}
