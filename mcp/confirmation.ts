/**
 * Preview-then-confirm tokens for destructive tools, used when the client
 * cannot answer an elicitation. The first call gets a preview and a short-lived
 * token; the second call carries it. Only the token's SHA-256 is stored, bound
 * to the grant, the tool and the exact arguments, and it works once.
 *
 * @module
 */

import type { Clock } from "../lib/clock.ts";
import { randomToken, sha256Hex } from "../lib/crypto.ts";
import { keys } from "../lib/kv/keys.ts";
import { takeOnce } from "../lib/kv/store.ts";

/** Lifetime of a confirmation token. */
export const CONFIRMATION_TTL_MS = 5 * 60_000;

interface ConfirmationRecord {
  readonly grantId: string;
  readonly tool: string;
  readonly argsHash: string;
  readonly expiresAt: number;
}

/** Issues and redeems confirmation tokens. */
export interface ConfirmationStore {
  issue(
    grantId: string,
    tool: string,
    args: unknown,
  ): Promise<{ token: string; expiresAt: number }>;
  /** True when the token was issued for exactly this grant, tool and arguments (consumes it). */
  redeem(grantId: string, tool: string, args: unknown, token: string): Promise<boolean>;
}

/**
 * Creates the KV-backed store.
 *
 * @example
 * ```ts
 * const store = createConfirmationStore({ kv, clock });
 * const { token } = await store.issue("g1", "xano_delete_table", { table_id: 3 });
 * await store.redeem("g1", "xano_delete_table", { table_id: 3 }, token); // true
 * ```
 */
export function createConfirmationStore(deps: { kv: Deno.Kv; clock: Clock }): ConfirmationStore {
  const { kv, clock } = deps;
  return {
    async issue(grantId, tool, args) {
      const token = `confirm_${randomToken(18)}`;
      const expiresAt = clock.now() + CONFIRMATION_TTL_MS;
      const record: ConfirmationRecord = {
        grantId,
        tool,
        argsHash: await argsHash(args),
        expiresAt,
      };
      await kv.set(keys.confirmation(await sha256Hex(token)), record, {
        expireIn: CONFIRMATION_TTL_MS,
      });
      return { token, expiresAt };
    },
    async redeem(grantId, tool, args, token) {
      const record = await takeOnce<ConfirmationRecord>(
        kv,
        keys.confirmation(await sha256Hex(token)),
        clock,
      );
      if (!record) return false;
      return record.grantId === grantId && record.tool === tool &&
        record.argsHash === await argsHash(args);
    },
  };
}

/** A hash of arguments that ignores key order. */
function argsHash(args: unknown): Promise<string> {
  return sha256Hex(stableJson(args));
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, inner]) => inner !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
