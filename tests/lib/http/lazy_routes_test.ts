import assert from "node:assert/strict";
import { Hono } from "hono";
import { jsonErrorHandler, jsonNotFound } from "../../../lib/http/errors.ts";
import { type LazyRoute, LazyRoutesError, mountLazy } from "../../../lib/http/lazy_routes.ts";
import { requestLog } from "../../../lib/http/request_log.ts";
import { sequentialIds } from "../../../lib/clock.ts";
import { createLogger } from "../../../lib/log.ts";

/** A sub-app with a middleware, two routes and its own error handler. */
function pages(): Hono {
  const sub = new Hono();
  sub.onError((error, c) => c.text(`page error: ${error.message}`, 418));
  sub.use("/pages/*", async (c, next) => {
    c.header("x-pages", "1");
    await next();
  });
  sub.get(
    "/pages/:id",
    (c) =>
      c.json({ id: c.req.param("id"), route: c.req.routePath, log: c.get("log") !== undefined }),
  );
  sub.post("/pages/boom", () => {
    throw new Error("kaput");
  });
  return sub;
}

const PAGES: readonly LazyRoute[] = [
  { method: "ALL", path: "/pages/*" },
  { method: "GET", path: "/pages/:id" },
  { method: "POST", path: "/pages/boom" },
];

function parent(
  load: () => Promise<Hono>,
  routes = PAGES,
  errors: string[] = [],
): { app: Hono; preload(): Promise<void> } {
  const app = new Hono();
  const logger = createLogger({ write: (line) => errors.push(line) });
  app.use(requestLog({ logger, ids: sequentialIds("req") }));
  app.onError(jsonErrorHandler);
  app.notFound(jsonNotFound);
  const handle = mountLazy(app, { name: "test pages", routes, load });
  app.get("/after", (c) => c.text("after"));
  return { app, preload: handle.preload };
}

Deno.test("lazy routes: the sub-app loads on the first matching request, once, and never for others", async () => {
  let loads = 0;
  const { app } = parent(() => {
    loads++;
    return Promise.resolve(pages());
  });
  assert.equal(await (await app.request("/after")).text(), "after");
  assert.equal((await app.request("/elsewhere")).status, 404);
  assert.equal(loads, 0);
  const responses = await Promise.all([app.request("/pages/1"), app.request("/pages/2")]);
  assert.equal(loads, 1);
  assert.deepEqual(await responses[0]!.json(), { id: "1", route: "/pages/:id", log: true });
  assert.equal(responses[1]!.headers.get("x-pages"), "1");
  assert.equal((await app.request("/pages/3")).status, 200);
  assert.equal(loads, 1);
});

Deno.test("lazy routes: answers exactly as the eagerly mounted sub-app does", async () => {
  const eager = new Hono();
  eager.use(requestLog({ logger: createLogger({ write: () => {} }), ids: sequentialIds("req") }));
  eager.onError(jsonErrorHandler);
  eager.notFound(jsonNotFound);
  eager.route("/", pages());
  const { app: lazy } = parent(() => Promise.resolve(pages()));
  for (
    const [method, path] of [["GET", "/pages/7"], ["POST", "/pages/boom"], ["POST", "/pages/x"]]
  ) {
    const [a, b] = await Promise.all(
      [eager, lazy].map((app) => app.request(path!, { method })),
    );
    assert.equal(b!.status, a!.status, `${method} ${path}`);
    assert.equal(await b!.text(), await a!.text(), `${method} ${path}`);
    assert.equal(b!.headers.get("x-pages"), a!.headers.get("x-pages"));
  }
});

Deno.test("lazy routes: a failed load is a clear 500 without a stack, logged, and retried next time", async () => {
  const errors: string[] = [];
  let fail = true;
  const { app } = parent(
    () => {
      if (fail) return Promise.reject(new SyntaxError("Unexpected token in pages.tsx"));
      return Promise.resolve(pages());
    },
    PAGES,
    errors,
  );
  const res = await app.request("/pages/1");
  assert.equal(res.status, 500);
  const body = await res.text();
  assert.doesNotMatch(body, /Unexpected token|at .*\.ts:\d+/);
  assert.ok(JSON.parse(body).error, "a JSON error body");
  assert.match(errors.join("\n"), /Cannot load the test pages: Unexpected token in pages\.tsx/);
  fail = false;
  assert.equal((await app.request("/pages/1")).status, 200);
});

Deno.test("lazy routes: a stale route table fails naming the first difference", async () => {
  const stale = [PAGES[0]!, { method: "GET", path: "/pages/:slug" }, PAGES[2]!];
  const { preload } = parent(() => Promise.resolve(pages()), stale);
  await assert.rejects(
    preload(),
    (error: Error) =>
      error instanceof LazyRoutesError &&
      error.message.includes('entry 1: declared "GET /pages/:slug", the app has "GET /pages/:id"'),
  );
  const short = parent(() => Promise.resolve(pages()), PAGES.slice(0, 2));
  await assert.rejects(
    short.preload(),
    /entry 2: declared "\(end\)", the app has "POST \/pages\/boom"/,
  );
});
