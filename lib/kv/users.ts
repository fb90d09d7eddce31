/**
 * User records and their identity index. A user is created the first time an
 * upstream identity (from `SignInResult.identity`) signs in; later sign-ins
 * with the same identity find the same user. The record and its index entry
 * are written in one atomic commit, so two concurrent first sign-ins cannot
 * create two users.
 *
 * @example
 * ```ts
 * const users = createUserStore({ kv, clock, ids: randomId });
 * const user = await users.upsert({ identity: "xano:x.xano.io:42", name: "Ada" });
 * ```
 * @module
 */

import type { Clock, IdGenerator } from "../clock.ts";
import { ConflictError } from "../errors.ts";
import { keys } from "./keys.ts";

/** A person who has signed in at least once. */
export interface User {
  readonly id: string;
  /** The stable upstream identity, e.g. `xano:x.xano.io:42`. */
  readonly identity: string;
  readonly name: string;
  readonly email?: string;
  readonly createdAt: number;
  readonly lastSignInAt: number;
}

/** What a sign-in tells us about the person. */
export interface UserProfile {
  readonly identity: string;
  readonly name: string;
  readonly email?: string;
}

/** The user store; see {@link createUserStore}. */
export interface UserStore {
  /** Finds the user for `profile.identity` (updating name, email and last sign-in) or creates one. */
  upsert(profile: UserProfile): Promise<User>;
  get(userId: string): Promise<User | null>;
  findByIdentity(identity: string): Promise<User | null>;
}

/** Dependencies of {@link createUserStore}. */
export interface UserStoreDeps {
  readonly kv: Deno.Kv;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

/** Creates the {@link UserStore}. */
export function createUserStore({ kv, clock, ids }: UserStoreDeps): UserStore {
  async function get(userId: string): Promise<User | null> {
    return (await kv.get<User>(keys.user(userId))).value;
  }

  return {
    get,
    async findByIdentity(identity) {
      const pointer = await kv.get<string>(keys.userByIdentity(identity));
      return pointer.value === null ? null : await get(pointer.value);
    },
    async upsert(profile) {
      for (let attempt = 0; attempt < 5; attempt++) {
        const now = clock.now();
        const pointer = await kv.get<string>(keys.userByIdentity(profile.identity));
        if (pointer.value === null) {
          const user: User = {
            id: ids(),
            identity: profile.identity,
            name: profile.name,
            ...(profile.email ? { email: profile.email } : {}),
            createdAt: now,
            lastSignInAt: now,
          };
          const result = await kv.atomic()
            .check(pointer)
            .check({ key: keys.user(user.id), versionstamp: null })
            .set(keys.user(user.id), user)
            .set(keys.userByIdentity(user.identity), user.id)
            .commit();
          if (result.ok) return user;
          continue;
        }
        const entry = await kv.get<User>(keys.user(pointer.value));
        if (entry.value === null) {
          throw new ConflictError(
            `User index for "${profile.identity}" points at a missing user; ask an operator to repair it`,
          );
        }
        const user: User = {
          ...entry.value,
          name: profile.name || entry.value.name,
          ...(profile.email ? { email: profile.email } : {}),
          lastSignInAt: now,
        };
        const result = await kv.atomic().check(pointer).check(entry).set(entry.key, user).commit();
        if (result.ok) return user;
      }
      throw new ConflictError(
        `Cannot save user "${profile.identity}": too many concurrent sign-ins`,
      );
    },
  };
}
