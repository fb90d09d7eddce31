/**
 * Deterministic seed data: the demo account, one workspace with `users`,
 * `products` and `orders` tables and their records, the "Authentication" API
 * group (canonical `auth`, the group the auth API implements) with its three
 * endpoints, one function, one task and a little request history. The same
 * seed number always produces the same data.
 *
 * @module
 */

import { newAccount, normaliseEmail } from "./accounts.ts";
import type { SandboxContext } from "./context.ts";
import { mulberry32 } from "./faults.ts";
import type { Account, ApiGroup, HistoryEntry, Input, Logic } from "./model.ts";
import {
  AUTH_LOGIN_XS,
  AUTH_ME_XS,
  AUTH_SIGNUP_XS,
  ORDER_TOTAL_XS,
  RESTOCK_REPORT_XS,
} from "./seed_scripts.ts";
import type { Mutation } from "./store.ts";
import { hashPassword } from "./tokens.ts";
import { createWorkspace } from "./routes/workspaces.ts";
import { AUTH_CANONICAL } from "./history.ts";
import { SEED_TIME, seedTables } from "./seed_tables.ts";

/** Seeds an empty store; on a seeded one, only makes sure the demo account matches the config. */
export async function seedSandbox(ctx: SandboxContext, seed: number): Promise<void> {
  if (await ctx.db.meta.get("seeded")) {
    await syncDemoAccount(ctx);
    return;
  }
  const random = mulberry32(seed);
  const { db } = ctx;
  const demo = await newAccount(ctx, {
    name: "Demo User",
    email: ctx.demo.email,
    password: ctx.demo.password,
  });
  await db.commit(demo.mutations);

  const workspace = await createWorkspace(
    ctx,
    "Demo workspace",
    "Seeded by the local Xano sandbox",
  );
  const ws = workspace.id;
  const mutations: Mutation[] = [];
  const at = (minutes: number) => SEED_TIME - 10 * 86_400_000 + minutes * 60_000;

  const seeded = await seedTables(ctx, ws, random);
  mutations.push(...seeded.mutations);
  const userEmails = seeded.emails;

  const group: ApiGroup = {
    id: 1,
    workspace_id: ws,
    created_at: SEED_TIME,
    updated_at: SEED_TIME,
    name: "Authentication",
    description: "Sign-up, login and the current user (served by the sandbox at /api:auth)",
    docs: "",
    guid: ctx.ids(),
    canonical: AUTH_CANONICAL,
    swagger: true,
    tag: ["auth"],
  };
  mutations.push(db.apigroups(ws).set(1, group), db.setLastId(["apigroup", ws], 1));
  const text = (name: string, type = "text"): Input => ({
    name,
    type,
    description: "",
    nullable: false,
    default: "",
    required: true,
    access: "public",
    sensitive: false,
    style: "single",
  });
  const endpoints: Logic[] = [
    endpoint(1, "auth/login", "POST", AUTH_LOGIN_XS, [text("email", "email"), text("password")]),
    endpoint(2, "auth/signup", "POST", AUTH_SIGNUP_XS, [
      text("name"),
      text("email", "email"),
      text("password", "password"),
    ]),
    { ...endpoint(3, "auth/me", "GET", AUTH_ME_XS, []), auth: "users" },
  ];
  function endpoint(id: number, name: string, verb: string, source: string, input: Input[]): Logic {
    return {
      id,
      kind: "api",
      workspace_id: ws,
      apigroup_id: 1,
      created_at: SEED_TIME,
      updated_at: SEED_TIME,
      name,
      description: /description = "([^"]*)"/.exec(source)?.[1] ?? "",
      docs: "",
      guid: ctx.ids(),
      tag: [],
      verb,
      input,
      cache: { active: false, ttl: 3600 },
      source,
    };
  }
  for (const e of endpoints) mutations.push(db.logic(ws, "api").set(e.id, e));
  mutations.push(db.setLastId(["api", ws], endpoints.length));

  const fn: Logic = {
    id: 1,
    kind: "function",
    workspace_id: ws,
    created_at: SEED_TIME,
    updated_at: SEED_TIME,
    name: "order_total",
    description: "Price of a quantity of one product",
    docs: "",
    guid: ctx.ids(),
    tag: [],
    input: [{ ...text("product_id", "int") }, {
      ...text("quantity", "int"),
      required: false,
      default: "1",
    }],
    cache: { active: false, ttl: 3600 },
    source: ORDER_TOTAL_XS,
  };
  const task: Logic = {
    id: 1,
    kind: "task",
    workspace_id: ws,
    created_at: SEED_TIME,
    updated_at: SEED_TIME,
    name: "restock_report",
    description: "Logs products that are out of stock, every morning",
    docs: "",
    guid: ctx.ids(),
    tag: [],
    input: [],
    active: false,
    datasource: "live",
    cache: {},
    source: RESTOCK_REPORT_XS,
  };
  mutations.push(db.logic(ws, "function").set(1, fn), db.setLastId(["function", ws], 1));
  mutations.push(db.logic(ws, "task").set(1, task), db.setLastId(["task", ws], 1));

  const history: HistoryEntry[] = [0, 1, 2, 3, 4].map((i) => ({
    id: i + 1,
    created_at: at(3_000 + i * 17),
    duration: 0.012 + i * 0.003,
    status: i === 3 ? 403 : 200,
    verb: endpoints[i % 3].verb!,
    uri: `/api:auth/${endpoints[i % 3].name}`,
    input: endpoints[i % 3].verb === "GET" ? {} : { email: userEmails[i], password: "[redacted]" },
    output: i === 3
      ? { code: "ERROR_CODE_ACCESS_DENIED", message: "Invalid credentials" }
      : { authToken: "[redacted]" },
    request_headers: ["content-type: application/json"],
    response_headers: ["content-type: application/json"],
    workspace_id: ws,
    branch_id: 0,
    api_id: 1,
    query_id: endpoints[i % 3].id,
  }));
  for (const entry of history) mutations.push(db.history(ws).set(entry.id, entry));
  mutations.push(db.setLastId(["history", ws], history.length));
  mutations.push(db.meta.set("seeded", { seed, at: ctx.clock.now() }));
  await db.commit(mutations);
}

async function syncDemoAccount(ctx: SandboxContext): Promise<void> {
  const email = normaliseEmail(ctx.demo.email);
  const id = await ctx.db.accountsByEmail.get(email);
  if (id !== null) {
    const account = await ctx.db.accounts.get(id);
    if (account) {
      const updated: Account = { ...account, password_hash: await hashPassword(ctx.demo.password) };
      await ctx.db.commit([ctx.db.accounts.set(id, updated)]);
    }
    return;
  }
  const created = await newAccount(ctx, { name: "Demo User", email, password: ctx.demo.password });
  await ctx.db.commit(created.mutations);
}
