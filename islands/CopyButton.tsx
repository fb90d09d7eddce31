import type { VNode } from "preact";
import { useEffect, useState } from "preact/hooks";

/** Props of {@link CopyButton}. */
export interface CopyButtonProps {
  readonly text: string;
  readonly label: string;
}

/** A button that copies `text`; hidden until hydrated, since it needs JavaScript. */
export default function CopyButton({ text, label }: CopyButtonProps): VNode {
  const [ready, setReady] = useState(false);
  const [status, setStatus] = useState("");
  useEffect(() => setReady(true), []);

  async function copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(text);
      setStatus("Copied");
    } catch {
      setStatus("Copy failed: select the text and copy it by hand");
    }
    setTimeout(() => setStatus(""), 2500);
  }

  return (
    <span class="copy">
      <button type="button" class="button small" onClick={copy} hidden={!ready}>
        {label}
      </button>
      <span class="copy-status" role="status" aria-live="polite">{status}</span>
    </span>
  );
}
