/**
 * The events page and its CSV export.
 *
 * @module
 */

import { type Context, Hono } from "hono";
import type { AuditQuery, AuditRecord } from "../../lib/kv/audit.ts";
import type { WebDeps } from "../../lib/web/deps.ts";
import { renderPage } from "../../lib/web/render.ts";
import { chrome, type WebEnv } from "../_shared.ts";
import Events, { EVENT_WINDOWS, type EventFilter } from "./Events.tsx";

const PAGE_SIZE = 50;
const CSV_MAX_ROWS = 10_000;

/** `GET /events` and `GET /events.csv` under `/dashboard`. */
export function eventRoutes(deps: WebDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();

  app.get("/events", async (c) => {
    const session = c.get("session");
    const filter = readFilter(c);
    const cursor = c.req.query("cursor") || undefined;
    const [page, tools, clients] = await Promise.all([
      deps.audit.query(session.user.id, {
        ...toQuery(filter, deps.clock.now()),
        limit: PAGE_SIZE,
        ...(cursor ? { cursor } : {}),
      }),
      deps.audit.seen(session.user.id, "tool"),
      deps.audit.seen(session.user.id, "client"),
    ]);
    return renderPage(
      c,
      <Events
        {...chrome(deps)}
        session={session}
        filter={filter}
        records={page.records}
        {...(page.nextCursor ? { nextCursor: page.nextCursor } : {})}
        paged={cursor !== undefined}
        tools={tools.map((t) => t.id).sort()}
        clients={clients.map((c) => ({ id: c.id, name: c.name }))}
      />,
    );
  });

  app.get("/events.csv", async (c) => {
    const session = c.get("session");
    const query = toQuery(readFilter(c), deps.clock.now());
    const lines = [CSV_HEADER.join(",")];
    let cursor: string | undefined;
    do {
      const page = await deps.audit.query(session.user.id, {
        ...query,
        limit: 500,
        ...(cursor ? { cursor } : {}),
      });
      for (const record of page.records) lines.push(csvRow(record));
      cursor = page.nextCursor;
    } while (cursor && lines.length <= CSV_MAX_ROWS);
    const day = new Date(deps.clock.now()).toISOString().slice(0, 10);
    return c.body(`${lines.slice(0, CSV_MAX_ROWS + 1).join("\r\n")}\r\n`, 200, {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="xano-mcp-events-${day}.csv"`,
      "Cache-Control": "no-store",
    });
  });

  return app;
}

const CSV_HEADER = [
  "time",
  "client",
  "client_id",
  "tool",
  "arguments",
  "outcome",
  "duration_ms",
  "error",
];

/** Renders one record as a CSV row (RFC 4180 quoting, spreadsheet formulas neutralised). */
export function csvRow(record: AuditRecord): string {
  return [
    new Date(record.at).toISOString(),
    record.clientName,
    record.clientId,
    record.tool,
    record.args,
    record.outcome,
    String(record.durationMs),
    record.error ?? "",
  ].map(csvCell).join(",");
}

function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n']/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

function readFilter(c: Context): EventFilter {
  const outcome = c.req.query("outcome");
  const window = c.req.query("window") ?? "7d";
  return {
    tool: (c.req.query("tool") ?? "").slice(0, 100),
    outcome: outcome === "ok" || outcome === "error" ? outcome : "",
    client: (c.req.query("client") ?? "").slice(0, 200),
    window: window in EVENT_WINDOWS ? window : "7d",
  };
}

function toQuery(filter: EventFilter, now: number): AuditQuery {
  const span = EVENT_WINDOWS[filter.window]![1];
  return {
    ...(filter.tool ? { tool: filter.tool } : {}),
    ...(filter.outcome ? { outcome: filter.outcome } : {}),
    ...(filter.client ? { clientId: filter.client } : {}),
    ...(span === null ? {} : { from: now - span }),
  };
}
