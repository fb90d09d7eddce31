/**
 * Adapts the authorization server's stores (session cookies, API keys, grants,
 * registered clients) to the dashboard's ports, and adds "last used" from the
 * audit log, which records the client of every tool call.
 *
 * @example
 * ```ts
 * const ports = authPorts(auth, { kv, audit });
 * const keys = await ports.apiKeys.list(userId);
 * ```
 * @module
 */

import type { OAuthClient } from "../auth/clients.ts";
import { listGrants, revokeGrant } from "../auth/grants.ts";
import type { AuthServer } from "../auth/server.ts";
import { NotFoundError } from "../errors.ts";
import type { AuditStore } from "../kv/audit.ts";
import { keys } from "../kv/keys.ts";
import type { ApiKeyPort, ConnectionPort, SessionPort } from "./deps.ts";

/** The ports {@link authPorts} builds. */
export interface AuthPorts {
  readonly sessions: SessionPort;
  readonly apiKeys: ApiKeyPort;
  readonly connections: ConnectionPort;
}

/** Builds the dashboard's session, API key and connection ports over `auth`. */
export function authPorts(
  auth: AuthServer,
  deps: { readonly kv: Deno.Kv; readonly audit: AuditStore },
): AuthPorts {
  async function lastUsed(userId: string): Promise<Map<string, number>> {
    const seen = await deps.audit.seen(userId, "client");
    return new Map(seen.map((entry) => [entry.id, entry.lastAt]));
  }

  return {
    sessions: {
      async current(c) {
        const current = await auth.cookies.current(c);
        if (!current) return null;
        const { user, session } = current;
        return {
          user: { id: user.id, name: user.name, ...(user.email ? { email: user.email } : {}) },
          csrfToken: session.csrf,
        };
      },
      signOut: (c) => auth.cookies.signOut(c),
    },

    apiKeys: {
      async list(userId) {
        const [list, used] = await Promise.all([auth.apiKeys.list(userId), lastUsed(userId)]);
        return list.map((key) => ({
          id: key.id,
          name: key.name,
          scopes: key.scopes,
          createdAt: key.createdAt,
          expiresAt: key.expiresAt,
          hint: key.hint,
          lastUsedAt: used.get(`api-key:${key.id}`) ?? null,
        }));
      },
      async create(userId, input) {
        const { key, apiKey } = await auth.apiKeys.create(userId, input);
        return {
          secret: key,
          key: {
            id: apiKey.id,
            name: apiKey.name,
            scopes: apiKey.scopes,
            createdAt: apiKey.createdAt,
            expiresAt: apiKey.expiresAt,
            hint: apiKey.hint,
            lastUsedAt: null,
          },
        };
      },
      async revoke(userId, keyId) {
        try {
          await auth.apiKeys.revoke(userId, keyId);
          return true;
        } catch (error) {
          if (error instanceof NotFoundError) return false;
          throw error;
        }
      },
    },

    connections: {
      async list(userId) {
        const [grants, used] = await Promise.all([listGrants(deps.kv, userId), lastUsed(userId)]);
        const rows = await Promise.all(grants.map(async (grant) => {
          // Read the stored registration only: listing must never fetch a metadata document.
          const client = (await deps.kv.get<OAuthClient>(keys.oauthClient(grant.clientId))).value;
          return {
            grantId: grant.id,
            clientId: grant.clientId,
            clientName: grant.clientName ?? client?.clientName ?? grant.clientId,
            redirectHost: redirectHosts(client),
            scopes: grant.scopes,
            readOnly: grant.readOnly,
            toolsets: grant.toolsets ?? null,
            createdAt: grant.createdAt,
            lastUsedAt: used.get(grant.clientId) ?? null,
          };
        }));
        return rows.sort((a, b) => b.createdAt - a.createdAt);
      },
      revoke: async (userId, grantId) => {
        const revoked = await revokeGrant(deps.kv, userId, grantId);
        auth.verifier.forget();
        return revoked;
      },
    },
  };
}

function redirectHosts(client: OAuthClient | null): string {
  if (!client) return "unknown";
  const hosts = new Set(client.redirectUris.map((uri) => URL.parse(uri)?.host ?? uri));
  return [...hosts].join(", ") || "none";
}
