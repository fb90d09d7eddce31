/**
 * Guards for URLs the server fetches on a stranger's say-so (client metadata
 * documents, a Metadata API URL typed on the sign-in page): HTTPS only, no
 * credentials, and a host that resolves only to public addresses. Loopback
 * over plain HTTP is admitted only when the caller says so (development and
 * the local sandbox).
 *
 * Residual risk: the fetch resolves the name again, so a DNS-rebinding server
 * could answer differently the second time; fetches are also made with
 * `redirect: "manual"` and bounded in size and time by their callers.
 *
 * @module
 */

/** Resolves a host name to its IP addresses (A and AAAA). */
export type ResolveHost = (hostname: string) => Promise<readonly string[]>;

/** Options of {@link checkFetchableUrl}. */
export interface FetchableUrlOptions {
  readonly resolveHost: ResolveHost;
  /** Admit `http:` and loopback addresses (never in production). */
  readonly allowLoopback: boolean;
}

/**
 * Returns `null` when `raw` is safe to fetch, else a message saying why not.
 *
 * @example
 * ```ts
 * await checkFetchableUrl("https://10.0.0.1/x", { resolveHost, allowLoopback: false });
 * // "Host \"10.0.0.1\" is a private or reserved address"
 * ```
 */
export async function checkFetchableUrl(
  raw: string,
  options: FetchableUrlOptions,
): Promise<string | null> {
  const url = URL.parse(raw);
  if (!url) return `"${raw}" is not an absolute URL`;
  if (url.username || url.password) return `URL "${raw}" must not contain credentials`;
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const literal = isIpLiteral(host);
  const loopbackName = host === "localhost" || host.endsWith(".localhost");
  if (url.protocol !== "https:") {
    const local = loopbackName || (literal && isLoopbackIp(host));
    if (!(url.protocol === "http:" && options.allowLoopback && local)) {
      return `URL "${raw}" must use https`;
    }
  }
  if (loopbackName) {
    return options.allowLoopback ? null : `Host "${host}" is a loopback address`;
  }
  let addresses: readonly string[];
  if (literal) {
    addresses = [host];
  } else {
    try {
      addresses = await options.resolveHost(host);
    } catch {
      return `Host "${host}" cannot be resolved`;
    }
    if (addresses.length === 0) return `Host "${host}" cannot be resolved`;
  }
  for (const address of addresses) {
    if (options.allowLoopback && isLoopbackIp(address)) continue;
    if (!isPublicIp(address)) return `Host "${host}" is a private or reserved address`;
  }
  return null;
}

/** True for an IPv4 dotted quad or an IPv6 literal (without brackets). */
export function isIpLiteral(host: string): boolean {
  return parseIpv4(host) !== null || host.includes(":");
}

/** True for 127.0.0.0/8 and ::1. */
export function isLoopbackIp(ip: string): boolean {
  const v4 = parseIpv4(ip) ?? mappedIpv4(ip);
  if (v4) return v4[0] === 127;
  return expandIpv6(ip)?.every((part, i) => part === (i === 7 ? 1 : 0)) ?? false;
}

/**
 * True only for globally routable unicast addresses: false for private,
 * loopback, link-local, CGNAT, multicast, documentation and other reserved ranges.
 */
export function isPublicIp(ip: string): boolean {
  const v4 = parseIpv4(ip) ?? mappedIpv4(ip);
  if (v4) return isPublicIpv4(v4);
  const v6 = expandIpv6(ip);
  if (!v6) return false;
  const [a, b] = v6;
  if (v6.every((part) => part === 0)) return false; // ::
  if (v6.slice(0, 7).every((part) => part === 0)) return false; // ::1 and ::x
  if ((a & 0xfe00) === 0xfc00) return false; // fc00::/7 unique local
  if ((a & 0xffc0) === 0xfe80) return false; // fe80::/10 link local
  if ((a & 0xff00) === 0xff00) return false; // multicast
  if (a === 0x2001 && b === 0x0db8) return false; // documentation
  if (a === 0x0064 && b === 0xff9b) return false; // NAT64 can reach private v4
  if (a === 0x2002) return false; // 6to4 embeds arbitrary v4
  return (a & 0xe000) === 0x2000; // only 2000::/3 is global unicast
}

function isPublicIpv4([a, b, c]: readonly number[]): boolean {
  if (a === 0 || a === 10 || a === 127 || a >= 224) return false;
  if (a === 100 && b >= 64 && b <= 127) return false;
  if (a === 169 && b === 254) return false;
  if (a === 172 && b >= 16 && b <= 31) return false;
  if (a === 192 && b === 168) return false;
  if (a === 192 && b === 0 && (c === 0 || c === 2)) return false;
  if (a === 198 && (b === 18 || b === 19)) return false;
  if (a === 198 && b === 51 && c === 100) return false;
  if (a === 203 && b === 0 && c === 113) return false;
  return true;
}

function parseIpv4(text: string): number[] | null {
  const parts = text.split(".");
  if (parts.length !== 4) return null;
  const bytes = parts.map((part) => (/^\d{1,3}$/.test(part) ? Number(part) : NaN));
  return bytes.every((byte) => byte >= 0 && byte <= 255) ? bytes : null;
}

function mappedIpv4(ip: string): number[] | null {
  const match = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (match) return parseIpv4(match[1]);
  const v6 = expandIpv6(ip);
  if (v6 && v6.slice(0, 5).every((part) => part === 0) && v6[5] === 0xffff) {
    return [v6[6] >> 8, v6[6] & 0xff, v6[7] >> 8, v6[7] & 0xff];
  }
  return null;
}

function expandIpv6(ip: string): number[] | null {
  const text = ip.replace(/^\[|\]$/g, "").split("%")[0];
  if (!text.includes(":")) return null;
  let tail: number[] = [];
  let body = text;
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const bytes = parseIpv4(v4[1]);
    if (!bytes) return null;
    tail = [(bytes[0] << 8) | bytes[1], (bytes[2] << 8) | bytes[3]];
    body = text.slice(0, -v4[1].length).replace(/:$/, "") || ":";
    if (body.endsWith(":") && !body.endsWith("::")) body = body.slice(0, -1);
  }
  const halves = body.split("::");
  if (halves.length > 2) return null;
  const parse = (
    part: string,
  ) => (part === ""
    ? []
    : part.split(":").map((h) => (/^[0-9a-f]{1,4}$/i.test(h) ? parseInt(h, 16) : NaN)));
  const head = parse(halves[0]);
  const rest = halves.length === 2 ? parse(halves[1]) : [];
  const missing = 8 - head.length - rest.length - tail.length;
  if (halves.length === 1 && missing !== 0) return null;
  if (missing < 0) return null;
  const words = [
    ...head,
    ...new Array(halves.length === 2 ? missing : 0).fill(0),
    ...rest,
    ...tail,
  ];
  return words.length === 8 && words.every((w) => Number.isInteger(w)) ? words : null;
}
