/**
 * Structured JSON logs, one object per line. Fields whose names look secret
 * (token, password, key, secret, authorization, cookie…) are redacted before
 * writing, at any depth, so a careless call site cannot leak them.
 *
 * @example
 * ```ts
 * const log = createLogger({ level: "info" });
 * log.info("request", { requestId: "r-1", status: 200 });
 * ```
 * @module
 */

import type { LogLevel } from "./config.ts";

/** A structured logger. */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  /** A logger whose every line carries `fields`. */
  child(fields: Record<string, unknown>): Logger;
}

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  readonly level?: LogLevel;
  /** Where lines go (default `console.log`/`console.error` by level). */
  readonly write?: (line: string, level: LogLevel) => void;
  /** Clock for the `time` field. */
  readonly now?: () => number;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const SECRET_NAME =
  /pass(word)?|secret|token|authorization|cookie|api_?key|credential|encryption|verifier|^code$/i;
const MAX_STRING = 2_000;

/** Creates a {@link Logger} that writes JSON lines at or above `level`. */
export function createLogger(
  options: LoggerOptions = {},
  base: Record<string, unknown> = {},
): Logger {
  const threshold = ORDER[options.level ?? "info"];
  const write = options.write ?? defaultWrite;
  const now = options.now ?? Date.now;

  function emit(level: LogLevel, message: string, fields?: Record<string, unknown>): void {
    if (ORDER[level] < threshold) return;
    const record = { time: new Date(now()).toISOString(), level, msg: message, ...base, ...fields };
    write(JSON.stringify(redact(record)), level);
  }

  return {
    debug: (message, fields) => emit("debug", message, fields),
    info: (message, fields) => emit("info", message, fields),
    warn: (message, fields) => emit("warn", message, fields),
    error: (message, fields) => emit("error", message, fields),
    child: (fields) => createLogger(options, { ...base, ...fields }),
  };
}

/** A logger that drops everything (for tests that do not assert on logs). */
export const silentLogger: Logger = createLogger({ write: () => {} });

/**
 * Returns a copy of `value` with secret-looking fields replaced by `"[redacted]"`
 * and `Error`s reduced to name and message (no stack).
 */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 8) return "[deep]";
  if (value instanceof Error) return { name: value.name, message: value.message };
  if (typeof value === "string") {
    return value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}…` : value;
  }
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [name, inner] of Object.entries(value)) {
      out[name] = SECRET_NAME.test(name) && inner !== null && inner !== undefined &&
          typeof inner !== "boolean"
        ? "[redacted]"
        : redact(inner, depth + 1);
    }
    return out;
  }
  return value;
}

function defaultWrite(line: string, level: LogLevel): void {
  if (level === "error" || level === "warn") console.error(line);
  else console.log(line);
}
