/**
 * The overview's view of a user's Xano credential, over the Xano runtime's
 * credential store: which instance, how the user signed in, whether the
 * credential still works, and "refresh now" for account sign-ins.
 *
 * @example
 * ```ts
 * const xano = xanoPort(runtime);
 * await xano.status(userId); // { instance: "https://x1.xano.io", state: "ok", … }
 * ```
 * @module
 */

import { AppError } from "../errors.ts";
import type { XanoRuntime } from "../xano/mod.ts";
import type { XanoPort } from "./deps.ts";

/** Builds the {@link XanoPort} over the runtime's credential store and debug operations. */
export function xanoPort(runtime: Pick<XanoRuntime, "credentials" | "debug">): XanoPort {
  return {
    async status(userId) {
      const entry = await runtime.credentials.read(userId);
      if (!entry) return null;
      const { credential, status } = entry;
      return {
        kind: credential.kind,
        instance: URL.parse(credential.metaUrl)?.origin ?? status.metaHost,
        ...(credential.kind === "account" ? { email: credential.email } : {}),
        state: status.state,
        obtainedAt: status.lastRefreshAt ?? status.obtainedAt,
      };
    },
    async refresh(userId) {
      const entry = await runtime.credentials.read(userId);
      if (!entry) return { ok: false, message: "No Xano credential is stored; sign in again" };
      if (entry.credential.kind === "token") {
        return {
          ok: false,
          message:
            "A pasted Metadata API token cannot be renewed here; sign in again with a new token",
        };
      }
      try {
        await runtime.debug.forceRefresh(userId);
        return { ok: true, message: "Xano token renewed" };
      } catch (error) {
        if (error instanceof AppError) return { ok: false, message: error.message };
        throw error;
      }
    },
  };
}
