import assert from "node:assert/strict";
import * as scripts from "../../../lib/sandbox/seed_scripts.ts";
import { validateXanoScript } from "../../../lib/xs/mod.ts";
import { metaSandbox } from "./_helpers.ts";

async function snapshot(seed: number): Promise<unknown[]> {
  const { meta } = await metaSandbox({ seed });
  const out: unknown[] = [];
  for (const table of [1, 2, 3]) {
    out.push((await meta("GET", `/workspace/1/table/${table}/content?per_page=100`)).body.items);
  }
  out.push((await meta("GET", "/workspace/1/table?include_xanoscript=true")).body);
  return out;
}

Deno.test("seed: the same seed gives the same data; another seed other records", async () => {
  const first = await snapshot(1);
  assert.deepEqual(await snapshot(1), first);
  assert.notDeepEqual(await snapshot(2), first);
  const [users, products, orders] = first as { id: number }[][];
  assert.equal(users.length, 12);
  assert.equal(products.length, 15);
  assert.equal(orders.length, 30);
});

Deno.test("seed: the seeded XanoScript sources are valid", () => {
  for (const [name, source] of Object.entries(scripts)) {
    const errors = validateXanoScript(source).filter((d) => d.severity === "error");
    assert.deepEqual(errors, [], name);
  }
});

Deno.test("seed: orders reference existing users and products", async () => {
  const { meta } = await metaSandbox();
  const orders = (await meta("GET", "/workspace/1/table/3/content?per_page=100")).body.items;
  for (const order of orders) {
    assert.ok(order.user_id >= 1 && order.user_id <= 12);
    assert.ok(order.product_id >= 1 && order.product_id <= 15);
  }
});
