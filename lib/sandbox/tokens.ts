/**
 * Accounts, passwords and bearer tokens of the sandbox. Tokens are opaque
 * random strings stored only as SHA-256 hashes; each is either an auth API
 * token (`/api:auth`) or a Metadata API token with per-area C/R/U/D scopes,
 * and expires after a TTL checked on every use.
 *
 * @module
 */

import type { Clock } from "../clock.ts";
import { sha256Hex, timingSafeEqual, toBase64Url } from "../crypto.ts";
import type { SandboxDb } from "./db.ts";
import { accessDenied, unauthorized } from "./errors.ts";
import type { Account, Scopes, TokenRecord } from "./model.ts";
import type { Mutation } from "./store.ts";

/** Metadata API areas a token's scopes name (Xano's "Workspace …" scope groups). */
export const SCOPE_AREAS = [
  "workspace",
  "database",
  "content",
  "api",
  "function",
  "task",
  "request_history",
  "file",
  "addon",
] as const;

/** One Metadata API area. */
export type ScopeArea = (typeof SCOPE_AREAS)[number];

/** One right within an area. */
export type ScopeRight = "C" | "R" | "U" | "D";

/** Every right on every area: what the demo account's `api_key` carries. */
export const FULL_SCOPES: Scopes = Object.freeze(
  Object.fromEntries(SCOPE_AREAS.map((area) => [area, "CRUD"])),
);

const PBKDF2_ITERATIONS = 10_000;
const encoder = new TextEncoder();

/**
 * Hashes a password with PBKDF2-SHA-256 and a random salt.
 *
 * @example
 * ```ts
 * const stored = await hashPassword("demo1234");
 * await verifyPassword("demo1234", stored); // true
 * ```
 */
export async function hashPassword(password: string): Promise<string> {
  const salt = toBase64Url(crypto.getRandomValues(new Uint8Array(16)));
  return `pbkdf2$${PBKDF2_ITERATIONS}$${salt}$${await derive(password, salt, PBKDF2_ITERATIONS)}`;
}

/** Checks a password against {@link hashPassword}'s output in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, iterations, salt, hash] = stored.split("$");
  if (scheme !== "pbkdf2" || !salt || !hash) return false;
  return timingSafeEqual(await derive(password, salt, Number(iterations)), hash);
}

async function derive(password: string, salt: string, iterations: number): Promise<string> {
  const key = await crypto.subtle.importKey("raw", encoder.encode(password), "PBKDF2", false, [
    "deriveBits",
  ]);
  const bits = await crypto.subtle.deriveBits(
    { name: "PBKDF2", hash: "SHA-256", salt: encoder.encode(salt), iterations },
    key,
    256,
  );
  return toBase64Url(new Uint8Array(bits));
}

/** Options of {@link issueToken}. */
export interface IssueOptions {
  readonly kind: TokenRecord["kind"];
  readonly accountId: number;
  readonly ttlMs: number;
  readonly scopes?: Scopes;
}

/** A fresh token and the mutation that stores its hash. */
export interface Issued {
  readonly token: string;
  readonly record: TokenRecord;
  readonly mutation: Mutation;
}

/** Creates a token; commit `mutation` to make it valid. */
export async function issueToken(
  deps: { db: SandboxDb; clock: Clock; secret: () => string },
  options: IssueOptions,
): Promise<Issued> {
  const token = `${options.kind === "meta" ? "xsm" : "xsa"}_${deps.secret()}`;
  const record: TokenRecord = {
    kind: options.kind,
    account_id: options.accountId,
    scopes: options.kind === "meta" ? options.scopes ?? FULL_SCOPES : {},
    expires_at: deps.clock.now() + options.ttlMs,
  };
  return { token, record, mutation: deps.db.tokens.set(await sha256Hex(token), record) };
}

/** The account and token behind a request. */
export interface Principal {
  readonly account: Account;
  readonly token: TokenRecord;
}

/**
 * Resolves `Authorization: Bearer …` to its account, or throws a 401 saying
 * whether the token is missing, unknown, of the other kind, or expired.
 */
export async function authenticate(
  deps: { db: SandboxDb; clock: Clock },
  header: string | undefined,
  kind: TokenRecord["kind"],
): Promise<Principal> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  if (!match) {
    throw unauthorized("Missing bearer token: send Authorization: Bearer <token>");
  }
  const record = await deps.db.tokens.get(await sha256Hex(match[1]));
  if (!record || record.kind !== kind) {
    throw unauthorized(
      kind === "meta"
        ? "Invalid token: use a Metadata API access token (the api_key from /auth/me)"
        : "Invalid token: sign in again with /auth/login",
    );
  }
  if (record.expires_at <= deps.clock.now()) {
    throw unauthorized("Token has expired: sign in again or fetch a fresh api_key from /auth/me");
  }
  const account = await deps.db.accounts.get(record.account_id);
  if (!account) throw unauthorized("Invalid token: its account no longer exists");
  return { account, token: record };
}

/** Throws 403 unless the token has `right` on `area`. */
export function requireScope(token: TokenRecord, area: ScopeArea, right: ScopeRight): void {
  if (!(token.scopes[area] ?? "").toUpperCase().includes(right)) {
    const verb = { C: "create", R: "read", U: "update", D: "delete" }[right];
    throw accessDenied(
      `This token may not ${verb} in "${area}": issue a token with the "${area}" ${right} scope`,
    );
  }
}

/**
 * Validates a scopes object from an admin request: areas from
 * {@link SCOPE_AREAS}, rights made of the letters C, R, U, D.
 */
export function parseScopes(value: unknown): Scopes | string {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return 'scopes must be an object such as {"database": "CRUD", "content": "R"}';
  }
  for (const [area, rights] of Object.entries(value)) {
    if (!(SCOPE_AREAS as readonly string[]).includes(area)) {
      return `unknown scope area "${area}"; known: ${SCOPE_AREAS.join(", ")}`;
    }
    if (typeof rights !== "string" || !/^[CRUD]*$/i.test(rights)) {
      return `scope "${area}" must be a string of the letters C, R, U, D`;
    }
  }
  return value as Scopes;
}
