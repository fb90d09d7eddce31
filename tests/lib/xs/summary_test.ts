import assert from "node:assert/strict";
import { parseXanoScript, summarizeXanoScript } from "@/lib/xs/mod.ts";

const ENDPOINT = `// list posts
query "posts/{post_id}" verb=PATCH {
  api_group = "posts"
  auth = "user"
  description = "Edit a post"

  input {
    int post_id filters=min:1
    text? title?="x" filters=trim
    text[] tags?
    object meta? {
      schema {
        text a
      }
    }
  }

  stack {
    db.get post {
      field_name = "id"
      field_value = $input.post_id
    } as $post
  }

  response = $post
}`;

Deno.test("summary: describes an endpoint's verb, group, auth and inputs", () => {
  const { objects, diagnostics } = summarizeXanoScript(ENDPOINT);
  assert.deepEqual(diagnostics, []);
  assert.deepEqual(objects, [{
    kind: "query",
    name: "posts/{post_id}",
    verb: "PATCH",
    apiGroup: "posts",
    auth: "user",
    description: "Edit a post",
    inputs: [
      { name: "post_id", type: "int", optional: false, nullable: false, list: false },
      { name: "title", type: "text", optional: true, nullable: true, list: false },
      { name: "tags", type: "text", optional: true, nullable: false, list: true },
      { name: "meta", type: "object", optional: true, nullable: false, list: false },
    ],
  }]);
});

Deno.test("summary: lists table fields and every object of a multidoc", () => {
  const source = `table post {
  auth = false
  schema {
    int id
    timestamp created_at?=now
    email? contact
  }
}
---
api_group posts {
  canonical = "p1"
}
---
function "math/add" {
  input {
  }
  stack {
  }
  response = 1
}`;
  const { objects, diagnostics } = summarizeXanoScript(source);
  assert.deepEqual(diagnostics, []);
  assert.deepEqual(objects.map((o) => [o.kind, o.name]), [
    ["table", "post"],
    ["api_group", "posts"],
    ["function", "math/add"],
  ]);
  assert.deepEqual(objects[0].fields, [
    { name: "id", type: "int", optional: false, nullable: false, list: false },
    { name: "created_at", type: "timestamp", optional: true, nullable: false, list: false },
    { name: "contact", type: "email", optional: false, nullable: true, list: false },
  ]);
});

Deno.test("summary: leaves out invalid documents and reports their lines", () => {
  const source = `api_group a {\n  canonical = "a"\n}\n---\nfunction b {\n  input {}\n}`;
  const { objects, diagnostics } = summarizeXanoScript(source);
  assert.deepEqual(objects.map((o) => o.name), ["a"]);
  assert.equal(diagnostics[0].line, 6);
});

Deno.test("parser: the tree is frozen, arrays included", () => {
  const { document } = parseXanoScript(ENDPOINT);
  const object = document.objects[0];
  assert.ok(Object.isFrozen(document) && Object.isFrozen(document.objects));
  assert.ok(Object.isFrozen(object) && Object.isFrozen(object.body));
  const input = object.body.find((i) => i.kind === "block" && i.keyword === "input");
  assert.ok(input && input.kind === "block" && Object.isFrozen(input.body));
});
