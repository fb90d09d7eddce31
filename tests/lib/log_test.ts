import assert from "node:assert/strict";
import { createLogger, redact } from "../../lib/log.ts";

Deno.test("log: writes one JSON object per line with level, message and fields", () => {
  const lines: string[] = [];
  const log = createLogger({ write: (line) => lines.push(line), now: () => 0 });
  log.info("hello", { n: 1 });
  assert.deepEqual(JSON.parse(lines[0]), {
    time: "1970-01-01T00:00:00.000Z",
    level: "info",
    msg: "hello",
    n: 1,
  });
});

Deno.test("log: drops lines below the level", () => {
  const lines: string[] = [];
  const log = createLogger({ level: "warn", write: (line) => lines.push(line) });
  log.info("no");
  log.debug("no");
  log.warn("yes");
  assert.equal(lines.length, 1);
});

Deno.test("log: child loggers carry their fields", () => {
  const lines: string[] = [];
  const log = createLogger({ write: (line) => lines.push(line) }).child({ requestId: "r-1" });
  log.error("x");
  assert.equal(JSON.parse(lines[0]).requestId, "r-1");
});

Deno.test("log: secret-looking fields are redacted at any depth", () => {
  const out = redact({
    authorization: "Bearer abc",
    nested: { password: "p", api_key: "k", refreshToken: "r", ok: "visible" },
    list: [{ client_secret: "s" }],
    error: new Error("boom"),
  }) as Record<string, unknown>;
  const text = JSON.stringify(out);
  for (const secret of ["Bearer abc", '"p"', '"k"', '"r"', '"s"']) {
    assert.ok(!text.includes(secret), secret);
  }
  assert.ok(text.includes("visible"));
  assert.deepEqual(out.error, { name: "Error", message: "boom" });
});
