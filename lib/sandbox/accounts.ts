/**
 * Sandbox accounts: creation, password sign-in and the current Metadata API
 * key that the auth API's `/auth/me` hands out as `api_key`.
 *
 * @module
 */

import type { SandboxContext } from "./context.ts";
import type { Account } from "./model.ts";
import type { Mutation } from "./store.ts";
import { hashPassword, issueToken, verifyPassword } from "./tokens.ts";

/** Normalises an email for lookups. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Builds a new account and the mutations that store it and its email index. */
export async function newAccount(
  ctx: SandboxContext,
  input: { name: string; email: string; password: string },
): Promise<{ account: Account; mutations: Mutation[] }> {
  const [id, sequence] = await ctx.db.nextId(["account"]);
  const account: Account = {
    id,
    created_at: ctx.clock.now(),
    name: input.name,
    email: normaliseEmail(input.email),
    password_hash: await hashPassword(input.password),
  };
  return {
    account,
    mutations: [
      sequence,
      ctx.db.accounts.set(id, account),
      ctx.db.accountsByEmail.set(account.email, id),
    ],
  };
}

/** The account with this email and password, or `null`. */
export async function signIn(
  ctx: SandboxContext,
  email: string,
  password: string,
): Promise<Account | null> {
  const id = await ctx.db.accountsByEmail.get(normaliseEmail(email));
  const account = id === null ? null : await ctx.db.accounts.get(id);
  if (!account || !(await verifyPassword(password, account.password_hash))) return null;
  return account;
}

/**
 * Returns the account's Metadata API key, minting (and storing) a fresh one
 * when there is none or it has expired, as a refresh through `/auth/me` expects.
 */
export async function currentApiKey(ctx: SandboxContext, account: Account): Promise<string> {
  if (account.api_key && (account.api_key_expires_at ?? 0) > ctx.clock.now()) {
    return account.api_key;
  }
  const issued = await issueToken(ctx, {
    kind: "meta",
    accountId: account.id,
    ttlMs: ctx.tokenTtlMs("meta"),
  });
  const updated: Account = {
    ...account,
    api_key: issued.token,
    api_key_expires_at: issued.record.expires_at,
  };
  await ctx.db.commit([issued.mutation, ctx.db.accounts.set(account.id, updated)]);
  return issued.token;
}
