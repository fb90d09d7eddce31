/**
 * Turns tool arguments into a short, single-line summary that is safe to keep
 * in the audit log: values under secret-looking keys, bearer strings, JWTs and
 * long opaque tokens are replaced by `[redacted]`, long strings are shortened,
 * and the whole summary is bounded.
 *
 * @example
 * ```ts
 * summariseArguments({ table: "users", password: "hunter2" });
 * // '{table:"users",password:[redacted]}'
 * ```
 * @module
 */

/** The marker that replaces a secret value. */
export const REDACTED = "[redacted]";

const SECRET_KEY =
  /pass(word|wd|phrase)?$|secret|token|api[_-]?key|authori[sz]ation|cookie|credential|private[_-]?key|^auth$|session/i;
const JWT = /\beyJ[\w-]{6,}\.[\w-]{6,}\.[\w-]*/g;
const BEARER = /\b(bearer|basic)\s+[\w.~+/=-]{8,}/gi;
const OPAQUE = /^[A-Za-z0-9_\-+/=.]{40,}$/;

/** Options of {@link summariseArguments}. */
export interface SummaryOptions {
  /** Maximum length of the whole summary (default 240). */
  readonly maxLength?: number;
  /** Maximum length of one string value (default 60). */
  readonly maxString?: number;
}

/** Renders `args` as a compact, redacted, bounded summary. */
export function summariseArguments(args: unknown, options: SummaryOptions = {}): string {
  const maxLength = options.maxLength ?? 240;
  const maxString = options.maxString ?? 60;
  const text = render(args, maxString, 0);
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}

/** Redacts secrets inside free text (error messages and the like). */
export function redactText(text: string): string {
  return text.replace(JWT, REDACTED).replace(BEARER, (_, scheme) => `${scheme} ${REDACTED}`);
}

function render(value: unknown, maxString: number, depth: number): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === "string") return JSON.stringify(shorten(cleanString(value), maxString));
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (typeof value === "bigint") return `${value}n`;
  if (depth >= 3) return Array.isArray(value) ? "[…]" : "{…}";
  if (Array.isArray(value)) {
    const shown = value.slice(0, 5).map((item) => render(item, maxString, depth + 1));
    if (value.length > 5) shown.push(`…+${value.length - 5}`);
    return `[${shown.join(",")}]`;
  }
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>);
    const shown = entries.slice(0, 12).map(([key, inner]) =>
      `${safeKey(key)}:${SECRET_KEY.test(key) ? REDACTED : render(inner, maxString, depth + 1)}`
    );
    if (entries.length > 12) shown.push(`…+${entries.length - 12}`);
    return `{${shown.join(",")}}`;
  }
  return `<${typeof value}>`;
}

function cleanString(value: string): string {
  if (OPAQUE.test(value) && /\d/.test(value) && /[A-Za-z]/.test(value)) return REDACTED;
  return redactText(value).replace(/\s+/g, " ");
}

function shorten(value: string, max: number): string {
  return value.length > max ? `${value.slice(0, max - 1)}…` : value;
}

function safeKey(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(shorten(key, 30));
}
