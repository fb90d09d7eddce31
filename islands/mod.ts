/**
 * The island registry: every component the browser hydrates, by name. The
 * server renders them through `lib/web/island.tsx`; `lib/web/client.ts`
 * hydrates them. Islands import server modules with `import type` only (the
 * pure `lib/xs` is the one exception), so nothing server-side enters the bundle.
 *
 * @module
 */

import CopyButton from "./CopyButton.tsx";
import Playground from "./Playground.tsx";

/** Islands by name. */
export const islands = { CopyButton, Playground } as const;

/** The name of a registered island. */
export type IslandName = keyof typeof islands;
