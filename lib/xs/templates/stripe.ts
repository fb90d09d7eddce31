/**
 * The Stripe template: a Checkout Session endpoint, a webhook receiver that
 * verifies Stripe's signature (HMAC-SHA256 of `t.payload` with the endpoint
 * secret, 5-minute tolerance) before it trusts an event, and a customer
 * lookup. Secrets come from Xano environment variables, never from code. The
 * customer table needs a `stripe_customer_id` text column (the webhook fills
 * it); checkout passes the signed-in id as `client_reference_id`.
 *
 * @example
 * ```ts
 * const { files } = stripeTemplate({ successUrl: "https://app.test/paid", cancelUrl: "https://app.test/cart" });
 * ```
 * @module
 */

import { create, createApiGroup, createTable, expr, type LogicBuilder } from "../sdk/mod.ts";
import { collect, type TemplateResult } from "./result.ts";

/** Options of {@link stripeTemplate}. */
export interface StripeOptions {
  /** API group (default `stripe`). */
  readonly apiGroup?: string;
  /** The auth table whose rows are Stripe customers (default `user`). */
  readonly customerTable?: string;
  /** Where Checkout sends the buyer after paying. */
  readonly successUrl: string;
  /** Where Checkout sends the buyer after cancelling. */
  readonly cancelUrl: string;
  /** Checkout mode (default `payment`). */
  readonly mode?: "payment" | "subscription";
  /** Env variable holding the secret API key (default `STRIPE_SECRET_KEY`). */
  readonly secretKeyEnv?: string;
  /** Env variable holding the webhook signing secret (default `STRIPE_WEBHOOK_SECRET`). */
  readonly webhookSecretEnv?: string;
  /** Table that records verified events, for idempotency (default `stripe_event`). */
  readonly eventTable?: string;
  /** Include the table and `api_group` documents (default true). */
  readonly includeTables?: boolean;
}

const API = "https://api.stripe.com/v1";
const TOLERANCE_MS = 300_000;

/** Generates the Stripe objects. */
export function stripeTemplate(options: StripeOptions): TemplateResult {
  const group = options.apiGroup ?? "stripe";
  const customers = options.customerTable ?? "user";
  const secret = `$env.${options.secretKeyEnv ?? "STRIPE_SECRET_KEY"}`;
  const signingSecret = `$env.${options.webhookSecretEnv ?? "STRIPE_WEBHOOK_SECRET"}`;
  const events = options.eventTable ?? "stripe_event";
  const headers = {
    Authorization: expr(`"Bearer " ~ ${secret}`),
    "Content-Type": "application/x-www-form-urlencoded",
  };
  const stripeOk = (e: LogicBuilder, alias: string, what: string) =>
    e.precondition(
      `$${alias}.response.status >= 200 && $${alias}.response.status < 300`,
      `Stripe could not ${what}`,
      "standard",
    );

  const checkout = stripeOk(
    create("stripe/checkout", "POST")
      .apiGroup(group)
      .requiresAuth(customers)
      .description("Start a Stripe Checkout Session for the signed-in customer")
      .input("price_id", "text", { filters: "trim" })
      .input("quantity", "int", { default: 1, filters: "min:1|max:100" })
      .dbGet(customers, { id: "$auth.id" }, "customer")
      .apiRequest(`${API}/checkout/sessions`, "POST", {
        headers,
        body: {
          mode: options.mode ?? "payment",
          "line_items[0][price]": "$input.price_id",
          "line_items[0][quantity]": "$input.quantity",
          success_url: options.successUrl,
          cancel_url: options.cancelUrl,
          client_reference_id: "$auth.id",
          customer_email: "$customer.email",
        },
        timeout: 30,
      }, "session"),
    "session",
    "create the checkout session",
  ).response({ id: "$session.response.result.id", url: "$session.response.result.url" });

  const webhook = create("stripe/webhook", "POST")
    .apiGroup(group)
    .description("Receive Stripe events; only correctly signed, recent events are processed")
    .statement("util.get_raw_input", { encoding: "" }, { alias: "payload" })
    .var(
      "signature_header",
      '$env.$http_headers["Stripe-Signature"] ?? $env.$http_headers["stripe-signature"] ?? ""',
    )
    .var("signed_at", "")
    .var("signature", "")
    .forEach('$signature_header|split:","', "part", (b) =>
      b.var("pair", '$part|split:"="')
        .conditional('($pair|first) == "t"').then((c) => c.varUpdate("signed_at", "$pair|last"))
        .elseIf('($pair|first) == "v1"', (c) => c.varUpdate("signature", "$pair|last"))
        .endConditional())
    .var("expected", expr(`($signed_at ~ "." ~ $payload)|hmac_sha256:${signingSecret}:false`))
    .precondition(
      '$signature != "" && $expected == $signature',
      "Invalid Stripe signature",
      "accessdenied",
    )
    .precondition(
      `(($signed_at|to_int) * 1000) > (now - ${TOLERANCE_MS})`,
      "Stripe event is too old",
      "accessdenied",
    )
    .var("event", "$payload|json_decode")
    .dbHas(events, { stripe_id: "$event.id" }, "seen")
    .conditional("$seen").then((b) => b.return({ received: true, duplicate: true }))
    .endConditional()
    .dbAdd(events, { stripe_id: "$event.id", type: "$event.type", payload: "$event" }, "logged")
    .conditional(
      '$event.type == "checkout.session.completed" && $event.data.object.client_reference_id != null',
    )
    .then((b) =>
      b.dbEdit(customers, { id: "$event.data.object.client_reference_id|to_int" }, {
        stripe_customer_id: "$event.data.object.customer",
      }, "paid_by")
    )
    .endConditional()
    .response({ received: true });

  const lookup = stripeOk(
    create("stripe/customer", "GET")
      .apiGroup(group)
      .requiresAuth(customers)
      .description("The signed-in customer's Stripe record")
      .dbGet(customers, { id: "$auth.id" }, "customer")
      .precondition("$customer.stripe_customer_id != null", "No Stripe customer yet", "notfound")
      .apiRequest(expr(`"${API}/customers/" ~ $customer.stripe_customer_id`), "GET", {
        headers,
        timeout: 15,
      }, "stripe"),
    "stripe",
    "find the customer",
  ).response("$stripe.response.result");

  const endpoints = [checkout, webhook, lookup];
  if (options.includeTables === false) return collect(group, endpoints);
  const eventTable = createTable(events)
    .description("Stripe events already processed (webhook idempotency)")
    .field("id", "int")
    .field("created_at", "timestamp", { default: "now" })
    .field("stripe_id", "text")
    .field("type", "text")
    .field("payload", "json")
    .index("btree|unique", [{ name: "stripe_id", op: "asc" }]);
  return collect(group, [eventTable, createApiGroup(group), ...endpoints]);
}
