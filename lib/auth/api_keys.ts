/**
 * Personal API keys: bearer tokens a user creates on the dashboard for CLIs and
 * the MCP Inspector. The key is shown once at creation; KV keeps its SHA-256
 * (as a pointer to the record) and the last four characters as a hint. Keys
 * carry a name, scopes, optional read-only/toolset/workspace limits and an expiry.
 *
 * @example
 * ```ts
 * const apiKeys = createApiKeyStore({ kv, clock, ids });
 * const { key } = await apiKeys.create("u-1", { name: "laptop", scopes: ["xano:read"], expiresInDays: 30 });
 * await apiKeys.verify(key); // GrantContext with clientId "api-key:<id>"
 * ```
 * @module
 */

import type { Clock, IdGenerator } from "../clock.ts";
import { randomToken, sha256Hex } from "../crypto.ts";
import { BadRequestError, NotFoundError } from "../errors.ts";
import { keys, prefixes } from "../kv/keys.ts";
import { ALL_SCOPES, type GrantContext, type Scope } from "./types.ts";

/** Prefix of personal API keys. */
export const API_KEY_PREFIX = "xmcp_ak_";
/** Longest allowed key lifetime. */
export const MAX_API_KEY_DAYS = 365;

/** An API key as stored and listed (never the key itself). */
export interface ApiKey {
  readonly id: string;
  readonly userId: string;
  readonly name: string;
  readonly scopes: readonly Scope[];
  readonly readOnly: boolean;
  readonly toolsets?: readonly string[];
  readonly workspaceId?: number;
  /** Last four characters of the key, to tell keys apart. */
  readonly hint: string;
  readonly createdAt: number;
  readonly expiresAt: number;
  readonly hash: string;
}

/** Input of {@link ApiKeyStore.create}. */
export interface NewApiKey {
  readonly name: string;
  readonly scopes: readonly Scope[];
  /** Lifetime in days, 1 to {@link MAX_API_KEY_DAYS}. */
  readonly expiresInDays: number;
  readonly readOnly?: boolean;
  readonly toolsets?: readonly string[];
  readonly workspaceId?: number;
}

/** The API key store; see {@link createApiKeyStore}. */
export interface ApiKeyStore {
  /** Creates a key; `key` is returned only here. */
  create(userId: string, input: NewApiKey): Promise<{ key: string; apiKey: ApiKey }>;
  /** The user's keys, newest first (expired ones included, marked by `expiresAt`). */
  list(userId: string): Promise<ApiKey[]>;
  /** Deletes a key; throws {@link NotFoundError} when the user has no such key. */
  revoke(userId: string, keyId: string): Promise<void>;
  /** The grant a live key carries, or `null`. */
  verify(key: string): Promise<GrantContext | null>;
}

/** Dependencies of {@link createApiKeyStore}. */
export interface ApiKeyStoreDeps {
  readonly kv: Deno.Kv;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  /** Told after a key is revoked (the verifier forgets what it remembered). */
  onRevoked?(): void;
}

/** Creates the {@link ApiKeyStore}. */
export function createApiKeyStore({ kv, clock, ids, onRevoked }: ApiKeyStoreDeps): ApiKeyStore {
  return {
    async create(userId, input) {
      const name = input.name.trim();
      if (name.length === 0 || name.length > 100) {
        throw new BadRequestError("API key name must be 1-100 characters");
      }
      if (input.scopes.length === 0 || input.scopes.some((s) => !ALL_SCOPES.includes(s))) {
        throw new BadRequestError(`API key scopes must be some of ${ALL_SCOPES.join(", ")}`);
      }
      const days = input.expiresInDays;
      if (!Number.isInteger(days) || days < 1 || days > MAX_API_KEY_DAYS) {
        throw new BadRequestError(
          `API key expiry must be 1-${MAX_API_KEY_DAYS} days, got "${days}"`,
        );
      }
      const key = API_KEY_PREFIX + randomToken();
      const now = clock.now();
      const apiKey: ApiKey = {
        id: ids(),
        userId,
        name,
        scopes: [...input.scopes],
        readOnly: input.readOnly ?? false,
        ...(input.toolsets ? { toolsets: [...input.toolsets] } : {}),
        ...(input.workspaceId !== undefined ? { workspaceId: input.workspaceId } : {}),
        hint: key.slice(-4),
        createdAt: now,
        expiresAt: now + days * 86_400_000,
        hash: await sha256Hex(key),
      };
      const result = await kv.atomic()
        .check({ key: keys.apiKey(userId, apiKey.id), versionstamp: null })
        .check({ key: keys.apiKeyByHash(apiKey.hash), versionstamp: null })
        .set(keys.apiKey(userId, apiKey.id), apiKey)
        .set(keys.apiKeyByHash(apiKey.hash), { userId, keyId: apiKey.id })
        .commit();
      if (!result.ok) throw new BadRequestError("Cannot create the API key; try again");
      return { key, apiKey };
    },

    async list(userId) {
      const list: ApiKey[] = [];
      for await (const entry of kv.list<ApiKey>({ prefix: prefixes.apiKeysOfUser(userId) })) {
        list.push(entry.value);
      }
      return list.sort((a, b) => b.createdAt - a.createdAt);
    },

    async revoke(userId, keyId) {
      const entry = await kv.get<ApiKey>(keys.apiKey(userId, keyId));
      if (entry.value === null) {
        throw new NotFoundError(`No API key "${keyId}"; list your keys to find its id`);
      }
      await kv.atomic().check(entry).delete(entry.key).delete(keys.apiKeyByHash(entry.value.hash))
        .commit();
      onRevoked?.();
    },

    async verify(key) {
      if (!key.startsWith(API_KEY_PREFIX) || key.length > 200) return null;
      const pointer = await kv.get<{ userId: string; keyId: string }>(
        keys.apiKeyByHash(await sha256Hex(key)),
      );
      if (pointer.value === null) return null;
      const apiKey =
        (await kv.get<ApiKey>(keys.apiKey(pointer.value.userId, pointer.value.keyId))).value;
      if (apiKey === null || apiKey.expiresAt <= clock.now()) return null;
      return {
        userId: apiKey.userId,
        grantId: apiKey.id,
        clientId: `api-key:${apiKey.id}`,
        scopes: apiKey.readOnly ? apiKey.scopes.filter((s) => s === "xano:read") : apiKey.scopes,
        readOnly: apiKey.readOnly,
        ...(apiKey.toolsets ? { toolsets: apiKey.toolsets } : {}),
        ...(apiKey.workspaceId !== undefined ? { workspaceId: apiKey.workspaceId } : {}),
        expiresAt: apiKey.expiresAt,
      };
    },
  };
}
