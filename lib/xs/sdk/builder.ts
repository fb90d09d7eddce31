/**
 * The immutable fluent builder for endpoints (`query`), functions and tasks.
 * Every method returns a new builder over frozen state; problems in the
 * arguments become diagnostics, never exceptions.
 *
 * @example
 * ```ts
 * const { script } = create("users/{id}", "GET")
 *   .input("id", "int")
 *   .dbGet("user", { id: "$input.id" }, "user")
 *   .response("$user")
 *   .build();
 * ```
 * @module
 */

import type { Diagnostic, Fix } from "../diagnostics.ts";
import type { Attribute, FieldNode, LogicDocument, StackNode } from "./ast.ts";
import { statement as statementNode } from "./ast.ts";
import { diagnostic, locate } from "./diagnostic.ts";
import {
  branchStep,
  closerOf,
  closeStep,
  type Frame,
  frameNode,
  pushNode,
  type Step,
  thenStep,
} from "./frames.ts";
import { inputField, type InputOptions } from "./fields.ts";
import { IDENTIFIER } from "./names.ts";
import { printDocument } from "./print.ts";
import * as db from "./db.ts";
import * as st from "./statements.ts";
import { type SdkValue, stringValue, toExpr, toValue, type Value } from "./values.ts";

/** A one-field lookup such as `{ id: "$input.id" }`. */
export type Lookup = { readonly [field: string]: SdkValue };

/** What `.build()` returns. */
export interface BuildResult {
  readonly script: string;
  readonly diagnostics: readonly Diagnostic[];
  /** Always empty here: repairs are made by `compileSdkCode` before building. */
  readonly fixes: readonly Fix[];
}

/** A callback that fills a nested block. */
export type BodyCallback = (body: LogicBuilder) => LogicBuilder | void;

/** The frozen state behind a {@link LogicBuilder}. */
export interface State {
  readonly kind: "query" | "function" | "task";
  readonly name: string;
  readonly verb?: string;
  readonly settings: readonly Attribute[];
  readonly input: readonly FieldNode[];
  readonly frames: readonly Frame[];
  readonly response?: Value;
  readonly schedule?: Value;
  readonly diagnostics: readonly Diagnostic[];
}

/** An empty root block. */
export const ROOT: Frame = Object.freeze({ kind: "root", body: Object.freeze([]) });
const SETTING_ORDER = ["api_group", "auth", "description", "tags"];

/** Builder of a `query`, `function` or `task` document. */
export class LogicBuilder {
  readonly #state: State;

  /** Use {@link create}, {@link createFunction} or {@link createTask}. */
  constructor(state: State) {
    this.#state = Object.freeze(state);
  }

  /** The object kind this builder emits. */
  get kind(): State["kind"] {
    return this.#state.kind;
  }

  /** The object name. */
  get name(): string {
    return this.#state.name;
  }

  /** The endpoint verb, for `query`. */
  get verb(): string | undefined {
    return this.#state.verb;
  }

  /** Diagnostics collected so far (line 0 = not yet tied to a source position). */
  get diagnostics(): readonly Diagnostic[] {
    return this.#state.diagnostics;
  }

  /** Ties diagnostics without a position to `line:column` (used by the translator). */
  atSource(line: number, column: number): LogicBuilder {
    return this.#with({ diagnostics: locate(this.#state.diagnostics, line, column) });
  }

  #with(patch: Partial<State>): LogicBuilder {
    return new LogicBuilder({ ...this.#state, ...patch });
  }

  #report(code: string, message: string, fix?: string): LogicBuilder {
    return this.#with({
      diagnostics: [...this.#state.diagnostics, diagnostic(code, message, { fix })],
    });
  }

  #issues(): [Diagnostic[], st.Report] {
    const issues: Diagnostic[] = [];
    return [issues, (code, message, fix) => issues.push(diagnostic(code, message, { fix }))];
  }

  #emit(build: (report: st.Report) => StackNode | undefined): LogicBuilder {
    const [issues, report] = this.#issues();
    return this.#push(build(report), issues);
  }

  #push(node: StackNode | undefined, issues: readonly Diagnostic[] = []): LogicBuilder {
    if (!node) return this.#with({ diagnostics: [...this.#state.diagnostics, ...issues] });
    return this.#step(pushNode(this.#state.frames, node), issues);
  }

  #setting(name: string, value: Value, onlyFor?: State["kind"][]): LogicBuilder {
    if (onlyFor && !onlyFor.includes(this.#state.kind)) {
      return this.#report("SDK_NOT_ALLOWED", `A ${this.#state.kind} has no ${name} setting`);
    }
    const settings = this.#state.settings.filter(([n]) => n !== name);
    settings.push(Object.freeze([name, value] as const));
    settings.sort((a, b) => SETTING_ORDER.indexOf(a[0]) - SETTING_ORDER.indexOf(b[0]));
    return this.#with({ settings });
  }

  /** `description = "…"`. */
  description(text: string): LogicBuilder {
    return this.#setting("description", stringValue(String(text)));
  }

  /** `tags = […]`. */
  tags(tags: readonly string[]): LogicBuilder {
    return this.#setting("tags", toValue((Array.isArray(tags) ? tags : [tags]).map(String)));
  }

  /** `api_group = "<name>"` (endpoints only). */
  apiGroup(name: string): LogicBuilder {
    return this.#setting("api_group", stringValue(String(name)), ["query"]);
  }

  /** `auth = "<table>"` (endpoints only). */
  requiresAuth(table = "user"): LogicBuilder {
    return this.#setting("auth", stringValue(String(table)), ["query"]);
  }

  /** One line in `input { … }`; `required` defaults to true. */
  input(name: string, type: string, options?: InputOptions): LogicBuilder {
    if (this.#state.kind === "task") {
      return this.#report("SDK_NOT_ALLOWED", "A task has no input block", "use a var instead");
    }
    const [issues, report] = this.#issues();
    const field = inputField(name, type, options, report);
    return this.#with({
      input: field ? [...this.#state.input, field] : this.#state.input,
      diagnostics: [...this.#state.diagnostics, ...issues],
    });
  }

  /** `var $name { value = … }`. */
  var(name: string, value: SdkValue): LogicBuilder {
    return this.#emit((r) => st.variable("var", name, value, r));
  }

  /** `var.update $name { value = … }`. */
  varUpdate(name: string, value: SdkValue): LogicBuilder {
    return this.#emit((r) => st.variable("var.update", name, value, r));
  }

  /** `db.get <table> { field_name  field_value } as $alias`. */
  dbGet(table: string, filter: Lookup, alias?: string): LogicBuilder {
    return this.#emit((r) => db.dbLookup("db.get", table, filter, alias, r));
  }

  /** `db.has <table> { field_name  field_value } as $alias`. */
  dbHas(table: string, filter: Lookup, alias?: string): LogicBuilder {
    return this.#emit((r) => db.dbLookup("db.has", table, filter, alias, r));
  }

  /** `db.query <table> { where  sort  return  output } as $alias`. */
  dbQuery(table: string, options?: db.DbQueryOptions, alias?: string): LogicBuilder {
    return this.#emit((r) => db.dbQuery(table, options, alias, r));
  }

  /** `db.add <table> { data = {…} } as $alias`. */
  dbAdd(table: string, data: SdkValue, alias?: string): LogicBuilder {
    return this.#emit((r) => db.dbAdd(table, data, alias, r));
  }

  /** `db.edit <table> { field_name  field_value  data } as $alias`. */
  dbEdit(table: string, filter: Lookup, data: SdkValue, alias?: string): LogicBuilder {
    return this.#emit((r) => db.dbWrite("db.edit", table, filter, data, alias, r));
  }

  /** `db.patch <table> { field_name  field_value  data } as $alias`. */
  dbPatch(table: string, filter: Lookup, data: SdkValue, alias?: string): LogicBuilder {
    return this.#emit((r) => db.dbWrite("db.patch", table, filter, data, alias, r));
  }

  /** `db.add_or_edit <table> { field_name  field_value  data } as $alias`. */
  dbAddOrEdit(table: string, filter: Lookup, data: SdkValue, alias?: string): LogicBuilder {
    return this.#emit((r) => db.dbWrite("db.add_or_edit", table, filter, data, alias, r));
  }

  /** `db.del <table> { field_name  field_value }` (no result). */
  dbDelete(table: string, filter: Lookup): LogicBuilder {
    return this.#emit((r) => db.dbDelete(table, filter, r));
  }

  /** `db.bulk.add <table> { items = … } as $alias`. */
  dbBulkAdd(table: string, items: SdkValue, alias?: string): LogicBuilder {
    return this.#emit((r) => db.dbBulkAdd(table, items, alias, r));
  }

  /** `db.bulk.delete <table> { where = … } as $alias`. */
  dbBulkDelete(table: string, where: SdkValue, alias?: string): LogicBuilder {
    return this.#emit((r) => db.dbBulkDelete(table, where, alias, r));
  }

  #step(step: Step, extra: readonly Diagnostic[] = []): LogicBuilder {
    const diagnostics = [...this.#state.diagnostics, ...extra];
    if (step.error !== undefined) diagnostics.push(diagnostic("SDK_BAD_NESTING", step.error));
    return this.#with({ frames: step.frames ?? this.#state.frames, diagnostics });
  }

  #body(fn: BodyCallback | undefined): { body?: readonly StackNode[]; diagnostics: Diagnostic[] } {
    if (!fn) return { diagnostics: [] };
    const child = new LogicBuilder({
      ...this.#state,
      settings: [],
      input: [],
      frames: [ROOT],
      diagnostics: [],
    });
    const result = typeof fn === "function" ? fn(child) : undefined;
    if (!(result instanceof LogicBuilder)) {
      const fix = "write b => b.var(…).dbGet(…), returning the chain";
      return {
        body: [],
        diagnostics: [
          diagnostic("SDK_BAD_CALLBACK", "A block callback must return the builder", { fix }),
        ],
      };
    }
    const closed = result.#closeAll();
    const root = closed.#state.frames[0];
    return {
      body: root.kind === "root" ? root.body : [],
      diagnostics: [...closed.#state.diagnostics],
    };
  }

  #open(frame: Frame, fn: BodyCallback | undefined): LogicBuilder {
    if (!fn) return this.#with({ frames: [...this.#state.frames, frame] });
    const { body, diagnostics } = this.#body(fn);
    return this.#push(frameNode({ ...frame, body: body ?? [] } as Frame), diagnostics);
  }

  /** Opens `conditional { if (<expr>) … }`; continue with `.then()`. */
  conditional(condition: SdkValue): LogicBuilder {
    return this.#open({ kind: "conditional", branches: [], pending: toExpr(condition) }, undefined);
  }

  /** The body of the pending `if`/`elseif`, as a callback or open until the next branch. */
  then(fn?: BodyCallback): LogicBuilder {
    const { body, diagnostics } = this.#body(fn);
    return this.#step(thenStep(this.#state.frames, body), diagnostics);
  }

  /** `elseif (<expr>) { … }`. */
  elseIf(condition: SdkValue, fn?: BodyCallback): LogicBuilder {
    const { body, diagnostics } = this.#body(fn);
    return this.#step(
      branchStep(this.#state.frames, toExpr(condition), body, "elseIf"),
      diagnostics,
    );
  }

  /** `else { … }`. */
  else(fn?: BodyCallback): LogicBuilder {
    const { body, diagnostics } = this.#body(fn);
    return this.#step(branchStep(this.#state.frames, undefined, body, "else"), diagnostics);
  }

  /** Closes `.conditional()`. */
  endConditional(): LogicBuilder {
    return this.#step(closeStep(this.#state.frames, "conditional", "endConditional"));
  }

  /** `foreach (<list>) { each as $item { … } }`, with a callback or until `.endForEach()`. */
  forEach(list: SdkValue, item: string, fn?: BodyCallback): LogicBuilder {
    if (typeof item !== "string" || !IDENTIFIER.test(item)) {
      return this.#report(
        "SDK_BAD_NAME",
        `Loop item name ${JSON.stringify(item)} is not an identifier`,
      );
    }
    return this.#open({ kind: "foreach", list: toExpr(list), item, body: [] }, fn);
  }

  /** Closes `.forEach()`. */
  endForEach(): LogicBuilder {
    return this.#step(closeStep(this.#state.frames, "foreach", "endForEach"));
  }

  /** `while (<expr>) { each { … } }`, with a callback or until `.endWhile()`. */
  while(condition: SdkValue, fn?: BodyCallback): LogicBuilder {
    return this.#open({ kind: "while", condition: toExpr(condition), body: [] }, fn);
  }

  /** Closes `.while()`. */
  endWhile(): LogicBuilder {
    return this.#step(closeStep(this.#state.frames, "while", "endWhile"));
  }

  /** `precondition (<expr>) { error_type  error }`. */
  precondition(condition: SdkValue, message: string, kind?: string | number): LogicBuilder {
    return this.#emit((r) => st.precondition(condition, message, kind, r));
  }

  /** `throw { name  value }`. */
  throwError(name: string, message: SdkValue): LogicBuilder {
    return this.#emit(() => st.throwError(name, message));
  }

  /** `api.request { url  method  params  headers  timeout } as $alias`. */
  apiRequest(
    url: SdkValue,
    method = "GET",
    options?: st.ApiRequestOptions,
    alias?: string,
  ): LogicBuilder {
    return this.#emit((r) => st.apiRequest(url, method, options, alias, r));
  }

  /** `function.run "<name>" { input = {…} } as $alias`. */
  callFunction(name: string, input: SdkValue = {}, alias?: string): LogicBuilder {
    return this.#emit((r) => st.callFunction(name, input, alias, r));
  }

  /** `api.lambda { code = """…"""  timeout } as $alias`. */
  lambda(code: string, alias?: string, timeout?: number): LogicBuilder {
    return this.#emit((r) => st.lambda(code, alias, timeout, r));
  }

  /** `security.create_auth_token { table  id  expiration  extras } as $alias`. */
  createAuthToken(
    table: string,
    id: SdkValue,
    expiration: SdkValue = 86400,
    alias?: string,
  ): LogicBuilder {
    return this.#emit((r) => st.createAuthToken(table, id, expiration, alias, r));
  }

  /** `security.check_password { text_password  hash_password } as $alias`. */
  verifyPassword(plain: SdkValue, hash: SdkValue, alias?: string): LogicBuilder {
    return this.#emit((r) => st.verifyPassword(plain, hash, alias, r));
  }

  /** `debug.log { value = … }`. */
  debugLog(value: SdkValue): LogicBuilder {
    return this.#emit(() => st.valueStatement("debug.log", value));
  }

  /** `return { value = … }` (early return). */
  return(value: SdkValue): LogicBuilder {
    return this.#emit(() => st.valueStatement("return", value));
  }

  /**
   * Any block statement the SDK has no method for, e.g.
   * `.statement("util.get_raw_input", { encoding: "raw" }, { alias: "raw" })`.
   * For trusted callers (templates); SDK code cannot call it.
   */
  statement(
    keyword: string,
    attributes: { readonly [name: string]: SdkValue },
    options: { subject?: string; alias?: string } = {},
  ): LogicBuilder {
    const list = Object.entries(attributes).map(([k, v]) => [k, toValue(v)] as const);
    return this.#emit((r) => {
      const alias = st.checkAlias(options.alias, r);
      return statementNode(keyword, list, { subject: options.subject, alias });
    });
  }

  /** `response = …`. */
  response(value: SdkValue): LogicBuilder {
    if (this.#state.kind === "task") {
      return this.#report(
        "SDK_NOT_ALLOWED",
        "A task has no response",
        "log the value with .debugLog()",
      );
    }
    return this.#with({ response: toValue(value) });
  }

  /** `schedule = [{starts_on, freq}]` (tasks only); `starts_on` is `YYYY-MM-DD HH:MM:SS+0000`. */
  schedule(events: readonly { readonly [key: string]: SdkValue }[]): LogicBuilder {
    if (this.#state.kind !== "task") {
      return this.#report("SDK_NOT_ALLOWED", "Only a task has a schedule");
    }
    const [issues, report] = this.#issues();
    const schedule = st.schedule(events, report);
    return this.#with({ schedule, diagnostics: [...this.#state.diagnostics, ...issues] });
  }

  #closeAll(): LogicBuilder {
    let frames = this.#state.frames;
    const diagnostics = [...this.#state.diagnostics];
    while (frames.length > 1) {
      const top = frames[frames.length - 1];
      const closer = closerOf(top.kind);
      diagnostics.push(
        diagnostic("SDK_UNCLOSED_BLOCK", `A block is never closed with .${closer}()`, {
          fix: `end it with .${closer}()`,
        }),
      );
      const patched = top.kind === "conditional" ? { ...top, pending: undefined } : top;
      const step = closeStep([...frames.slice(0, -1), patched], top.kind, closer);
      frames = step.frames ?? frames.slice(0, -1);
    }
    return this.#with({ frames, diagnostics });
  }

  /** The frozen document this builder describes. */
  document(): LogicDocument {
    const closed = this.#closeAll();
    const s = closed.#state;
    const root = s.frames[0];
    return Object.freeze({
      kind: s.kind,
      name: s.name,
      ...(s.verb === undefined ? {} : { verb: s.verb }),
      settings: Object.freeze([...s.settings]),
      input: Object.freeze([...s.input]),
      stack: Object.freeze(root.kind === "root" ? [...root.body] : []),
      ...(s.response === undefined ? {} : { response: s.response }),
      ...(s.schedule === undefined ? {} : { schedule: s.schedule }),
    });
  }

  /**
   * The finished document and every diagnostic, including unclosed blocks and
   * a missing response; positionless ones stay at line 0.
   */
  finish(): { readonly document: LogicDocument; readonly diagnostics: readonly Diagnostic[] } {
    const closed = this.#closeAll();
    const document = closed.document();
    const diagnostics = [...closed.#state.diagnostics];
    if (document.kind !== "task" && document.response === undefined) {
      diagnostics.push(
        diagnostic(
          "SDK_MISSING_RESPONSE",
          `The ${document.kind} "${document.name}" has no .response()`,
          {
            fix: '.response("$result") at the end of the chain',
          },
        ),
      );
    }
    return { document, diagnostics };
  }

  /** Prints the XanoScript and returns it with every diagnostic. */
  build(): BuildResult {
    const { document, diagnostics } = this.finish();
    return Object.freeze({
      script: printDocument(document),
      diagnostics: Object.freeze(locate(diagnostics, 1, 1)),
      fixes: [],
    });
  }
}
