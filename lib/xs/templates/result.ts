/**
 * What every template returns: one XanoScript file per object (with the path
 * Xano's tools use for it), the same objects as one multidoc, and any
 * diagnostics from building them.
 *
 * @module
 */

import type { Diagnostic } from "../diagnostics.ts";
import type { ApiGroupBuilder, LogicBuilder, TableBuilder } from "../sdk/mod.ts";

/** One generated object. */
export interface TemplateFile {
  /** Conventional path, e.g. `api/posts/posts_GET.xs`, `table/post.xs`. */
  readonly path: string;
  readonly kind: string;
  readonly name: string;
  readonly verb?: string;
  readonly xanoscript: string;
}

/** A template's output. */
export interface TemplateResult {
  readonly files: readonly TemplateFile[];
  /** Every file joined by `---` lines, ready for a multidoc push. */
  readonly multidoc: string;
  /** Problems in the template options (for example an unknown field type). */
  readonly diagnostics: readonly Diagnostic[];
}

/** A snake_case file stem: `posts/{post_id}` → `posts_post_id`. */
function stem(name: string): string {
  return name.replace(/[{}]/g, "").replace(/[^A-Za-z0-9]+/g, "_").replace(/^_|_$/g, "")
    .toLowerCase();
}

/** Builds the files of `builders` into a {@link TemplateResult}. */
export function collect(
  group: string,
  builders: readonly (LogicBuilder | TableBuilder | ApiGroupBuilder)[],
): TemplateResult {
  const files: TemplateFile[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const b of builders) {
    const { script, diagnostics: d } = b.build();
    diagnostics.push(...d);
    const doc = b.document();
    const folder = stem(group);
    const path = doc.kind === "table"
      ? `table/${stem(doc.name)}.xs`
      : doc.kind === "api_group"
      ? `api/${folder}/api_group.xs`
      : doc.kind === "query"
      ? `api/${folder}/${stem(doc.name)}_${doc.verb}.xs`
      : `${doc.kind}/${stem(doc.name)}.xs`;
    files.push(Object.freeze({
      path,
      kind: doc.kind,
      name: doc.name,
      ...(doc.kind === "query" ? { verb: doc.verb } : {}),
      xanoscript: script,
    }));
  }
  return Object.freeze({
    files: Object.freeze(files),
    multidoc: files.map((f) => f.xanoscript).join("\n---\n"),
    diagnostics: Object.freeze(diagnostics),
  });
}
