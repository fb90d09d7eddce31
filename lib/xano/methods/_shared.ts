/** Helpers shared by the method groups of the Xano client. */

import { z } from "zod";
import { BadRequestError } from "../../errors.ts";
import { badResponse, type XanoOperation } from "../errors.ts";
import { normalizePage, type Page } from "../paging.ts";

/** Paging, search and read-back options common to Xano's list routes. */
export interface ListOptions {
  /** 1-based page (default 1). */
  readonly page?: number;
  /** Items per page (Xano's default is 50). */
  readonly perPage?: number;
  readonly search?: string;
  readonly sort?: "created_at" | "updated_at" | "name";
  readonly order?: "asc" | "desc";
  /** Branch label; empty or absent means the live branch. */
  readonly branch?: string;
  /** Also return each object's XanoScript source. */
  readonly includeXanoscript?: boolean;
  /** Include unpublished drafts. */
  readonly includeDraft?: boolean;
}

/** Converts {@link ListOptions} to Xano's query parameters. */
export function listQuery(options: ListOptions = {}): Record<string, string | number | boolean> {
  const query: Record<string, string | number | boolean> = {};
  if (options.page !== undefined) query.page = options.page;
  if (options.perPage !== undefined) query.per_page = options.perPage;
  if (options.search) query.search = options.search;
  if (options.sort) query.sort = options.sort;
  if (options.order) query.order = options.order;
  if (options.branch) query.branch = options.branch;
  if (options.includeXanoscript) query.include_xanoscript = true;
  if (options.includeDraft) query.include_draft = true;
  return query;
}

/** A parser that validates with `schema` and reports a `bad_response` error on mismatch. */
export function parseWith<T>(schema: z.ZodType<T>, op: XanoOperation): (body: unknown) => T {
  return (body) => {
    const parsed = schema.safeParse(body);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join(".")}: ` : "";
    throw badResponse(op, `${where}${issue?.message ?? "invalid"}`, parsed.error);
  };
}

/** A parser for list routes: envelope, content envelope or bare array → {@link Page}. */
export function pageWith<T>(schema: z.ZodType<T>, op: XanoOperation): (body: unknown) => Page<T> {
  return (body) => normalizePage(body, schema, op);
}

/** A parser for routes whose answer is ignored or may be empty (`{}`, `null`, `""`). */
export function ignoreBody(): (body: unknown) => void {
  return () => undefined;
}

/** Checks an id argument before it becomes part of a path. */
export function idPart(name: string, value: number | string): string {
  const text = String(value);
  if (typeof value === "number" ? Number.isInteger(value) && value >= 0 : /^[\w.-]+$/.test(text)) {
    return encodeURIComponent(text);
  }
  throw new BadRequestError(`Invalid ${name} "${text}": expected a non-negative integer id`);
}

/** `/workspace/{id}` with a checked id. */
export function ws(workspaceId: number): string {
  return `/workspace/${idPart("workspace id", workspaceId)}`;
}
