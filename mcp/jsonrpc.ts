/**
 * One question about a JSON-RPC message that the session manager, the event
 * store and the reply relay all ask: is it an answer (a result or an error for
 * a request id, no method)?
 *
 * @module
 */

/** A JSON-RPC answer: `result` or `error` for the request `id`. */
export interface JsonRpcAnswer {
  readonly id: string | number | null;
  readonly result?: unknown;
  readonly error?: unknown;
}

/** True when `message` is a JSON-RPC answer to a request rather than a request or notification. */
export function isAnswer(message: unknown): message is JsonRpcAnswer {
  if (typeof message !== "object" || message === null) return false;
  if ("method" in message || !("id" in message)) return false;
  return "result" in message || "error" in message;
}
