/**
 * The request pipeline in front of the Metadata and auth APIs: fault
 * injection around one lock that serialises every handler, so a request
 * never observes another one half-done. Order per request: latency, drop,
 * 429, 5xx (all before the handler: nothing applied), handler under the lock,
 * then the after-write faults (applied, then failed or dropped).
 *
 * @module
 */

import type { MiddlewareHandler } from "hono";
import type { SandboxEnv } from "./context.ts";
import { XanoError, xanoErrorResponse } from "./errors.ts";
import type { FaultController } from "./faults.ts";

/** The header that marks a response whose connection is to be dropped. */
export const DROP_HEADER = "x-sandbox-fault";

const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Runs async functions one at a time, in call order. */
export interface Lock {
  run<T>(fn: () => Promise<T>): Promise<T>;
}

/** Creates a {@link Lock}. */
export function createLock(): Lock {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run<T>(fn: () => Promise<T>): Promise<T> {
      const result = tail.then(fn);
      tail = result.catch(() => {});
      return result;
    },
  };
}

/** Dependencies of {@link faultPipeline}. */
export interface PipelineDeps {
  readonly faults: FaultController;
  readonly lock: Lock;
  readonly ready: () => Promise<void>;
  readonly sleep: (ms: number) => Promise<void>;
}

/** Middleware that injects the planned faults and runs the handler under the lock. */
export function faultPipeline(deps: PipelineDeps): MiddlewareHandler<SandboxEnv> {
  const { faults } = deps;
  const injectedError = () =>
    xanoErrorResponse(
      new XanoError(
        faults.spec.errorStatus,
        "ERROR_FATAL",
        "Injected fault: the sandbox failed this request",
      ),
    );
  return async (c, next) => {
    const plan = faults.plan();
    if (plan.latencyMs > 0) await deps.sleep(plan.latencyMs);
    if (plan.drop) return droppedResponse();
    if (plan.rateLimited) {
      const retryAfter = String(faults.spec.retryAfterSeconds);
      return xanoErrorResponse(
        new XanoError(
          429,
          "ERROR_CODE_TOO_MANY_REQUESTS",
          `Too many requests: retry after ${retryAfter} s`,
          { headers: { "Retry-After": retryAfter } },
        ),
      );
    }
    if (plan.error) return injectedError();
    await deps.lock.run(async () => {
      await deps.ready();
      await next();
    });
    const applied = WRITE_METHODS.has(c.req.method) && c.res.status < 400;
    if (applied && plan.errorAfterWrite) c.res = injectedError();
    else if (applied && plan.dropAfterWrite) c.res = droppedResponse();
  };
}

/**
 * A response whose body fails at once: served, the connection is aborted
 * mid-response; `Sandbox.fetch` sees {@link DROP_HEADER} and rejects instead.
 */
export function droppedResponse(): Response {
  const body = new ReadableStream({
    start(controller) {
      // A bare message, not an Error: served, Deno logs one short line per drop, not a stack.
      controller.error("sandbox fault injection dropped this connection");
    },
  });
  return new Response(body, { status: 200, headers: { [DROP_HEADER]: "drop" } });
}
