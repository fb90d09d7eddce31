/**
 * Routes whose modules load on first use. A surface that the first MCP answer
 * never needs (the dashboard's pages and their Preact rendering, the sign-in
 * and consent pages) is declared by its route table only; its modules are
 * imported, and its Hono app built, when the first request for one of those
 * routes arrives. Each declared route is registered in the parent app at the
 * place the sub-app would have been mounted, and delegates to the very handler
 * `app.route("/", sub)` would have registered (with the sub-app's own error
 * handler), so routing order, route patterns (metrics labels), context
 * variables and error handling are exactly those of an eager mount.
 *
 * The table must equal the sub-app's routes, in order: the first load checks
 * it and fails with an error naming the difference (tests exercise every lazy
 * surface, so a stale table fails CI rather than production).
 *
 * @example
 * ```ts
 * mountLazy(app, { name: "pages", routes: PAGE_ROUTES, load: () => import("./pages.tsx").then((m) => m.pages(deps)) });
 * ```
 * @module
 */

import { Hono, type MiddlewareHandler } from "hono";

/** One route of a lazily mounted sub-app: HTTP method (`ALL` for `use`/`all`) and pattern. */
export interface LazyRoute {
  readonly method: string;
  readonly path: string;
}

/** What {@link mountLazy} mounts. */
export interface LazyMount {
  /** Names the surface in errors ("dashboard pages"). */
  readonly name: string;
  /** The sub-app's routes as `app.route("/", sub)` would register them, in order. */
  readonly routes: readonly LazyRoute[];
  /** Imports the surface's modules and builds its app (a static `import()` of our own module). */
  // deno-lint-ignore no-explicit-any
  load(): Promise<Hono<any, any, any>>;
}

/** Controls a lazily mounted surface. */
export interface LazyHandle {
  /** Loads the surface now (idempotent); rejects with the load error. */
  preload(): Promise<void>;
}

/** Raised when a lazy surface cannot be loaded or its route table is stale. */
export class LazyRoutesError extends Error {
  override name = "LazyRoutesError";
}

/** Registers `mount.routes` on `app`, loading the sub-app on the first matching request. */
// deno-lint-ignore no-explicit-any
export function mountLazy(app: Hono<any>, mount: LazyMount): LazyHandle {
  let handlers: Promise<readonly MiddlewareHandler[]> | undefined;
  const resolve = () =>
    handlers ??= build(mount).catch((error) => {
      handlers = undefined; // a later request tries again
      throw error;
    });
  mount.routes.forEach((route, index) => {
    app.on(route.method, route.path, async (c, next) => (await resolve())[index]!(c, next));
  });
  return { preload: () => resolve().then(() => {}) };
}

async function build(mount: LazyMount): Promise<readonly MiddlewareHandler[]> {
  // deno-lint-ignore no-explicit-any
  let sub: Hono<any, any, any>;
  try {
    sub = await mount.load();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new LazyRoutesError(`Cannot load the ${mount.name}: ${reason}`, { cause: error });
  }
  // Mounting on a scratch app yields the handlers (wrapped in the sub-app's error handler) and
  // patterns that mounting on the real app would have registered.
  const mounted = new Hono().route("/", sub);
  const actual = mounted.routes.map((r) => `${r.method} ${r.path}`);
  const declared = mount.routes.map((r) => `${r.method} ${r.path}`);
  const at = actual.findIndex((line, i) => line !== declared[i]);
  if (at >= 0 || actual.length !== declared.length) {
    const i = at >= 0 ? at : Math.min(actual.length, declared.length);
    throw new LazyRoutesError(
      `The route table of the ${mount.name} is stale at entry ${i}: declared "${
        declared[i] ?? "(end)"
      }", the app has "${actual[i] ?? "(end)"}"; update the table to the app's routes`,
    );
  }
  return mounted.routes.map((r) => r.handler as MiddlewareHandler);
}
