import assert from "node:assert/strict";
import { createLineWriter, type SyncWriter } from "../../lib/log_writer.ts";

/** A stream that takes at most `chunk` bytes per write, as a full pipe does. */
function stream(chunk = Infinity): SyncWriter & { text(): string; writes: number } {
  const parts: Uint8Array[] = [];
  return {
    writes: 0,
    writeSync(bytes) {
      this.writes++;
      const taken = bytes.subarray(0, Math.min(chunk, bytes.length));
      parts.push(taken.slice());
      return taken.length;
    },
    text: () => new TextDecoder().decode(new Uint8Array(parts.flatMap((p) => [...p]))),
  };
}

Deno.test("log writer: info lines of one turn go out in one write, when the turn ends", () => {
  const out = stream(), err = stream();
  const later: (() => void)[] = [];
  const writer = createLineWriter({
    stdout: out,
    stderr: err,
    schedule: (f) => void later.push(f),
  });
  writer.write('{"msg":"a"}', "info");
  writer.write('{"msg":"b"}', "debug");
  writer.write('{"msg":"c"}', "info");
  assert.equal(out.writes, 0);
  assert.equal(later.length, 1, "one flush is scheduled for the turn");
  later[0]!();
  assert.equal(out.writes, 1);
  assert.equal(out.text(), '{"msg":"a"}\n{"msg":"b"}\n{"msg":"c"}\n');
});

Deno.test("log writer: warnings and errors are written at once, after the pending lines", () => {
  const out = stream(), err = stream();
  const writer = createLineWriter({ stdout: out, stderr: err, schedule: () => {} });
  writer.write("first", "info");
  writer.write("broke", "error");
  assert.equal(out.text(), "first\n");
  assert.equal(err.text(), "broke\n");
  writer.write("careful", "warn");
  assert.equal(err.text(), "broke\ncareful\n");
});

Deno.test("log writer: partial writes are completed and a full buffer is written without waiting", () => {
  const out = stream(7);
  const writer = createLineWriter({
    stdout: out,
    stderr: stream(),
    schedule: () => {},
    maxPending: 20,
  });
  writer.write("0123456789", "info");
  assert.equal(out.writes, 0);
  writer.write("abcdefghij", "info");
  assert.equal(out.text(), "0123456789\nabcdefghij\n");
  writer.write("tail", "info");
  writer.flush();
  assert.equal(out.text(), "0123456789\nabcdefghij\ntail\n");
  writer.flush();
  assert.equal(out.text(), "0123456789\nabcdefghij\ntail\n", "nothing is written twice");
});
