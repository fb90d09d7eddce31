/**
 * Server side of the island runtime. {@link Island} renders a component on the
 * server inside a `<div data-island>` whose `data-props` attribute carries the
 * props as JSON; `client.ts` hydrates it in the browser. Attribute values are
 * escaped by the renderer, so props can hold any text (no inline script is
 * ever emitted, which the page's CSP forbids anyway).
 *
 * @example
 * ```tsx
 * <Island name="CopyButton" props={{ text: mcpUrl, label: "Copy MCP URL" }} />
 * ```
 * @module
 */

import { type ComponentProps, type FunctionComponent, h, type VNode } from "preact";
import { type IslandName, islands } from "../../islands/mod.ts";

/** Props of {@link Island}: the island's name and its (JSON-serialisable) props. */
export interface IslandProps<K extends IslandName> {
  readonly name: K;
  readonly props: ComponentProps<(typeof islands)[K]>;
}

/** Renders an island for hydration. */
export function Island<K extends IslandName>({ name, props }: IslandProps<K>): VNode {
  const component = islands[name] as unknown as FunctionComponent<Record<string, unknown>>;
  return (
    <div data-island={name} data-props={JSON.stringify(props)} class="island">
      {h(component, props as unknown as Record<string, unknown>)}
    </div>
  );
}
