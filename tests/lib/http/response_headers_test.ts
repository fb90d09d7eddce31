import assert from "node:assert/strict";
import { Hono } from "hono";
import { setResponseHeader } from "../../../lib/http/response_headers.ts";

Deno.test("response headers: set in place on a built response, on a copy of an immutable one", async () => {
  const built = new Response("body", { headers: { "content-type": "text/plain" } });
  const app = new Hono();
  const seen: Response[] = [];
  app.use("*", async (c, next) => {
    await next();
    setResponseHeader(c, "X-Test", "1");
    setResponseHeader(c, "Vary", "Origin", true);
    seen.push(c.res);
  });
  app.get("/built", () => built);
  app.get("/redirect", () => Response.redirect("http://127.0.0.1/elsewhere", 302));

  const first = await app.request("/built");
  assert.equal(first, built, "the response built by the route is sent as is");
  assert.equal(first.headers.get("x-test"), "1");
  assert.equal(first.headers.get("vary"), "Origin");
  assert.equal(await first.text(), "body");

  const second = await app.request("/redirect");
  assert.equal(second.status, 302);
  assert.equal(second.headers.get("location"), "http://127.0.0.1/elsewhere");
  assert.equal(second.headers.get("x-test"), "1");
  assert.equal(second.headers.get("vary"), "Origin");
  assert.equal(seen.length, 2);
});
