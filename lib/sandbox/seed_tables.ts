/**
 * The seeded tables (`users`, `products`, `orders`) and their records, drawn
 * from a seeded PRNG so every run produces the same data.
 *
 * @module
 */

import { sha256Hex } from "../crypto.ts";
import type { SandboxContext } from "./context.ts";
import { field } from "./fields.ts";
import type { Field, Row, Table } from "./model.ts";
import type { Mutation } from "./store.ts";

/** When the seeded objects were created (fixed, so the seed is deterministic). */
export const SEED_TIME = Date.UTC(2026, 0, 1);

const FIRST = [
  "Ada",
  "Grace",
  "Alan",
  "Edsger",
  "Barbara",
  "Ken",
  "Margaret",
  "Linus",
  "Radia",
  "Donald",
  "Frances",
  "John",
];
const LAST = [
  "Lovelace",
  "Hopper",
  "Turing",
  "Dijkstra",
  "Liskov",
  "Thompson",
  "Hamilton",
  "Torvalds",
  "Perlman",
  "Knuth",
  "Allen",
  "Backus",
];
const PRODUCTS: readonly [string, string, number][] = [
  ["Espresso beans", "coffee", 14.5],
  ["Filter papers", "accessories", 4.25],
  ["Pour-over kettle", "equipment", 39],
  ["Burr grinder", "equipment", 129],
  ["Oat milk", "dairy", 2.8],
  ["Ceramic mug", "accessories", 12],
  ["Decaf beans", "coffee", 13.75],
  ["Milk frother", "equipment", 24.9],
  ["Travel cup", "accessories", 18.5],
  ["Cold brew kit", "equipment", 32],
  ["Single origin beans", "coffee", 19.9],
  ["Tamper", "accessories", 21],
  ["Scale", "equipment", 45],
  ["Whole milk", "dairy", 1.9],
  ["Syrup sampler", "accessories", 16.4],
];

/** Builds the seeded tables and rows of workspace `ws`; returns the users' emails too. */
export async function seedTables(
  ctx: SandboxContext,
  ws: number,
  random: () => number,
): Promise<{ mutations: Mutation[]; emails: string[] }> {
  const { db } = ctx;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const mutations: Mutation[] = [];
  const at = (minutes: number) => SEED_TIME - 10 * 86_400_000 + minutes * 60_000;

  const users = table(ctx, ws, 1, "users", "People who use the shop", [
    field("name", "text", { required: true }),
    field("email", "email", { required: true }),
    field("password", "password", { access: "private", sensitive: true }),
    field("role", "enum", { values: ["member", "admin"], default: "member" }),
    field("is_active", "bool", { default: "true" }),
  ], true);
  const products = table(ctx, ws, 2, "products", "What the shop sells", [
    field("name", "text", { required: true }),
    field("description", "text"),
    field("price", "decimal", { required: true }),
    field("stock", "int", { default: "0" }),
    field("category", "enum", { values: ["coffee", "equipment", "accessories", "dairy"] }),
    field("tags", "text", { style: "list" }),
  ]);
  const orders = table(ctx, ws, 3, "orders", "Orders placed by users", [
    field("user_id", "tableref", { tableref_id: 1, required: true }),
    field("product_id", "tableref", { tableref_id: 2, required: true }),
    field("quantity", "int", { default: "1" }),
    field("total", "decimal"),
    field("status", "enum", {
      values: ["pending", "paid", "shipped", "cancelled"],
      default: "pending",
    }),
  ]);
  users.index.push({ id: 2, type: "unique", fields: [{ name: "email", op: "asc" }] });
  for (const t of [users, products, orders]) mutations.push(db.tables(ws).set(t.id, t));
  mutations.push(db.setLastId(["table", ws], 3));

  const userRows: Row[] = [];
  const userPassword = `sha256$${await sha256Hex("password123")}`;
  for (let i = 0; i < 12; i++) {
    const name = `${FIRST[i]} ${LAST[i]}`;
    userRows.push({
      id: i + 1,
      created_at: at(i * 90),
      name,
      email: `${FIRST[i].toLowerCase()}.${LAST[i].toLowerCase()}@example.com`,
      password: userPassword,
      role: i < 2 ? "admin" : "member",
      is_active: random() > 0.15,
    });
  }
  const productRows: Row[] = PRODUCTS.map(([name, category, price], i) => ({
    id: i + 1,
    created_at: at(i * 45),
    name,
    description: `${name} for the home barista`,
    price,
    stock: Math.floor(random() * 40),
    category,
    tags: category === "coffee" ? ["beans", "roasted"] : [category],
  }));
  const orderRows: Row[] = [];
  for (let i = 0; i < 30; i++) {
    const product = pick(productRows);
    const quantity = 1 + Math.floor(random() * 4);
    orderRows.push({
      id: i + 1,
      created_at: at(2_000 + i * 133),
      user_id: pick(userRows).id,
      product_id: product.id,
      quantity,
      total: Math.round(Number(product.price) * quantity * 100) / 100,
      status: pick(["pending", "paid", "paid", "shipped", "cancelled"]),
    });
  }
  for (
    const [t, rows] of [[users, userRows], [products, productRows], [orders, orderRows]] as const
  ) {
    for (const row of rows) mutations.push(db.rows(ws, t.id, "live").set(row.id, row));
    mutations.push(db.setLastId(["row", ws, t.id, "live"], rows.length));
  }

  return { mutations, emails: userRows.map((r) => String(r.email)) };
}

function table(
  ctx: SandboxContext,
  ws: number,
  id: number,
  name: string,
  description: string,
  fields: Field[],
  auth = false,
): Table & { index: Table["index"][number][] } {
  return {
    id,
    workspace_id: ws,
    created_at: SEED_TIME,
    updated_at: SEED_TIME,
    name,
    description,
    docs: "",
    guid: ctx.ids(),
    auth,
    tag: [],
    schema: [
      field("id", "int", { required: true }),
      field("created_at", "timestamp", { default: "now" }),
      ...fields,
    ],
    index: [{ id: 1, type: "primary", fields: [{ name: "id" }] }],
    autocomplete: [{ name: "name" }],
  };
}
