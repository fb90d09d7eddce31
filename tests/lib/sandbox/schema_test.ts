import assert from "node:assert/strict";
import { metaSandbox } from "./_helpers.ts";

const names = (fields: { name: string }[]) => fields.map((f) => f.name);

Deno.test("schema: get is a bare array of field objects", async () => {
  const { meta } = await metaSandbox();
  const res = await meta("GET", "/workspace/1/table/2/schema");
  assert.equal(res.status, 200);
  assert.deepEqual(names(res.body), [
    "id",
    "created_at",
    "name",
    "description",
    "price",
    "stock",
    "category",
    "tags",
  ]);
  const price = res.body.find((f: { name: string }) => f.name === "price");
  assert.deepEqual(Object.keys(price).sort(), [
    "access",
    "default",
    "description",
    "name",
    "nullable",
    "required",
    "sensitive",
    "style",
    "type",
  ]);
  const one = await meta("GET", "/workspace/1/table/2/schema/category");
  assert.deepEqual(one.body.values, ["coffee", "equipment", "accessories", "dairy"]);
  assert.equal((await meta("GET", "/workspace/1/table/2/schema/nope")).status, 404);
});

Deno.test("schema: add a field by type, with type-specific checks", async () => {
  const { meta } = await metaSandbox();
  const added = await meta("POST", "/workspace/1/table/2/schema/type/bool", {
    body: { name: "featured", default: "false" },
  });
  assert.equal(added.status, 200);
  assert.equal(added.body.name, "featured");
  assert.equal(added.body.type, "bool");
  const rows = await meta("GET", "/workspace/1/table/2/content?per_page=1");
  assert.equal(rows.body.items[0].featured, null, "existing rows read the new column as null");
  assert.equal(
    (await meta("POST", "/workspace/1/table/2/schema/type/bool", { body: { name: "featured" } }))
      .status,
    400,
  );
  assert.equal(
    (await meta("POST", "/workspace/1/table/2/schema/type/float", { body: { name: "x" } })).status,
    404,
  );
  assert.equal(
    (await meta("POST", "/workspace/1/table/2/schema/type/enum", { body: { name: "e" } })).status,
    400,
  );
  assert.equal(
    (await meta("POST", "/workspace/1/table/2/schema/type/tableref", { body: { name: "r" } }))
      .status,
    400,
  );
  assert.equal(
    (await meta("POST", "/workspace/1/table/2/schema/type/int", { body: { name: "bad name" } }))
      .status,
    400,
  );
  assert.equal(
    (await meta("POST", "/workspace/1/table/2/schema/type/int", {
      body: { name: "n", default: "x" },
    })).status,
    400,
  );
});

Deno.test("schema: rename moves the data and the indexes", async () => {
  const { meta } = await metaSandbox();
  const res = await meta("POST", "/workspace/1/table/1/schema/rename", {
    body: { old_name: "email", new_name: "mail" },
  });
  assert.equal(res.status, 200);
  assert.ok(names(res.body).includes("mail"));
  const user = await meta("GET", "/workspace/1/table/1/content/1");
  assert.equal(user.body.mail, "ada.lovelace@example.com");
  assert.equal(user.body.email, undefined);
  const index = await meta("GET", "/workspace/1/table/1/index");
  assert.equal(
    index.body.find((i: { type: string }) => i.type === "unique").fields[0].name,
    "mail",
  );
  assert.equal(
    (await meta("POST", "/workspace/1/table/1/schema/rename", {
      body: { old_name: "id", new_name: "pk" },
    })).status,
    400,
  );
  assert.equal(
    (await meta("POST", "/workspace/1/table/1/schema/rename", {
      body: { old_name: "zzz", new_name: "y" },
    })).status,
    404,
  );
  assert.equal(
    (await meta("POST", "/workspace/1/table/1/schema/rename", {
      body: { old_name: "name", new_name: "role" },
    })).status,
    400,
  );
});

Deno.test("schema: delete a field drops its data; replace the whole schema", async () => {
  const { meta } = await metaSandbox();
  const deleted = await meta("DELETE", "/workspace/1/table/2/schema/tags");
  assert.equal(deleted.status, 200);
  assert.ok(!names(deleted.body).includes("tags"));
  assert.equal((await meta("DELETE", "/workspace/1/table/2/schema/id")).status, 400);
  const back = await meta("POST", "/workspace/1/table/2/schema/type/text", {
    body: { name: "tags" },
  });
  assert.equal(back.status, 200);
  assert.equal(
    (await meta("GET", "/workspace/1/table/2/content/1")).body.tags,
    null,
    "old data is gone",
  );
  const replaced = await meta("PUT", "/workspace/1/table/2/schema", {
    body: { schema: [{ name: "id", type: "int" }, { name: "name", type: "text" }] },
  });
  assert.deepEqual(names(replaced.body), ["id", "name"]);
  const row = await meta("GET", "/workspace/1/table/2/content/1");
  assert.deepEqual(Object.keys(row.body), ["id", "name"]);
  assert.equal(
    (await meta("PUT", "/workspace/1/table/2/schema", { body: { schema: "x" } })).status,
    400,
  );
  assert.equal(
    (await meta("PUT", "/workspace/1/table/2/schema", {
      body: { schema: [{ name: "a", type: "text" }, { name: "a", type: "int" }] },
    })).status,
    400,
  );
});

Deno.test("indexes: list, add by type, replace all and delete", async () => {
  const { meta } = await metaSandbox();
  const listed = await meta("GET", "/workspace/1/table/2/index");
  assert.deepEqual(listed.body.map((i: { type: string }) => i.type), ["primary"]);
  const added = await meta("POST", "/workspace/1/table/2/index/btree", {
    body: { fields: [{ name: "price", op: "desc" }] },
  });
  assert.deepEqual(added.body, { id: 2 });
  const search = await meta("POST", "/workspace/1/table/2/index/search", {
    body: { name: "by_text", lang: "english", fields: [{ name: "name", priority: 1 }] },
  });
  assert.deepEqual(search.body, { id: 3 });
  assert.equal(
    (await meta("POST", "/workspace/1/table/2/index/btree", {
      body: { fields: [{ name: "nope" }] },
    })).status,
    400,
  );
  assert.equal(
    (await meta("POST", "/workspace/1/table/2/index/hash", {
      body: { fields: [{ name: "name" }] },
    })).status,
    404,
  );
  assert.equal((await meta("DELETE", "/workspace/1/table/2/index/2")).status, 200);
  assert.equal((await meta("DELETE", "/workspace/1/table/2/index/2")).status, 404);
  assert.equal((await meta("DELETE", "/workspace/1/table/2/index/1")).status, 400, "primary stays");
  const replaced = await meta("PUT", "/workspace/1/table/2/index", {
    body: { index: [{ type: "unique", fields: [{ name: "name" }] }] },
  });
  assert.deepEqual(replaced.body.map((i: { type: string }) => i.type), ["primary", "unique"]);
  const dup = await meta("POST", "/workspace/1/table/2/content", {
    body: { name: "Espresso beans", price: 1 },
  });
  assert.equal(dup.status, 400, "the new unique index is enforced");
});
