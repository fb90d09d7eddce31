/**
 * Hints shown when the SDK translator rejects a JavaScript construct, keyed by
 * acorn node type.
 *
 * @module
 */

const LOOP_HINT = 'use .forEach(list, "item", b => …) or .while(cond, b => …)';
/** The allowed alternative per rejected statement type. */
export const HINTS: Readonly<Record<string, string>> = {
  ForStatement: LOOP_HINT,
  ForInStatement: LOOP_HINT,
  ForOfStatement: LOOP_HINT,
  WhileStatement: LOOP_HINT,
  DoWhileStatement: LOOP_HINT,
  IfStatement: ".conditional(expr).then(b => …).else(b => …).endConditional()",
  SwitchStatement: ".conditional(expr).then(…).elseIf(…).endConditional()",
  TryStatement: "XanoScript errors are handled with .precondition() and .throwError()",
  ThrowStatement: '.throwError("Name", "message")',
  FunctionDeclaration: "write the builder calls inline (no helper functions)",
  ClassDeclaration: "write the builder calls inline",
};
