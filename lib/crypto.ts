/**
 * Cryptographic primitives: random tokens, SHA-256 hashing (node:crypto, synchronous and cheap),
 * AES-GCM sealing under HKDF-derived purpose keys (Web Crypto), constant-time comparison
 * and PKCE. Hash what you verify (our tokens, API keys); seal what you must
 * read back (Xano credentials).
 *
 * @module
 */

import { createHash } from "node:crypto";

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const SEAL_VERSION = "v1";

/**
 * Returns `bytes` random bytes as unpadded base64url (default 32 bytes, 43 characters).
 *
 * @example
 * ```ts
 * const secret = randomToken(); // "kq3…"
 * ```
 */
export function randomToken(bytes = 32): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** SHA-256 of a UTF-8 string, as lowercase hex. Used to store tokens and keys. */
export function sha256Hex(text: string): Promise<string> {
  // node:crypto hashes synchronously: ~1 µs against ~40 µs for a crypto.subtle round trip, and
  // this runs on every authenticated request (rate limit subject, token and key lookups).
  return Promise.resolve(createHash("sha256").update(text, "utf8").digest("hex"));
}

/** SHA-256 of a UTF-8 string, as unpadded base64url (the PKCE S256 form). */
export function sha256Base64Url(text: string): Promise<string> {
  return Promise.resolve(createHash("sha256").update(text, "utf8").digest("base64url"));
}

/** The PKCE S256 code challenge for a verifier (RFC 7636 §4.2). */
export function pkceChallengeS256(verifier: string): Promise<string> {
  return sha256Base64Url(verifier);
}

/** Compares two strings in time that depends only on their lengths. */
export function timingSafeEqual(a: string, b: string): boolean {
  const left = encoder.encode(a);
  const right = encoder.encode(b);
  let diff = left.length ^ right.length;
  const length = Math.max(left.length, right.length);
  for (let i = 0; i < length; i++) diff |= (left[i] ?? 0) ^ (right[i] ?? 0);
  return diff === 0;
}

/** Encodes bytes as unpadded base64url. */
export function toBase64Url(bytes: Uint8Array): string {
  return bytes.toBase64({ alphabet: "base64url", omitPadding: true });
}

/** Decodes unpadded or padded base64url; throws `SyntaxError` on bad input. */
export function fromBase64Url(text: string): Uint8Array {
  return Uint8Array.fromBase64(text, { alphabet: "base64url" });
}

/** Thrown when a sealed value cannot be opened: wrong key, wrong purpose, wrong AAD or tampered. */
export class SealError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SealError";
  }
}

/** Seals and opens small secrets; each purpose gets its own derived key. */
export interface Sealer {
  /** Encrypts `plaintext` with a fresh 96-bit IV; `aad` (for example the user id) is bound, not stored. */
  seal(purpose: string, plaintext: string, aad: string): Promise<string>;
  /** Decrypts a value made by {@link Sealer.seal} with the same purpose and AAD, or throws {@link SealError}. */
  open(purpose: string, sealed: string, aad: string): Promise<string>;
}

/**
 * Creates a {@link Sealer} from a master key of at least 32 bytes. Purpose keys
 * come from HKDF-SHA-256 with the purpose as `info`, so a value sealed for one
 * purpose cannot be opened as another. Output: `v1.<iv>.<ciphertext>` in base64url.
 *
 * @example
 * ```ts
 * const sealer = await createSealer(crypto.getRandomValues(new Uint8Array(32)));
 * const box = await sealer.seal("xano-credential", "secret", "user-1");
 * await sealer.open("xano-credential", box, "user-1"); // "secret"
 * ```
 */
export async function createSealer(masterKey: Uint8Array): Promise<Sealer> {
  if (masterKey.length < 32) {
    throw new RangeError("Cannot create sealer: master key must be at least 32 bytes");
  }
  const hkdf = await crypto.subtle.importKey("raw", masterKey as BufferSource, "HKDF", false, [
    "deriveKey",
  ]);
  const keys = new Map<string, Promise<CryptoKey>>();

  function purposeKey(purpose: string): Promise<CryptoKey> {
    let key = keys.get(purpose);
    if (!key) {
      key = crypto.subtle.deriveKey(
        {
          name: "HKDF",
          hash: "SHA-256",
          salt: encoder.encode("xano-mcp/seal/v1"),
          info: encoder.encode(purpose),
        },
        hkdf,
        { name: "AES-GCM", length: 256 },
        false,
        ["encrypt", "decrypt"],
      );
      keys.set(purpose, key);
    }
    return key;
  }

  return {
    async seal(purpose, plaintext, aad) {
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const ciphertext = await crypto.subtle.encrypt(
        { name: "AES-GCM", iv, additionalData: encoder.encode(aad) },
        await purposeKey(purpose),
        encoder.encode(plaintext),
      );
      return `${SEAL_VERSION}.${toBase64Url(iv)}.${toBase64Url(new Uint8Array(ciphertext))}`;
    },
    async open(purpose, sealed, aad) {
      const [version, ivText, dataText, ...rest] = sealed.split(".");
      if (version !== SEAL_VERSION || !ivText || !dataText || rest.length > 0) {
        throw new SealError("Cannot open sealed value: unknown format");
      }
      try {
        const plaintext = await crypto.subtle.decrypt(
          {
            name: "AES-GCM",
            iv: fromBase64Url(ivText) as BufferSource,
            additionalData: encoder.encode(aad),
          },
          await purposeKey(purpose),
          fromBase64Url(dataText) as BufferSource,
        );
        return decoder.decode(plaintext);
      } catch {
        throw new SealError(
          "Cannot open sealed value: wrong key, purpose or context, or the value was altered",
        );
      }
    },
  };
}
