/**
 * Browser entry of the island runtime, bundled into `static/islands/` by
 * `deno task build:islands` (code-split: each island is its own chunk, so a
 * page downloads only the islands it shows). Hydrates every `[data-island]`
 * element with the component of that name and the props from `data-props`.
 *
 * @module
 */

import { type FunctionComponent, h, hydrate } from "preact";
import type { IslandName } from "../../islands/mod.ts";

type Loader = () => Promise<{ default: unknown }>;

const loaders = {
  CopyButton: () => import("../../islands/CopyButton.tsx"),
  Playground: () => import("../../islands/Playground.tsx"),
} satisfies Record<IslandName, Loader>;

async function hydrateOne(el: HTMLElement): Promise<void> {
  const load = loaders[el.dataset.island as IslandName] as Loader | undefined;
  if (!load || el.dataset.hydrated) return;
  let props: Record<string, unknown>;
  try {
    props = JSON.parse(el.dataset.props ?? "{}");
  } catch {
    console.error(`Island "${el.dataset.island}" has unreadable props; left as rendered`);
    return;
  }
  const component = (await load()).default as FunctionComponent<Record<string, unknown>>;
  hydrate(h(component, props), el);
  el.dataset.hydrated = "true";
}

async function hydrateAll(): Promise<void> {
  const islands = [...document.querySelectorAll<HTMLElement>("[data-island]")];
  await Promise.all(islands.map(hydrateOne));
  document.documentElement.dataset.islands = "ready";
}

hydrateAll();
