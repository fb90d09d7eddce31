import assert from "node:assert/strict";
import { readTextUpTo } from "../../../lib/http/bounded_body.ts";

function chunks(...parts: string[]): { stream: ReadableStream<Uint8Array>; cancelled(): boolean } {
  let cancelled = false;
  let next = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (next < parts.length) controller.enqueue(new TextEncoder().encode(parts[next++]));
      else controller.close();
    },
    cancel() {
      cancelled = true;
    },
  });
  return { stream, cancelled: () => cancelled };
}

Deno.test("bounded body: reads chunks up to the limit as text, and no body as empty text", async () => {
  assert.equal(await readTextUpTo(chunks("hé", "llo").stream, 6), "héllo");
  assert.equal(await readTextUpTo(null, 10), "");
});

Deno.test("bounded body: one byte over the limit is null and the stream is cancelled, unread", async () => {
  const body = chunks("abc", "def", "never read");
  assert.equal(await readTextUpTo(body.stream, 5), null);
  assert.ok(body.cancelled());
});
