/**
 * Browser entry of the island runtime, bundled into `static/islands.js` by
 * `deno task build:islands`. Hydrates every `[data-island]` element with the
 * component of that name and the props from its `data-props` attribute.
 *
 * @module
 */

import { h, hydrate } from "preact";
import { islands } from "../../islands/mod.ts";

function hydrateAll(): void {
  for (const el of document.querySelectorAll<HTMLElement>("[data-island]")) {
    const component = islands[el.dataset.island as keyof typeof islands];
    if (!component || el.dataset.hydrated) continue;
    let props: Record<string, unknown>;
    try {
      props = JSON.parse(el.dataset.props ?? "{}");
    } catch {
      console.error(`Island "${el.dataset.island}" has unreadable props; left as rendered`);
      continue;
    }
    // deno-lint-ignore no-explicit-any
    hydrate(h(component as any, props), el);
    el.dataset.hydrated = "true";
  }
  document.documentElement.dataset.islands = "ready";
}

hydrateAll();
