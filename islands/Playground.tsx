import type { VNode } from "preact";
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import {
  GENERATED_PREFIX,
  playgroundCompiler,
  type PlaygroundResult,
} from "../lib/web/compiler.ts";
import type { Diagnostic } from "../lib/xs/diagnostics.ts";

/** Props of {@link Playground}. */
export interface PlaygroundProps {
  readonly initialCode: string;
}

const DEBOUNCE_MS = 120;

/** SDK code editor that compiles to XanoScript as you type, in the browser. */
export default function Playground({ initialCode }: PlaygroundProps): VNode {
  const [code, setCode] = useState(initialCode);
  const [settled, setSettled] = useState(initialCode);
  const editor = useRef<HTMLTextAreaElement>(null);
  const gutter = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const timer = setTimeout(() => setSettled(code), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [code]);

  const result = useMemo(() => compile(settled), [settled]);
  const lineCount = code.split("\n").length;
  const sdkDiagnostics = result.diagnostics.filter((d) => !isGenerated(d));
  const marks = lineMarks(sdkDiagnostics);

  function jumpTo(diagnostic: Diagnostic): void {
    const area = editor.current;
    if (!area) return;
    const lines = area.value.split("\n");
    const line = Math.min(Math.max(diagnostic.line, 1), lines.length);
    const start = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
    area.focus();
    area.setSelectionRange(start, start + lines[line - 1]!.length);
  }

  return (
    <div class="playground">
      <div class="editor">
        <label for="sdk-code" class="panel-title">SDK code</label>
        <div class="editor-body">
          <div class="gutter" ref={gutter} aria-hidden="true">
            {Array.from(
              { length: lineCount },
              (_, i) => <div key={i} class={marks.get(i + 1) ?? undefined}>{i + 1}</div>,
            )}
          </div>
          <textarea
            id="sdk-code"
            name="code"
            ref={editor}
            value={code}
            wrap="off"
            spellcheck={false}
            autocomplete="off"
            autocapitalize="off"
            rows={18}
            aria-describedby="compile-status"
            onInput={(e) => setCode(e.currentTarget.value)}
            onScroll={(e) => {
              if (gutter.current) gutter.current.scrollTop = e.currentTarget.scrollTop;
            }}
          />
        </div>
      </div>
      <div class="output">
        <p class="panel-title" id="compile-status" role="status" aria-live="polite">
          {statusLine(result)}
        </p>
        <pre
          class="xanoscript"
          aria-label="XanoScript output"
        ><code>{result.xanoscript || "(no output)"}</code></pre>
        {result.diagnostics.length > 0 && (
          <ul class="diagnostics" aria-label="Diagnostics">
            {result.diagnostics.map((d, i) => (
              <li key={i} class={d.severity}>
                {isGenerated(d)
                  ? <span class="where">XanoScript</span>
                  : (
                    <button type="button" class="linklike" onClick={() => jumpTo(d)}>
                      Line {d.line}:{d.column}
                    </button>
                  )} <span>{d.message}</span>
                {d.fix && <span class="hint">{d.fix}</span>}
              </li>
            ))}
          </ul>
        )}
        {result.fixes.length > 0 && (
          <details class="fixes" open>
            <summary>
              {result.fixes.length} fix{result.fixes.length === 1 ? "" : "es"} applied
            </summary>
            <ul>
              {result.fixes.map((f, i) => (
                <li key={i}>
                  Line {f.line} <code>{f.rule}</code>: <del>{f.before}</del> → <ins>{f.after}</ins>
                </li>
              ))}
            </ul>
          </details>
        )}
      </div>
    </div>
  );
}

function compile(code: string): PlaygroundResult {
  try {
    return playgroundCompiler.compile(code);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      xanoscript: "",
      diagnostics: [{
        code: "PLAYGROUND_INTERNAL",
        message: `The compiler failed: ${message}`,
        severity: "error",
        line: 1,
        column: 1,
      }],
      fixes: [],
    };
  }
}

function statusLine(result: PlaygroundResult): string {
  const errors = result.diagnostics.filter((d) => d.severity === "error").length;
  const warnings = result.diagnostics.length - errors;
  const total = result.timings?.totalMs ?? 0;
  const parts = [
    result.ok ? "Valid XanoScript" : `${errors} error${errors === 1 ? "" : "s"}`,
    ...(warnings ? [`${warnings} warning${warnings === 1 ? "" : "s"}`] : []),
    ...(result.fixes.length ? [`${result.fixes.length} fixed`] : []),
    ...(total ? [`${total.toFixed(1)} ms`] : []),
  ];
  return parts.join(" · ");
}

function isGenerated(diagnostic: Diagnostic): boolean {
  return diagnostic.message.startsWith(GENERATED_PREFIX);
}

function lineMarks(diagnostics: readonly Diagnostic[]): Map<number, string> {
  const marks = new Map<number, string>();
  for (const d of diagnostics) {
    if (marks.get(d.line) !== "mark-error") marks.set(d.line, `mark-${d.severity}`);
  }
  return marks;
}
