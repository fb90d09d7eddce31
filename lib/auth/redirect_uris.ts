/**
 * Which redirect URIs a client may register. By default: loopback on any port
 * (native apps, CLIs, the Inspector, mcp-remote, the conformance suite), the
 * Claude callbacks and the ChatGPT connector callbacks; nothing else. Operators
 * can admit more with `OAUTH_REDIRECT_URIS` (exact URIs, or prefixes ending in `*`).
 * At `/authorize` the redirect URI must then equal a registered one exactly.
 *
 * @example
 * ```ts
 * const policy = redirectPolicy({ extra: [] });
 * policy.check("http://127.0.0.1:6276/oauth/callback"); // null (allowed)
 * policy.check("https://evil.example/cb"); // "… is not an allowed redirect URI …"
 * ```
 * @module
 */

/** Decides whether a redirect URI may be registered. */
export interface RedirectPolicy {
  /** `null` when allowed, else a message saying why not. */
  check(uri: string): string | null;
  /** True when the URI points at the user's own machine. */
  isLoopback(uri: string): boolean;
}

/** Exact redirect URIs of hosted clients admitted by default. */
export const HOSTED_CLIENT_REDIRECTS: readonly string[] = [
  "https://claude.ai/api/mcp/auth_callback",
  "https://claude.com/api/mcp/auth_callback",
  "https://chatgpt.com/connector_platform_oauth_redirect",
];

const CHATGPT_CONNECTOR = /^https:\/\/chatgpt\.com\/connector\/oauth\/[A-Za-z0-9_-]{1,128}$/;
const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** Settings of {@link redirectPolicy}. */
export interface RedirectPolicyOptions {
  /** Extra admitted URIs: exact, or a prefix ending in `*`. */
  readonly extra: readonly string[];
}

/** Builds the {@link RedirectPolicy}. */
export function redirectPolicy(options: RedirectPolicyOptions): RedirectPolicy {
  function isLoopback(uri: string): boolean {
    const url = URL.parse(uri);
    return url !== null && (url.protocol === "http:" || url.protocol === "https:") &&
      LOOPBACK_HOSTS.has(url.hostname);
  }

  return {
    isLoopback,
    check(uri) {
      const url = URL.parse(uri);
      if (url === null) return `Redirect URI "${uri}" is not an absolute URL`;
      if (url.hash || uri.includes("#")) {
        return `Redirect URI "${uri}" must not contain a fragment`;
      }
      if (url.username || url.password) {
        return `Redirect URI "${uri}" must not contain credentials`;
      }
      if (isLoopback(uri)) return null;
      if (HOSTED_CLIENT_REDIRECTS.includes(uri) || CHATGPT_CONNECTOR.test(uri)) return null;
      for (const pattern of options.extra) {
        if (pattern.endsWith("*") ? uri.startsWith(pattern.slice(0, -1)) : uri === pattern) {
          return null;
        }
      }
      return `Redirect URI "${uri}" is not an allowed redirect URI: use a loopback address ` +
        `(http://127.0.0.1:<port>/…), a Claude or ChatGPT callback, or ask the operator to add it ` +
        `to OAUTH_REDIRECT_URIS`;
    },
  };
}
