/**
 * The SDK compiler's output version, in a module of its own so the compile
 * cache can key entries without loading the compiler.
 *
 * @module
 */

/** The version of the compiler's output; part of the compile-cache key. */
export const COMPILER_VERSION = "sdk-1";
