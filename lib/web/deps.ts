/**
 * What the dashboard needs from the rest of the app, as narrow ports. The
 * composition root adapts the real stores (sessions, API keys, grants, the
 * Xano credential lifecycle, the audit log and usage counters, the tool
 * inventory) to these interfaces; tests pass small in-memory fakes. Pages
 * never touch KV or fetch directly.
 *
 * @module
 */

import type { Context } from "hono";
import type { Scope } from "../auth/types.ts";
import type { Clock } from "../clock.ts";
import type { Config } from "../config.ts";
import type { AuditStore } from "../kv/audit.ts";
import type { UsageStore } from "../kv/usage.ts";
import type { Logger } from "../log.ts";
import type { Assets } from "./assets.ts";

/** The signed-in person, as pages show them. */
export interface DashboardUser {
  readonly id: string;
  readonly name: string;
  readonly email?: string;
}

/** A live dashboard session. */
export interface DashboardSession {
  readonly user: DashboardUser;
  /** Synchronizer token every form of this session must echo back. */
  readonly csrfToken: string;
}

/** Dashboard sessions (the authorization server's session cookies). */
export interface SessionPort {
  /** The session of this request's cookie, or `null`. */
  current(c: Context): Promise<DashboardSession | null>;
  /** Ends this request's session and clears its cookie. */
  signOut(c: Context): Promise<void>;
}

/** An API key as listed (never the secret). */
export interface ApiKeyView {
  readonly id: string;
  readonly name: string;
  readonly scopes: readonly Scope[];
  readonly createdAt: number;
  readonly expiresAt: number;
  readonly lastUsedAt: number | null;
  /** The key's last characters, which help people recognise it. */
  readonly hint?: string;
}

/** Personal API keys. */
export interface ApiKeyPort {
  list(userId: string): Promise<readonly ApiKeyView[]>;
  /** Creates a key; `secret` is shown once and never stored in clear. */
  create(
    userId: string,
    input: {
      readonly name: string;
      readonly scopes: readonly Scope[];
      readonly expiresInDays: number;
    },
  ): Promise<{ readonly key: ApiKeyView; readonly secret: string }>;
  /** Revokes a key; `false` when it does not exist (or is not the user's). */
  revoke(userId: string, keyId: string): Promise<boolean>;
}

/** An OAuth client with access to the user's Xano, as listed. */
export interface ConnectionView {
  readonly grantId: string;
  readonly clientId: string;
  readonly clientName: string;
  /** Host of the redirect URI the client registered (`claude.ai`, `127.0.0.1:6274`). */
  readonly redirectHost: string;
  readonly scopes: readonly Scope[];
  readonly readOnly: boolean;
  /** Enabled toolsets; `null` means the defaults. */
  readonly toolsets: readonly string[] | null;
  readonly createdAt: number;
  readonly lastUsedAt: number | null;
}

/** OAuth grants of a user. */
export interface ConnectionPort {
  list(userId: string): Promise<readonly ConnectionView[]>;
  /** Revokes the grant and every token issued under it; `false` when unknown. */
  revoke(userId: string, grantId: string): Promise<boolean>;
}

/** State of the user's upstream Xano credential. */
export interface XanoConnectionView {
  readonly kind: "account" | "token";
  /** Instance origin, e.g. `https://x.xano.io`. */
  readonly instance: string;
  readonly workspace?: string;
  readonly email?: string;
  readonly state: "ok" | "expired" | "needs_sign_in";
  readonly obtainedAt: number;
  readonly expiresAt?: number;
}

/** The Xano credential lifecycle, as the overview needs it. */
export interface XanoPort {
  status(userId: string): Promise<XanoConnectionView | null>;
  /** Re-reads the Metadata token now; the message says what happened. */
  refresh(userId: string): Promise<{ readonly ok: boolean; readonly message: string }>;
}

/** One MCP tool, as the docs page documents it. */
export interface ToolDoc {
  readonly name: string;
  readonly toolset: string;
  readonly title?: string;
  readonly description: string;
  readonly readOnly: boolean;
  readonly destructive: boolean;
  /** JSON Schema of the input (object with `properties`). */
  readonly inputSchema?: Readonly<Record<string, unknown>>;
}

/** The outcome of deploying SDK code from the playground. */
export interface DeployOutcome {
  readonly ok: boolean;
  readonly message: string;
  readonly endpointUrl?: string;
}

/** Where playground code can be deployed: a workspace and its API groups. */
export interface DeployTarget {
  readonly workspaceId: number;
  readonly workspaceName: string;
  readonly apiGroups: readonly { readonly id: number; readonly name: string }[];
}

/** Deploys SDK code for a user (compile, fix, validate, push). */
export interface DeployPort {
  /** The user's workspaces and API groups (throws when Xano cannot be reached). */
  targets(userId: string): Promise<readonly DeployTarget[]>;
  deploy(
    userId: string,
    input: { readonly code: string; readonly workspaceId: number; readonly apiGroupId?: number },
  ): Promise<DeployOutcome>;
}

/** What `main.ts` (or a test) adds to the app to mount the dashboard. */
export interface WebOptions {
  readonly assets: Assets;
  readonly xano?: XanoPort;
  readonly tools?: readonly ToolDoc[];
  readonly deploy?: DeployPort;
}

/** Everything the dashboard routes need. */
export interface WebDeps {
  readonly config: Config;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly assets: Assets;
  readonly sessions: SessionPort;
  readonly apiKeys: ApiKeyPort;
  readonly connections: ConnectionPort;
  /** The Xano credential lifecycle; the overview says so when it is absent. */
  readonly xano?: XanoPort;
  readonly audit: AuditStore;
  readonly usage: UsageStore;
  /** The MCP tool inventory, documented on the docs page. */
  readonly tools: readonly ToolDoc[];
  /** Toolset descriptions by id. */
  readonly toolsets?: Readonly<Record<string, string>>;
  /** SDK deploys from the playground; the button is disabled when absent. */
  readonly deploy?: DeployPort;
}
