/**
 * Ready-made XanoScript: CRUD for a table, signup/login/me on an auth table,
 * and Stripe checkout, webhook and customer lookup. Every template is built
 * with the fluent SDK, so its output is canonical and passes the validator.
 *
 * @module
 */

export { type AuthOptions, authTemplate } from "./auth.ts";
export { type CrudField, type CrudOptions, crudTemplate } from "./crud.ts";
export { type StripeOptions, stripeTemplate } from "./stripe.ts";
export type { TemplateFile, TemplateResult } from "./result.ts";
