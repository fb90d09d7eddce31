import assert from "node:assert/strict";
import { isValid } from "../../../../lib/xs/diagnostics.ts";
import { validateXanoScript } from "../../../../lib/xs/mod.ts";
import { crudTemplate } from "../../../../lib/xs/templates/mod.ts";
import { TEMPLATE_CASES } from "./cases.ts";

const goldenDir = new URL("./golden/", import.meta.url);

Deno.test("templates: each output equals its golden multidoc", async (t) => {
  for (const [name, make] of Object.entries(TEMPLATE_CASES)) {
    await t.step(name, async () => {
      const expected = await Deno.readTextFile(new URL(`${name}.xs`, goldenDir));
      assert.equal(make().multidoc + "\n", expected);
    });
  }
});

Deno.test("templates: every file is valid XanoScript and built without diagnostics", () => {
  for (const [name, make] of Object.entries(TEMPLATE_CASES)) {
    const r = make();
    assert.deepEqual(r.diagnostics, [], name);
    for (const f of r.files) {
      const diagnostics = validateXanoScript(f.xanoscript);
      assert.ok(isValid(diagnostics), `${name} ${f.path}: ${JSON.stringify(diagnostics)}`);
    }
    assert.ok(isValid(validateXanoScript(r.multidoc)), name);
  }
});

Deno.test("templates: crud has a table, a group and five endpoints at conventional paths", () => {
  const r = TEMPLATE_CASES.crud_owned();
  assert.deepEqual(r.files.map((f) => [f.kind, f.path, f.verb]), [
    ["table", "table/post.xs", undefined],
    ["api_group", "api/posts/api_group.xs", undefined],
    ["query", "api/posts/posts_GET.xs", "GET"],
    ["query", "api/posts/posts_post_id_GET.xs", "GET"],
    ["query", "api/posts/posts_POST.xs", "POST"],
    ["query", "api/posts/posts_post_id_PATCH.xs", "PATCH"],
    ["query", "api/posts/posts_post_id_DELETE.xs", "DELETE"],
  ]);
  const [table, , list, get, add, update, remove] = r.files.map((f) => f.xanoscript);
  assert.match(table, /int user_id \{\n\s+table = "user"/);
  assert.match(list, /paging: \{page: \$input.page, per_page: \$input.per_page, totals: true\}/);
  assert.match(list, /sort = \{post.created_at: "asc"\}/);
  assert.match(list, /where = \$db.post.user_id == \$auth.id/);
  for (const text of [get, update, remove]) assert.match(text, /\$post.user_id == \$auth.id/);
  assert.match(add, /user_id: \$auth.id/);
  assert.match(update, /text title\? filters=trim/);
  assert.match(remove, /db.del post/);
  for (const f of r.files.slice(2)) assert.match(f.xanoscript, /auth = "user"/);
});

Deno.test("templates: crud without auth has no auth clause and no owner checks", () => {
  const r = TEMPLATE_CASES.crud_public();
  for (const f of r.files) {
    assert.doesNotMatch(f.xanoscript, /auth = |\$auth/);
  }
});

Deno.test("templates: auth has signup, login and me on an auth table", () => {
  const r = TEMPLATE_CASES.auth_default();
  assert.deepEqual(r.files.map((f) => `${f.name} ${f.verb ?? f.kind}`), [
    "user table",
    "auth api_group",
    "auth/signup POST",
    "auth/login POST",
    "auth/me GET",
  ]);
  const [table, , signup, login, me] = r.files.map((f) => f.xanoscript);
  assert.ok(table.startsWith("table user {\n  auth = true"));
  assert.match(signup, /password password filters=min:8/);
  assert.match(signup, /precondition \(\$existing == null\)/);
  assert.match(login, /security.check_password/);
  assert.match(login, /expiration = 86400/);
  assert.match(me, /auth = "user"/);
  assert.doesNotMatch(me, /password/);
});

Deno.test("templates: stripe verifies the webhook signature before reading the event", () => {
  const r = TEMPLATE_CASES.stripe_default();
  const webhook = r.files.find((f) => f.name === "stripe/webhook")!.xanoscript;
  const at = (text: string) => webhook.indexOf(text);
  assert.ok(at("hmac_sha256:$env.STRIPE_WEBHOOK_SECRET") > 0);
  assert.ok(at("Invalid Stripe signature") < at("json_decode"));
  assert.ok(at("too old") < at("json_decode"));
  assert.ok(at("db.has stripe_event") < at("db.add stripe_event"), "duplicates are skipped");
  const checkout = r.files.find((f) => f.name === "stripe/checkout")!.xanoscript;
  assert.match(checkout, /"Authorization: " ~ "Bearer " ~ \$env.STRIPE_SECRET_KEY/);
  assert.doesNotMatch(r.multidoc, /sk_(live|test)_/);
  const custom = TEMPLATE_CASES.stripe_subscription().multidoc;
  assert.match(custom, /\$env.STRIPE_SIGNING/);
  assert.match(custom, /mode +: "subscription"/);
});

Deno.test("templates: bad options come back as diagnostics", () => {
  const r = crudTemplate({
    table: "bad table",
    fields: [{ name: "x", type: "string" }],
    apiGroup: "g",
  });
  assert.ok(r.diagnostics.length >= 2);
  assert.ok(r.diagnostics.some((d) => d.code === "SDK_UNKNOWN_TYPE"));
});
