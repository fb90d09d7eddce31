/**
 * The auth template: an auth-enabled user table and the three endpoints
 * every Xano app starts with — signup, login and me — in the shape of Xano's
 * own starter (`auth/signup`, `auth/login`, `auth/me`, token lifetime per
 * endpoint).
 *
 * @example
 * ```ts
 * const { multidoc } = authTemplate({ table: "user", apiGroup: "auth" });
 * ```
 * @module
 */

import { create, createApiGroup, createTable } from "../sdk/mod.ts";
import { collect, type TemplateResult } from "./result.ts";

/** Options of {@link authTemplate}. */
export interface AuthOptions {
  /** The auth table (default `user`). */
  readonly table?: string;
  /** API group name (default `auth`). */
  readonly apiGroup?: string;
  /** Auth token lifetime in seconds (default 86400, as in Xano's starter). */
  readonly tokenTtlSeconds?: number;
  /** Minimum password length checked at signup (default 8). */
  readonly minPasswordLength?: number;
  /** Include the `table` and `api_group` documents (default true). */
  readonly includeTable?: boolean;
}

/** Generates signup, login and me on an auth table. */
export function authTemplate(options: AuthOptions = {}): TemplateResult {
  const table = options.table ?? "user";
  const group = options.apiGroup ?? "auth";
  const ttl = options.tokenTtlSeconds ?? 86400;
  const min = options.minPasswordLength ?? 8;

  const signup = create("auth/signup", "POST")
    .apiGroup(group)
    .description(`Create a ${table} and return an auth token`)
    .input("name", "text", { filters: "trim" })
    .input("email", "email", { filters: "trim|lower" })
    .input("password", "password", { filters: `min:${min}` })
    .dbGet(table, { email: "$input.email" }, "existing")
    .precondition("$existing == null", "This email is already registered", "inputerror")
    .dbAdd(table, {
      name: "$input.name",
      email: "$input.email",
      password: "$input.password",
      created_at: "now",
    }, table)
    .createAuthToken(table, `$${table}.id`, ttl, "authToken")
    .response({ authToken: "$authToken" });

  const login = create("auth/login", "POST")
    .apiGroup(group)
    .description("Exchange email and password for an auth token")
    .input("email", "email", { filters: "trim|lower" })
    .input("password", "text")
    .dbGet(table, { email: "$input.email" }, table)
    .precondition(`$${table} != null`, "Invalid credentials", "accessdenied")
    .verifyPassword("$input.password", `$${table}.password`, "password_ok")
    .precondition("$password_ok", "Invalid credentials", "accessdenied")
    .createAuthToken(table, `$${table}.id`, ttl, "authToken")
    .response({ authToken: "$authToken" });

  const me = create("auth/me", "GET")
    .apiGroup(group)
    .requiresAuth(table)
    .description(`The signed-in ${table}`)
    .dbGet(table, { id: "$auth.id" }, table)
    .precondition(`$${table} != null`, "Account not found", "notfound")
    .response({
      id: `$${table}.id`,
      created_at: `$${table}.created_at`,
      name: `$${table}.name`,
      email: `$${table}.email`,
    });

  const endpoints = [signup, login, me];
  if (options.includeTable === false) return collect(group, endpoints);
  const users = createTable(table)
    .auth()
    .field("id", "int")
    .field("created_at", "timestamp", { default: "now" })
    .field("name", "text", { filters: "trim" })
    .field("email", "email", { filters: "trim|lower", sensitive: true })
    .field("password", "password", { sensitive: true })
    .index("btree|unique", [{ name: "email", op: "asc" }])
    .index("btree", [{ name: "created_at", op: "desc" }]);
  return collect(group, [users, createApiGroup(group), ...endpoints]);
}
