/** Template option sets with golden multidoc files (checked with Xano's 11.0.3 parser when written). */

import {
  authTemplate,
  crudTemplate,
  stripeTemplate,
  type TemplateResult,
} from "../../../../lib/xs/templates/mod.ts";

const postFields = [
  { name: "title", type: "text", filters: "trim" },
  { name: "body", type: "text", required: false },
  { name: "status", type: "enum", values: ["draft", "live"], default: "draft" },
] as const;

/** Name (golden file stem) → template output. */
export const TEMPLATE_CASES: Readonly<Record<string, () => TemplateResult>> = {
  crud_public: () => crudTemplate({ table: "post", fields: postFields, apiGroup: "posts" }),
  crud_owned: () =>
    crudTemplate({
      table: "post",
      fields: postFields,
      apiGroup: "posts",
      auth: { table: "user", ownerField: "user_id" },
    }),
  crud_endpoints_only: () =>
    crudTemplate({
      table: "product",
      fields: [{ name: "name", type: "text" }, { name: "price", type: "decimal" }],
      apiGroup: "shop",
      auth: {},
      sortField: "name",
      includeTable: false,
    }),
  auth_default: () => authTemplate(),
  auth_custom: () =>
    authTemplate({
      table: "member",
      apiGroup: "members",
      tokenTtlSeconds: 3600,
      minPasswordLength: 12,
    }),
  stripe_default: () =>
    stripeTemplate({ successUrl: "https://app.test/paid", cancelUrl: "https://app.test/cart" }),
  stripe_subscription: () =>
    stripeTemplate({
      apiGroup: "billing",
      customerTable: "account",
      mode: "subscription",
      successUrl: "https://app.test/welcome",
      cancelUrl: "https://app.test/pricing",
      secretKeyEnv: "STRIPE_KEY",
      webhookSecretEnv: "STRIPE_SIGNING",
      eventTable: "billing_event",
      includeTables: false,
    }),
};
