/** A tiny form-posting client for route tests. */

import { createApp } from "../../lib/app.ts";
import { type WebFakes, webTestDeps } from "../_web_fakes.ts";
import type { WebDeps } from "../../lib/web/deps.ts";
import type { Hono } from "hono";

export const ORIGIN = "http://127.0.0.1:8000";

export interface Harness {
  readonly app: Hono;
  readonly web: WebDeps;
  readonly fakes: WebFakes;
  /** Cookie header of a signed-in demo session. */
  readonly cookie: string;
  readonly csrf: string;
  get(path: string, cookie?: string): Promise<Response>;
  post(
    path: string,
    form: Record<string, string | string[]>,
    init?: { cookie?: string; origin?: string },
  ): Promise<Response>;
}

export async function harness(
  kv: Deno.Kv,
  options: Parameters<typeof webTestDeps>[1] = {},
): Promise<Harness> {
  const { deps, web, fakes } = await webTestDeps(kv, options);
  const app = createApp(deps);
  const cookie = `xm_test_session=fixed`;
  fakes.sessions.sessions.set("fixed", {
    user: { id: "u-demo", name: "Demo User", email: "demo@example.com" },
    csrfToken: "csrf-fixed-0123456789",
  });
  return {
    app,
    web,
    fakes,
    cookie,
    csrf: "csrf-fixed-0123456789",
    get: async (path, c = cookie) => await app.request(path, { headers: c ? { cookie: c } : {} }),
    async post(path, form, init = {}) {
      const body = new URLSearchParams();
      for (const [k, v] of Object.entries(form)) {
        for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
      }
      const headers: Record<string, string> = {
        "content-type": "application/x-www-form-urlencoded",
        origin: init.origin ?? ORIGIN,
      };
      const c = init.cookie ?? cookie;
      if (c) headers.cookie = c;
      return await app.request(path, { method: "POST", body, headers });
    },
  };
}
