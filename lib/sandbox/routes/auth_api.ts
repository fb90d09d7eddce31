/**
 * The auth API group (`/api:auth`), shaped like Xano's Jumpstart template
 * that the seed MCP servers sign in through: `POST /auth/signup`,
 * `POST /auth/login` → `{authToken}`, `GET /auth/me` → the account with its
 * Metadata API token as `api_key`. Calls are recorded in the request history
 * of the workspace that holds the seeded "auth" API group.
 *
 * @module
 */

import { Hono } from "hono";
import { currentApiKey, newAccount, normaliseEmail, signIn } from "../accounts.ts";
import type { SandboxContext, SandboxEnv } from "../context.ts";
import { accessDenied, inputError } from "../errors.ts";
import { readJson } from "../http.ts";
import { recordAuthCall } from "../history.ts";
import { authenticate, issueToken } from "../tokens.ts";

/** Creates the auth API routes, relative to `/api:auth`. */
export function authApiRoutes(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();

  app.use(async (c, next) => {
    const started = ctx.clock.now();
    await next();
    await recordAuthCall(ctx, c, started);
  });

  app.post("/auth/login", async (c) => {
    const body = await readJson(c);
    const email = requiredString(body, "email");
    const password = requiredString(body, "password");
    const account = await signIn(ctx, email, password);
    if (!account) throw accessDenied("Invalid credentials");
    return c.json({ authToken: await authToken(account.id) });
  });

  app.post("/auth/signup", async (c) => {
    const body = await readJson(c);
    const name = requiredString(body, "name");
    const email = requiredString(body, "email");
    const password = requiredString(body, "password");
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email.trim())) {
      throw inputError("email", `"email" is not a valid email address`);
    }
    if (password.length < 8) {
      throw inputError("password", `"password" must be at least 8 characters`);
    }
    if (await ctx.db.accountsByEmail.get(normaliseEmail(email))) {
      throw accessDenied("This account is already in use");
    }
    const created = await newAccount(ctx, { name, email, password });
    await ctx.db.commit(created.mutations);
    return c.json({ authToken: await authToken(created.account.id) });
  });

  app.get("/auth/me", async (c) => {
    const { account } = await authenticate(ctx, c.req.header("authorization"), "auth");
    return c.json({
      id: account.id,
      created_at: account.created_at,
      name: account.name,
      email: account.email,
      api_key: await currentApiKey(ctx, account),
    });
  });

  async function authToken(accountId: number): Promise<string> {
    const issued = await issueToken(ctx, {
      kind: "auth",
      accountId,
      ttlMs: ctx.tokenTtlMs("auth"),
    });
    await ctx.db.commit([issued.mutation]);
    return issued.token;
  }

  return app;
}

function requiredString(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  if (value === undefined || value === null || value === "") {
    throw inputError(name, `Missing param: ${name}`);
  }
  if (typeof value !== "string") throw inputError(name, `"${name}" must be a string`);
  return value;
}
