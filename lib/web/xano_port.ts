/**
 * The overview's view of a user's Xano credential, over the Xano runtime's
 * credential store: which instance, how the user signed in, whether the
 * credential still works, and "refresh now": a real Metadata API call that
 * renews an account sign-in's token when Xano rejects it.
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

/** Builds the {@link XanoPort} over the runtime's credential store and client. */
export function xanoPort(runtime: Pick<XanoRuntime, "credentials" | "clientFor">): XanoPort {
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
      const before = await runtime.credentials.read(userId);
      if (!before) return { ok: false, message: "No Xano credential is stored; sign in again" };
      try {
        // A real call: on a 401 the client renews the token (account sign-ins) before answering.
        await runtime.clientFor(userId).me();
      } catch (error) {
        if (error instanceof AppError) return { ok: false, message: error.message };
        throw error;
      }
      const after = await runtime.credentials.read(userId);
      const renewed = after?.status.lastRefreshAt !== before.status.lastRefreshAt;
      return {
        ok: true,
        message: renewed
          ? "Xano had rejected the old token; a new one was obtained and works"
          : "Xano accepted the current token; nothing needed renewing",
      };
    },
  };
}
