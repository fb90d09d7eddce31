/**
 * Printer: syntax tree → canonical XanoScript. Two-space indentation, one
 * statement/attribute/field per line, a blank line around object-level
 * blocks, objects and arrays on one line when they fit in 80 columns.
 * Re-parsing the output gives the same tree, and printing is idempotent.
 *
 * @module
 */

import type {
  XsAccessor,
  XsAtom,
  XsDocument,
  XsExpr,
  XsField,
  XsFilter,
  XsItem,
  XsObject,
  XsStatement,
  XsUnit,
} from "./ast.ts";

const INDENT = "  ";
const WIDTH = 80;
const IDENT = /^[A-Za-z_]\w*$/;

/** Prints a document; several objects are joined into a multidoc with `---` lines. */
export function printDocument(document: XsDocument): string {
  return document.objects.map(printObject).join("\n---\n");
}

/** Prints one object with a trailing newline. */
export function printObject(object: XsObject): string {
  const lines: string[] = object.leading.map((c) => c.text);
  const name = object.name === "" ? "" : " " + object.name;
  const verb = object.verb ? ` verb=${object.verb}` : "";
  lines.push(`${object.type}${name}${verb} {`);
  object.body.forEach((item, k) => {
    const prev = object.body[k - 1];
    if (prev && (isBlockish(item) || isBlockish(prev)) && prev.kind !== "comment") lines.push("");
    lines.push(...printItem(item, INDENT));
  });
  lines.push("}");
  return lines.join("\n") + "\n";
}

function isBlockish(item: XsItem): boolean {
  return item.kind === "block" && item.body !== undefined;
}

function printItem(item: XsItem, ind: string): string[] {
  switch (item.kind) {
    case "comment":
      return [ind + item.text];
    case "attribute": {
      const name = IDENT.test(item.name) ? item.name : JSON.stringify(item.name);
      return prefixFirst(printExpr(item.value, ind), `${ind}${item.disabled ? "!" : ""}${name} = `);
    }
    case "block": {
      let head = ind + item.keyword;
      if (item.label !== undefined) head += " " + item.label;
      if (item.paren) head += ` (${printExpr(item.paren, ind).join("\n")})`;
      if (item.as !== undefined) head += " as " + item.as;
      const lines = item.body === undefined ? [head] : printBody(head, item.body, ind);
      if (item.trailingBreak) lines[lines.length - 1] += " break";
      return lines;
    }
    case "statement":
      return printStatement(item, ind);
    case "field":
      return printField(item, ind);
  }
}

function printBody(head: string, body: readonly XsItem[], ind: string): string[] {
  const lines = [head + " {"];
  for (const item of body) lines.push(...printItem(item, ind + INDENT));
  lines.push(ind + "}");
  return lines;
}

function printStatement(s: XsStatement, ind: string): string[] {
  let head = ind + (s.bang ? "!" : "") + s.name;
  if (s.target !== undefined) head += " " + s.target;
  if (s.paren) head += ` (${printExpr(s.paren, ind).join("\n")})`;
  const lines = s.body === undefined ? [head] : printBody(head, s.body, ind);
  if (s.as !== undefined) lines[lines.length - 1] += " as " + s.as;
  return lines;
}

function printField(f: XsField, ind: string): string[] {
  let head = ind + f.type + (f.list ?? "");
  if (f.nullable) head += "?";
  if (f.name !== "") head += " " + f.name;
  if (f.optional) head += "?";
  if (f.default !== undefined) head += "=" + f.default;
  if (f.filters.length > 0) {
    head += " filters=" +
      f.filters.map((x) => (x.disabled ? "!" : "") + x.name + x.args.map((a) => ":" + a).join(""))
        .join("|");
  }
  return f.body === undefined ? [head] : printBody(head, f.body, ind);
}

/** Prints an expression; continuation lines are indented from `ind`. */
export function printExpr(e: XsExpr, ind = ""): string[] {
  switch (e.kind) {
    case "unit":
      return printUnit(e, ind);
    case "binary": {
      const op = e.op + (e.nullSafe ? "?" : "");
      return joinParts([printUnit(e.left, ind), [` ${op} `], printExpr(e.right, ind)]);
    }
    case "ternary":
      return joinParts([
        printUnit(e.test, ind),
        [" ? "],
        printExpr(e.then, ind),
        [" : "],
        printExpr(e.otherwise, ind),
      ]);
  }
}

/** Concatenates multi-line fragments: each part continues the previous part's last line. */
function joinParts(parts: string[][]): string[] {
  const out: string[] = [""];
  for (const part of parts) {
    out[out.length - 1] += part[0];
    out.push(...part.slice(1));
  }
  return out;
}

function printUnit(u: XsUnit, ind: string): string[] {
  return joinParts([
    ["!".repeat(u.not)],
    printAtom(u.atom, ind),
    printPath(u.path, ind),
    printFilters(u.filters, ind),
  ]);
}

function printFilters(filters: readonly XsFilter[], ind: string): string[] {
  const parts: string[][] = [];
  for (const f of filters) {
    parts.push([`|${f.disabled ? "!" : ""}${f.name}`]);
    for (const a of f.args) parts.push([":"], printExpr(a, ind));
  }
  return parts.length === 0 ? [""] : joinParts(parts);
}

function printPath(path: readonly XsAccessor[], ind: string): string[] {
  const parts: string[][] = [[""]];
  for (const a of path) {
    if (a.kind === "prop") parts.push(["." + a.name]);
    else parts.push([a.dotted ? ".[" : "["], printExpr(a.expr, ind), ["]"]);
  }
  return joinParts(parts);
}

function printAtom(a: XsAtom, ind: string): string[] {
  switch (a.kind) {
    case "literal":
      return a.raw.split("\n");
    case "variable":
      return joinParts([[a.name], printPath(a.path, ind)]);
    case "paren":
      return joinParts([["("], printExpr(a.expr, ind), [")"], printPath(a.path, ind)]);
    case "cast":
      return [`!${a.type} ${a.raw}`];
    case "filter_only":
      return printFilters(a.filters, ind);
    case "array":
      return printCollection("[", "]", a.items.map((x) => printExpr(x, ind + INDENT)), ind);
    case "object":
      return printCollection(
        "{",
        "}",
        a.entries.map((en) =>
          prefixFirst(printExpr(en.value, ind + INDENT), `${en.disabled ? "!" : ""}${en.key}: `)
        ),
        ind,
      );
  }
}

function printCollection(open: string, close: string, items: string[][], ind: string): string[] {
  if (items.length === 0) return [open + close];
  const flat = items.every((x) => x.length === 1);
  if (flat) {
    const one = open + items.map((x) => x[0]).join(", ") + close;
    if (one.length + ind.length <= WIDTH) return [one];
  }
  const lines = [open];
  for (const item of items) {
    lines.push(ind + INDENT + item[0], ...item.slice(1));
  }
  lines.push(ind + close);
  return lines;
}

function prefixFirst(lines: string[], prefix: string): string[] {
  return [prefix + lines[0], ...lines.slice(1)];
}
