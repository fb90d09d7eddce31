/**
 * Typed collections over a {@link SandboxStore}: one place that knows every
 * sandbox key. Reads return copies; writes are {@link Mutation}s so a handler
 * can commit a record, its counter and its dependants together.
 *
 * @module
 */

import type {
  Account,
  ApiGroup,
  DataSource,
  HistoryEntry,
  Logic,
  LogicKind,
  Row,
  Table,
  TokenRecord,
  Workspace,
} from "./model.ts";
import type { Mutation, SandboxStore, StoreKey } from "./store.ts";

/** A collection of records keyed by id below a fixed prefix. */
export interface Collection<T, Id extends Deno.KvKeyPart = number> {
  get(id: Id): Promise<T | null>;
  list(): Promise<T[]>;
  /** One page of {@link list} and the total, copying only the page. */
  slice(offset: number, limit: number): Promise<{ items: T[]; total: number }>;
  /** Ids and values, in key order. */
  entries(): Promise<[Id, T][]>;
  set(id: Id, value: T): Mutation;
  delete(id: Id): Mutation;
  key(id: Id): StoreKey;
}

/** The sandbox's data, by collection. */
export interface SandboxDb {
  readonly store: SandboxStore;
  readonly meta: Collection<unknown, string>;
  readonly accounts: Collection<Account>;
  readonly accountsByEmail: Collection<number, string>;
  readonly tokens: Collection<TokenRecord, string>;
  readonly workspaces: Collection<Workspace>;
  datasources(workspaceId: number): Collection<DataSource, string>;
  tables(workspaceId: number): Collection<Table>;
  rows(workspaceId: number, tableId: number, datasource: string): Collection<Row>;
  apigroups(workspaceId: number): Collection<ApiGroup>;
  logic(workspaceId: number, kind: LogicKind): Collection<Logic>;
  history(workspaceId: number): Collection<HistoryEntry>;
  /** Allocates the next id of a sequence; returns it with the mutation that records it. */
  nextId(sequence: readonly Deno.KvKeyPart[]): Promise<[number, Mutation]>;
  /** Allocates `count` consecutive ids. */
  nextIds(sequence: readonly Deno.KvKeyPart[], count: number): Promise<[number[], Mutation]>;
  /** The last id a sequence handed out (0 when none). */
  lastId(sequence: readonly Deno.KvKeyPart[]): Promise<number>;
  /** Moves a sequence so the next id is `last + 1`. */
  setLastId(sequence: readonly Deno.KvKeyPart[], last: number): Mutation;
  /** Resets a sequence so the next id is 1. */
  resetSequence(sequence: readonly Deno.KvKeyPart[]): Mutation;
  commit(mutations: readonly Mutation[]): Promise<void>;
}

/**
 * Wraps a store with the sandbox's collections.
 *
 * @example
 * ```ts
 * const db = createDb(memoryStore());
 * const [id, counter] = await db.nextId(["table", 1]);
 * ```
 */
export function createDb(store: SandboxStore): SandboxDb {
  function collection<T, Id extends Deno.KvKeyPart = number>(
    name: string,
    ...scope: Deno.KvKeyPart[]
  ): Collection<T, Id> {
    const key = (id: Id): StoreKey => [name, ...scope, id];
    return {
      key,
      get: (id) => store.get<T>(key(id)),
      list: () => store.list<T>([name, ...scope]),
      slice: (offset, limit) => store.slice<T>([name, ...scope], offset, limit),
      entries: async () =>
        (await store.entries<T>([name, ...scope])).map((e) => [e.key.at(-1) as Id, e.value]),
      set: (id, value) => ({ type: "set", key: key(id), value }),
      delete: (id) => ({ type: "delete", key: key(id) }),
    };
  }

  async function nextIds(
    sequence: readonly Deno.KvKeyPart[],
    count: number,
  ): Promise<[number[], Mutation]> {
    const key: StoreKey = ["sequences", ...sequence];
    const last = (await store.get<number>(key)) ?? 0;
    const ids = Array.from({ length: count }, (_, i) => last + i + 1);
    return [ids, { type: "set", key, value: last + count }];
  }

  return {
    store,
    meta: collection("meta"),
    accounts: collection("accounts"),
    accountsByEmail: collection("accounts_by_email"),
    tokens: collection("tokens"),
    workspaces: collection("workspaces"),
    datasources: (ws) => collection("datasources", ws),
    tables: (ws) => collection("tables", ws),
    rows: (ws, table, ds) => collection("rows", ws, table, ds),
    apigroups: (ws) => collection("apigroups", ws),
    logic: (ws, kind) => collection(`logic_${kind}`, ws),
    history: (ws) => collection("history", ws),
    nextIds,
    async nextId(sequence) {
      const [ids, mutation] = await nextIds(sequence, 1);
      return [ids[0], mutation];
    },
    lastId: async (sequence) => (await store.get<number>(["sequences", ...sequence])) ?? 0,
    setLastId: (sequence, last) => ({ type: "set", key: ["sequences", ...sequence], value: last }),
    resetSequence: (sequence) => ({ type: "delete", key: ["sequences", ...sequence] }),
    commit: (mutations) => store.commit(mutations),
  };
}
