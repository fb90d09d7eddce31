/**
 * One case per SDK method (and notable option): a builder and the golden file
 * holding the exact XanoScript it must print. Every golden file is accepted by
 * Xano's official 11.0.3 parser (checked when the goldens were written).
 */

import {
  buildArray,
  buildObject,
  type BuildResult,
  create,
  createApiGroup,
  createFunction,
  createTable,
  createTask,
  expr,
  FluentBuilder,
  type LogicBuilder,
} from "../../../../lib/xs/sdk/mod.ts";

/** A function whose stack is filled by `fill`, responding `$result` unless told otherwise. */
function fn(fill: (b: LogicBuilder) => LogicBuilder, response = "$result"): BuildResult {
  return fill(createFunction("probe")).response(response).build();
}

/** Golden cases: name (also the golden file name) → builder result. */
export const GOLDEN_CASES: Readonly<Record<string, () => BuildResult>> = {
  create_minimal: () => create("ping", "GET").response({ ok: true }).build(),
  create_path_name: () => create("users/{user_id}", "DELETE").response(null).build(),
  description: () => create("ping", "GET").description('Says "pong"').response("pong").build(),
  tags: () => create("ping", "GET").tags(["ops", "health"]).response(true).build(),
  api_group_setting: () => create("ping", "GET").apiGroup("ops").response(1).build(),
  requires_auth_default: () => create("me", "GET").requiresAuth().response("$auth.id").build(),
  requires_auth_table: () => create("me", "GET").requiresAuth("admin").response("$auth").build(),
  input_required: () =>
    create("echo", "POST").input("name", "text").response("$input.name").build(),
  input_optional: () =>
    create("echo", "POST").input("name", "text", { required: false }).response("$input.name")
      .build(),
  input_nullable_default_filters: () =>
    create("list", "GET")
      .input("page", "int", { default: 1, filters: "min:1" })
      .input("per_page", "int", { default: 20, filters: ["min:1", "max:100"] })
      .input("q", "text", { nullable: true, required: false, filters: "trim|lower" })
      .response("$input.page")
      .build(),
  input_attributes: () =>
    create("signup", "POST")
      .input("email", "email", { description: "Login email", sensitive: true })
      .input("team_id", "int", { table: "team" })
      .input("role", "enum", { values: ["member", "admin"], default: "member" })
      .input("tags", "text[]", { required: false })
      .input("since", "timestamp", { default: "now" })
      .response("$input.role")
      .build(),
  var: () => fn((b) => b.var("result", { count: 0, name: "x", items: [1, 2] })),
  var_update: () => fn((b) => b.var("result", 1).varUpdate("result", "$result + 1")),
  db_get: () => fn((b) => b.dbGet("user", { id: "$input.id" }, "result")),
  db_has: () => fn((b) => b.dbHas("user", { email: "a@b.co" }, "result")),
  db_query_list: () => fn((b) => b.dbQuery("post", {}, "result")),
  db_query_where_sort_paging: () =>
    fn((b) =>
      b.dbQuery("post", {
        where: { user_id: "$auth.id", published: true },
        sort: { created_at: "desc" },
        page: "$input.page",
        perPage: 20,
        totals: true,
      }, "result")
    ),
  db_query_expression_where: () =>
    fn((b) =>
      b.dbQuery("post", {
        where: "$db.post.title includes $input.q",
        return: "single",
        output: ["id", "title"],
      }, "result")
    ),
  db_query_count: () => fn((b) => b.dbQuery("post", { return: "count" }, "result")),
  db_query_exists: () =>
    fn((b) => b.dbQuery("post", { where: { id: 1 }, return: "exists" }, "result")),
  db_add: () => fn((b) => b.dbAdd("post", { title: "$input.title", created_at: "now" }, "result")),
  db_edit: () => fn((b) => b.dbEdit("post", { id: "$input.id" }, { title: "New" }, "result")),
  db_patch: () => fn((b) => b.var("changes", {}).dbPatch("post", { id: 1 }, "$changes", "result")),
  db_add_or_edit: () =>
    fn((b) =>
      b.dbAddOrEdit("setting", { key: "theme" }, { key: "theme", value: "dark" }, "result")
    ),
  db_delete: () => fn((b) => b.dbDelete("post", { id: "$input.id" }), "ok"),
  db_bulk_add: () => fn((b) => b.dbBulkAdd("tag", [{ name: "a" }, { name: "b" }], "result")),
  db_bulk_delete: () => fn((b) => b.dbBulkDelete("tag", { name: "old" }, "result")),
  conditional_callbacks: () =>
    fn((b) =>
      b.var("result", 0)
        .conditional("$input.n > 10").then((c) => c.varUpdate("result", 2))
        .elseIf("$input.n > 5", (c) => c.varUpdate("result", 1))
        .else((c) => c.debugLog("small"))
        .endConditional()
    ),
  conditional_open: () =>
    fn((b) =>
      b.var("result", 0)
        .conditional("$input.flag").then().varUpdate("result", 1)
        .else().varUpdate("result", 2)
        .endConditional()
    ),
  for_each_callback: () =>
    fn((b) =>
      b.var("result", 0).forEach(
        "$input.items",
        "item",
        (c) => c.varUpdate("result", "$result + $item"),
      )
    ),
  for_each_open: () =>
    fn((b) => b.var("result", []).forEach("$input.items", "item").debugLog("$item").endForEach()),
  while_open: () =>
    fn((b) =>
      b.var("result", 0).while("$result < 3").varUpdate("result", "$result + 1").endWhile()
    ),
  while_callback: () =>
    fn((b) => b.var("result", 0).while("$result < 3", (c) => c.varUpdate("result", "$result + 1"))),
  precondition_default: () =>
    fn((b) => b.precondition("$input.age >= 18", "Too young").var("result", true)),
  precondition_kinds: () =>
    fn((b) =>
      b.precondition("$auth.id != null", "Sign in first", "accessdenied")
        .precondition("$input.id > 0", "Not found", 404)
        .precondition("$input.ok", "Broken", 500)
        .var("result", true)
    ),
  throw_error: () => fn((b) => b.throwError("PaymentFailed", "Card declined").var("result", 0)),
  api_request: () =>
    fn((b) =>
      b.apiRequest("https://api.example.com/items", "POST", {
        headers: { "Content-Type": "application/json", Authorization: "$env.API_AUTH" },
        body: { name: "$input.name" },
        timeout: 30,
      }, "result")
    ),
  api_request_query: () =>
    fn((b) =>
      b.apiRequest("https://api.example.com/search", "GET", { query: { q: "$input.q" } }, "result")
    ),
  api_request_body_and_query: () =>
    fn((b) =>
      b.apiRequest("https://api.example.com/items", "PUT", {
        body: { a: 1 },
        query: { dry: "yes" },
      }, "result")
    ),
  call_function: () => fn((b) => b.callFunction("cart/total", { cart_id: 1 }, "result")),
  call_function_no_input: () => fn((b) => b.callFunction("reports/daily", {}, "result")),
  lambda: () => fn((b) => b.lambda("const a = 1;\nreturn a + 1;", "result", 5)),
  create_auth_token: () => fn((b) => b.createAuthToken("user", "$input.id", 3600, "result")),
  verify_password: () => fn((b) => b.verifyPassword("$input.password", "$input.hash", "result")),
  debug_log: () => fn((b) => b.debugLog({ at: "start" }).var("result", 1)),
  return_early: () => fn((b) => b.return(42).var("result", 0)),
  response_object: () =>
    create("summary", "GET").response({ id: 1, name: "$input.name", list: [1, "a"] }).build(),
  response_long_object: () =>
    create("summary", "GET").response({
      identifier: "$input.identifier",
      display_name: "$input.display_name",
      nested: { a: 1 },
    }).build(),
  helpers_expr_chain_build: () =>
    fn((b) =>
      b.var("a", expr("$input.x + 1"))
        .var("b", FluentBuilder.chain("$input.name", "trim", "to_lower", ["concat", '"!"']))
        .var("c", buildObject({ k: "$a" }))
        .var("result", buildArray(["$b", "$c"]))
    ),
  task_schedule: () =>
    createTask("nightly").description("Clean up").dbBulkDelete(
      "session",
      "$db.session.expired",
      "gone",
    )
      .schedule([{ starts_on: "2025-01-01 02:00:00+0000", freq: 86400 }]).build(),
  table: () =>
    createTable("product").description("Products")
      .field("name", "text", { filters: "trim" })
      .field("price", "decimal", { default: 0.5 })
      .field("kind", "enum", { values: ["a", "b"], default: "a" })
      .field("owner_id", "int", { table: "user" })
      .field("created_at", "timestamp", { default: "now" })
      .index("btree", ["name"])
      .index("btree|unique", [{ name: "created_at", op: "desc" }])
      .build(),
  table_auth: () =>
    createTable("user").auth().field("email", "email", { sensitive: true }).field(
      "password",
      "password",
    )
      .build(),
  api_group: () =>
    createApiGroup("Shop Admin").description("Admin endpoints").tags(["admin"]).build(),
  api_group_canonical: () => createApiGroup("shop", "shop-v1").build(),
};
