/**
 * OAuth clients: Dynamic Client Registration (RFC 7591, with the RFC 7592 read
 * endpoint behind `registration_client_uri`) and Client ID Metadata Documents,
 * which are fetched on first use and cached in KV. Client secrets and
 * registration access tokens are stored only as SHA-256 hashes.
 *
 * @example
 * ```ts
 * const clients = createClientStore({ kv, clock, ids, fetch, resolveHost, redirects, allowLoopback: false });
 * const { client } = await clients.register({ redirect_uris: ["http://127.0.0.1:9/cb"] });
 * await clients.get(client.clientId);
 * ```
 * @module
 */

import { z } from "zod";
import type { Clock, IdGenerator } from "../clock.ts";
import { randomToken, sha256Hex, timingSafeEqual } from "../crypto.ts";
import { keys } from "../kv/keys.ts";
import { fetchClientMetadata, isMetadataDocumentId } from "./client_metadata.ts";
import { OAuthError } from "./oauth_error.ts";
import type { RedirectPolicy } from "./redirect_uris.ts";
import type { ResolveHost } from "./ssrf.ts";

/** How a client authenticates at the token endpoint. */
export type ClientAuthMethod = "none" | "client_secret_post" | "client_secret_basic";

/** A client as stored. */
export interface OAuthClient {
  readonly clientId: string;
  readonly source: "dcr" | "metadata_document";
  readonly clientName?: string;
  readonly clientUri?: string;
  readonly redirectUris: readonly string[];
  readonly grantTypes: readonly string[];
  readonly responseTypes: readonly string[];
  readonly tokenEndpointAuthMethod: ClientAuthMethod;
  readonly scope?: string;
  readonly applicationType?: "native" | "web";
  readonly softwareId?: string;
  readonly softwareVersion?: string;
  readonly clientIdIssuedAt: number;
  readonly clientSecretHash?: string;
  readonly registrationTokenHash?: string;
  /**
   * Metadata documents: when the cached copy must be fetched again. Registered
   * clients: when the registration lapses unless a code is exchanged first
   * (clients that register on every connection leave many unused ones).
   */
  readonly expiresAt?: number;
}

/** The result of a registration: the secrets are shown once, here. */
export interface Registration {
  readonly client: OAuthClient;
  readonly clientSecret?: string;
  readonly registrationAccessToken: string;
}

/** The client store; see {@link createClientStore}. */
export interface ClientStore {
  /** Validates RFC 7591 metadata and registers a client; throws `invalid_client_metadata`/`invalid_redirect_uri`. */
  register(metadata: unknown): Promise<Registration>;
  /** A registered client or a (cached) metadata-document client; `null` when unknown. */
  get(clientId: string): Promise<OAuthClient | null>;
  /** Keeps a registered client for good once it has completed an authorization. */
  activate(client: OAuthClient): Promise<void>;
  /** Checks a client secret against its stored hash. */
  verifySecret(client: OAuthClient, secret: string): Promise<boolean>;
  /** Checks a registration access token (RFC 7592). */
  verifyRegistrationToken(client: OAuthClient, token: string): Promise<boolean>;
}

/** Dependencies of {@link createClientStore}. */
export interface ClientStoreDeps {
  readonly kv: Deno.Kv;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly fetch: typeof fetch;
  readonly resolveHost: ResolveHost;
  readonly redirects: RedirectPolicy;
  /** Admit http:// loopback metadata documents (development and tests only). */
  readonly allowLoopback: boolean;
  /** Time limit for fetching a metadata document, in ms. */
  readonly timeoutMs?: number;
}

const text = (max: number) => z.string().max(max);
const registrationSchema = z.object({
  redirect_uris: z.array(text(2000)).min(1).max(20),
  token_endpoint_auth_method: z.enum(["none", "client_secret_post", "client_secret_basic"]).default(
    "client_secret_basic",
  ),
  grant_types: z.array(text(100)).max(10).default(["authorization_code"]),
  response_types: z.array(text(100)).max(10).default(["code"]),
  client_name: text(200).optional(),
  client_uri: z.url().max(2000).optional(),
  scope: text(1000).optional(),
  application_type: z.enum(["native", "web"]).optional(),
  software_id: text(200).optional(),
  software_version: text(100).optional(),
}).loose();

const SUPPORTED_GRANTS = new Set(["authorization_code", "refresh_token"]);
/** How long a registration waits for its first authorization. */
export const PENDING_CLIENT_TTL_MS = 7 * 86_400_000;

/** Creates the {@link ClientStore}. */
export function createClientStore(deps: ClientStoreDeps): ClientStore {
  const { kv, clock } = deps;

  async function cachedDocumentClient(clientId: string): Promise<OAuthClient> {
    const cached = await kv.get<OAuthClient>(keys.oauthClient(clientId));
    if (cached.value?.expiresAt && cached.value.expiresAt > clock.now()) return cached.value;
    const doc = await fetchClientMetadata(clientId, deps);
    const now = clock.now();
    const client: OAuthClient = {
      clientId,
      source: "metadata_document",
      ...(doc.clientName ? { clientName: doc.clientName } : {}),
      ...(doc.clientUri ? { clientUri: doc.clientUri } : {}),
      redirectUris: doc.redirectUris,
      grantTypes: ["authorization_code", "refresh_token"],
      responseTypes: ["code"],
      tokenEndpointAuthMethod: "none",
      clientIdIssuedAt: Math.floor(now / 1000),
      expiresAt: now + doc.maxAgeSeconds * 1000,
    };
    await kv.set(keys.oauthClient(clientId), client, { expireIn: doc.maxAgeSeconds * 1000 });
    return client;
  }

  return {
    async register(metadata) {
      const parsed = registrationSchema.safeParse(metadata);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const field = issue.path.join(".") || "body";
        throw new OAuthError(
          "invalid_client_metadata",
          `Field "${field}" is invalid: ${issue.message}`,
        );
      }
      const input = parsed.data;
      for (const uri of input.redirect_uris) {
        const problem = deps.redirects.check(uri);
        if (problem) throw new OAuthError("invalid_redirect_uri", problem);
      }
      const unsupported = input.grant_types.find((grant) => !SUPPORTED_GRANTS.has(grant));
      if (unsupported) {
        throw new OAuthError(
          "invalid_client_metadata",
          `Grant type "${unsupported}" is not supported; use authorization_code and refresh_token`,
        );
      }
      if (input.response_types.some((type) => type !== "code")) {
        throw new OAuthError(
          "invalid_client_metadata",
          `Only the "code" response type is supported`,
        );
      }
      const clientSecret = input.token_endpoint_auth_method === "none" ? undefined : randomToken();
      const registrationAccessToken = randomToken();
      const client: OAuthClient = {
        clientId: deps.ids(),
        source: "dcr",
        redirectUris: input.redirect_uris,
        grantTypes: input.grant_types,
        responseTypes: input.response_types,
        tokenEndpointAuthMethod: input.token_endpoint_auth_method,
        clientIdIssuedAt: Math.floor(clock.now() / 1000),
        expiresAt: clock.now() + PENDING_CLIENT_TTL_MS,
        registrationTokenHash: await sha256Hex(registrationAccessToken),
        ...(clientSecret ? { clientSecretHash: await sha256Hex(clientSecret) } : {}),
        ...(input.client_name ? { clientName: input.client_name } : {}),
        ...(input.client_uri ? { clientUri: input.client_uri } : {}),
        ...(input.scope ? { scope: input.scope } : {}),
        ...(input.application_type ? { applicationType: input.application_type } : {}),
        ...(input.software_id ? { softwareId: input.software_id } : {}),
        ...(input.software_version ? { softwareVersion: input.software_version } : {}),
      };
      const result = await kv.atomic()
        .check({ key: keys.oauthClient(client.clientId), versionstamp: null })
        .set(keys.oauthClient(client.clientId), client, { expireIn: PENDING_CLIENT_TTL_MS })
        .commit();
      if (!result.ok) throw new OAuthError("server_error", "Cannot register the client; try again");
      return { client, registrationAccessToken, ...(clientSecret ? { clientSecret } : {}) };
    },

    async get(clientId) {
      if (!clientId || clientId.length > 2000) return null;
      if (isMetadataDocumentId(clientId)) return await cachedDocumentClient(clientId);
      const client = (await kv.get<OAuthClient>(keys.oauthClient(clientId))).value;
      if (client?.expiresAt !== undefined && client.expiresAt <= clock.now()) return null;
      return client;
    },

    async activate(client) {
      if (client.source !== "dcr" || client.expiresAt === undefined) return;
      const { expiresAt: _pending, ...kept } = client;
      await kv.set(keys.oauthClient(client.clientId), kept);
    },

    async verifySecret(client, secret) {
      if (!client.clientSecretHash || !secret) return false;
      return timingSafeEqual(await sha256Hex(secret), client.clientSecretHash);
    },

    async verifyRegistrationToken(client, token) {
      if (!client.registrationTokenHash || !token) return false;
      return timingSafeEqual(await sha256Hex(token), client.registrationTokenHash);
    },
  };
}

/** The RFC 7591 §3.2.1 client information response for a client. */
export function clientInformation(
  client: OAuthClient,
  extra: {
    clientSecret?: string;
    registrationAccessToken?: string;
    registrationClientUri?: string;
  } = {},
): Record<string, unknown> {
  return {
    client_id: client.clientId,
    client_id_issued_at: client.clientIdIssuedAt,
    ...(extra.clientSecret
      ? { client_secret: extra.clientSecret, client_secret_expires_at: 0 }
      : {}),
    ...(extra.registrationAccessToken
      ? { registration_access_token: extra.registrationAccessToken }
      : {}),
    ...(extra.registrationClientUri
      ? { registration_client_uri: extra.registrationClientUri }
      : {}),
    redirect_uris: client.redirectUris,
    token_endpoint_auth_method: client.tokenEndpointAuthMethod,
    grant_types: client.grantTypes,
    response_types: client.responseTypes,
    ...(client.clientName ? { client_name: client.clientName } : {}),
    ...(client.clientUri ? { client_uri: client.clientUri } : {}),
    ...(client.scope ? { scope: client.scope } : {}),
    ...(client.applicationType ? { application_type: client.applicationType } : {}),
    ...(client.softwareId ? { software_id: client.softwareId } : {}),
    ...(client.softwareVersion ? { software_version: client.softwareVersion } : {}),
  };
}
