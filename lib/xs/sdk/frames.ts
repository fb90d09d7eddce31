/**
 * Open blocks of a logic builder. A builder keeps a stack of frames so both
 * callback style (`.forEach(list, "item", b => …)`) and open/close style
 * (`.forEach(list, "item") … .endForEach()`) append statements in order.
 *
 * @module
 */

import type { BranchNode, StackNode } from "./ast.ts";
import type { Value } from "./values.ts";

/** An open branch of a conditional. */
export interface OpenBranch {
  readonly condition?: Value;
  readonly body: readonly StackNode[];
}

/** One open block. */
export type Frame =
  | { readonly kind: "root"; readonly body: readonly StackNode[] }
  | {
    readonly kind: "foreach";
    readonly list: Value;
    readonly item: string;
    readonly body: readonly StackNode[];
  }
  | { readonly kind: "while"; readonly condition: Value; readonly body: readonly StackNode[] }
  | {
    readonly kind: "conditional";
    readonly branches: readonly BranchNode[];
    /** The branch statements are currently appended to. */
    readonly open?: OpenBranch;
    /** A condition waiting for `.then()`. */
    readonly pending?: Value;
  };

/** Appends `node` to the innermost open block; undefined when no block is open. */
export function appendTo(frame: Frame, node: StackNode): Frame | undefined {
  if (frame.kind !== "conditional") {
    return Object.freeze({ ...frame, body: Object.freeze([...frame.body, node]) });
  }
  if (!frame.open) return undefined;
  const open = Object.freeze({ ...frame.open, body: Object.freeze([...frame.open.body, node]) });
  return Object.freeze({ ...frame, open });
}

/** A frozen branch node. */
export function branch(condition: Value | undefined, body: readonly StackNode[]): BranchNode {
  return Object.freeze({
    kind: "branch",
    ...(condition === undefined ? {} : { condition }),
    body: Object.freeze([...body]),
  });
}

/** Closes the open branch of a conditional frame. */
export function closeBranch(
  frame: Extract<Frame, { kind: "conditional" }>,
): Extract<Frame, { kind: "conditional" }> {
  if (!frame.open) return frame;
  return Object.freeze({
    kind: "conditional",
    branches: Object.freeze([...frame.branches, branch(frame.open.condition, frame.open.body)]),
    ...(frame.pending === undefined ? {} : { pending: frame.pending }),
  });
}

/** Turns a closed frame into the node it stands for. */
export function frameNode(frame: Frame): StackNode | undefined {
  switch (frame.kind) {
    case "foreach":
      return Object.freeze({
        kind: "foreach",
        list: frame.list,
        item: frame.item,
        body: frame.body,
      });
    case "while":
      return Object.freeze({ kind: "while", condition: frame.condition, body: frame.body });
    case "conditional": {
      const closed = closeBranch(frame);
      return Object.freeze({ kind: "conditional", branches: closed.branches });
    }
    default:
      return undefined;
  }
}

/** The outcome of a control-flow step: new frames, or a problem. */
export interface Step {
  readonly frames?: readonly Frame[];
  readonly error?: string;
}

function replaceTop(frames: readonly Frame[], frame: Frame): readonly Frame[] {
  return Object.freeze([...frames.slice(0, -1), frame]);
}

/** Appends `node` to the innermost block. */
export function pushNode(frames: readonly Frame[], node: StackNode): Step {
  const top = appendTo(frames[frames.length - 1], node);
  if (!top) return { error: "A statement follows .conditional() before .then()" };
  return { frames: replaceTop(frames, top) };
}

/** `.then(body?)`: fills the pending branch, or opens it when `body` is absent. */
export function thenStep(frames: readonly Frame[], body?: readonly StackNode[]): Step {
  const top = frames[frames.length - 1];
  if (top.kind !== "conditional") return { error: ".then() without .conditional()" };
  if (top.pending === undefined) {
    // `.elseIf(c).then(b => …)`: the open branch is still empty, so fill it
    if (body && top.open && top.open.body.length === 0) {
      return { frames: replaceTop(frames, closeBranch({ ...top, open: { ...top.open, body } })) };
    }
    return { error: ".then() used twice for one branch" };
  }
  const open = { condition: top.pending, body: body ?? [] };
  const next = { kind: "conditional" as const, branches: top.branches, open };
  return { frames: replaceTop(frames, body ? closeBranch(next) : next) };
}

/** `.elseIf(cond, body?)` / `.else(body?)`. */
export function branchStep(
  frames: readonly Frame[],
  condition: Value | undefined,
  body: readonly StackNode[] | undefined,
  method: string,
): Step {
  const top = frames[frames.length - 1];
  if (top.kind !== "conditional") return { error: `.${method}() without .conditional()` };
  const closed = closeBranch(top);
  if (closed.branches.length === 0) return { error: `.${method}() before the first .then()` };
  if (closed.branches.some((b) => b.condition === undefined)) {
    return { error: `.${method}() after .else()` };
  }
  const next = { ...closed, open: { condition, body: body ?? [] } };
  return { frames: replaceTop(frames, body ? closeBranch(next) : next) };
}

/** Closes the innermost block, which must be of `kind`, and appends its node. */
export function closeStep(frames: readonly Frame[], kind: Frame["kind"], method: string): Step {
  const top = frames[frames.length - 1];
  if (frames.length < 2 || top.kind !== kind) {
    return { error: `.${method}() does not match an open ${kind}` };
  }
  if (top.kind === "conditional" && top.pending !== undefined) {
    // drop the empty conditional so later statements land where they belong
    return { error: "A .conditional() has no .then()", frames: frames.slice(0, -1) };
  }
  return pushNode(frames.slice(0, -1), frameNode(top) as StackNode);
}

/** The method that closes a block of `kind`. */
export function closerOf(kind: Frame["kind"]): string {
  return kind === "foreach" ? "endForEach" : kind === "while" ? "endWhile" : "endConditional";
}
