import assert from "node:assert/strict";
import fc from "fast-check";
import { call, metaSandbox } from "./_helpers.ts";

const WRITES: [string, string][] = [
  ["POST", "/workspace"],
  ["PUT", "/workspace/1"],
  ["POST", "/workspace/1/datasource"],
  ["POST", "/workspace/1/table"],
  ["PUT", "/workspace/1/table/2/meta"],
  ["PUT", "/workspace/1/table/2/autocomplete"],
  ["PUT", "/workspace/1/table/2/schema"],
  ["POST", "/workspace/1/table/2/schema/type/enum"],
  ["POST", "/workspace/1/table/2/schema/rename"],
  ["PUT", "/workspace/1/table/2/index"],
  ["POST", "/workspace/1/table/2/index/search"],
  ["POST", "/workspace/1/table/2/content"],
  ["PUT", "/workspace/1/table/2/content/1"],
  ["POST", "/workspace/1/table/2/content/search"],
  ["POST", "/workspace/1/table/2/content/bulk"],
  ["POST", "/workspace/1/table/2/content/bulk/patch"],
  ["POST", "/workspace/1/table/2/content/bulk/delete"],
  ["POST", "/workspace/1/table/2/content/search/patch"],
  ["POST", "/workspace/1/request_history/search"],
  ["POST", "/workspace/1/apigroup"],
  ["PUT", "/workspace/1/apigroup/1/security"],
  ["POST", "/workspace/1/apigroup/1/api"],
  ["PUT", "/workspace/1/apigroup/1/api/1"],
  ["POST", "/workspace/1/function"],
  ["PUT", "/workspace/1/task/1"],
];

function assertXanoAnswer(status: number, body: unknown, what: string): void {
  assert.ok(status < 500, `${what} answered ${status}: ${JSON.stringify(body)}`);
  if (status >= 400) {
    const error = body as { code?: unknown; message?: unknown };
    assert.match(String(error.code), /^ERROR_CODE_/, what);
    assert.equal(typeof error.message, "string", what);
  }
}

Deno.test("robustness: arbitrary JSON bodies never cause a 5xx on any write route", async () => {
  const { meta } = await metaSandbox();
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...WRITES),
      fc.oneof(
        fc.jsonValue(),
        fc.dictionary(
          fc.constantFrom(
            "name",
            "type",
            "search",
            "items",
            "schema",
            "index",
            "updates",
            "row_ids",
            "page",
            "per_page",
            "sort",
            "values",
            "fields",
            "price",
            "id",
          ),
          fc.jsonValue(),
        ),
      ),
      async ([method, path], body) => {
        const res = await meta(method, path, {
          body: JSON.stringify(body),
          headers: { "content-type": "application/json" },
        });
        assertXanoAnswer(
          res.status,
          res.body,
          `${method} ${path} ${JSON.stringify(body).slice(0, 200)}`,
        );
      },
    ),
    { numRuns: 300, seed: 1 },
  );
});

Deno.test("robustness: arbitrary text as XanoScript and arbitrary query strings never cause a 5xx", async () => {
  const { meta, sandbox, token } = await metaSandbox();
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(
        "/workspace/1/table",
        "/workspace/1/apigroup/1/api",
        "/workspace/1/function",
        "/workspace/1/multidoc",
      ),
      fc.string({ maxLength: 300 }),
      async (path, text) => {
        const res = await meta("POST", path, {
          body: text,
          headers: { "content-type": "text/x-xanoscript" },
        });
        assertXanoAnswer(res.status, res.body, `POST ${path} ${JSON.stringify(text)}`);
      },
    ),
    { numRuns: 150, seed: 2 },
  );
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(
        "/workspace/1/table",
        "/workspace/1/table/2/content",
        "/workspace/1/apigroup/1/api",
        "/workspace/1/request_history",
      ),
      fc.dictionary(
        fc.constantFrom(
          "page",
          "per_page",
          "sort",
          "order",
          "search",
          "include_xanoscript",
          "branch",
          "api_id",
        ),
        fc.string({ maxLength: 12 }),
      ),
      async (path, query) => {
        const qs = new URLSearchParams(query).toString();
        const res = await call(sandbox, "GET", `/api:meta${path}?${qs}`, { token });
        assertXanoAnswer(res.status, res.body, `GET ${path}?${qs}`);
      },
    ),
    { numRuns: 150, seed: 3 },
  );
});
