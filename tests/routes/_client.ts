/** A signed-in browser over the app with the dashboard, for route tests. */

import { keys } from "../../lib/kv/keys.ts";
import { Browser, signIn, type WebApp, webApp, type WebAppOptions } from "../_web_fakes.ts";

export const ORIGIN = "http://127.0.0.1:8000";

export interface Harness extends WebApp {
  readonly browser: Browser;
  /** The signed-in session's CSRF token. */
  readonly csrf: string;
  /** The demo user's id. */
  readonly userId: string;
  get(path: string): Promise<Response>;
  /** A request with no cookies. */
  anonymous(path: string): Promise<Response>;
  post(
    path: string,
    form: Record<string, string | string[]>,
    init?: { origin?: string },
  ): Promise<Response>;
}

export async function harness(kv: Deno.Kv, options: WebAppOptions = {}): Promise<Harness> {
  const web = await webApp(kv, options);
  const browser = new Browser(web.app);
  const csrf = await signIn(browser);
  const userId = (await kv.get<string>(keys.userByIdentity("xano:sandbox:1"))).value!;
  return {
    ...web,
    browser,
    csrf,
    userId,
    get: (path) => browser.request(path),
    anonymous: async (path) => await web.app.request(path),
    post(path, form, init = {}) {
      const body = new URLSearchParams();
      for (const [k, v] of Object.entries(form)) {
        for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
      }
      return browser.request(path, {
        method: "POST",
        body,
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          ...(init.origin ? { origin: init.origin } : {}),
        },
      });
    },
  };
}
