import type { VNode } from "preact";
import { Layout, PageHeader, Time } from "../../components/Layout.tsx";
import type { AuditRecord } from "../../lib/kv/audit.ts";
import type { Assets } from "../../lib/web/assets.ts";
import type { DashboardSession } from "../../lib/web/deps.ts";

/** Time windows of the events filter: value → [label, ms or null]. */
export const EVENT_WINDOWS: Readonly<Record<string, readonly [string, number | null]>> = {
  "24h": ["Last 24 hours", 86_400_000],
  "7d": ["Last 7 days", 7 * 86_400_000],
  "30d": ["Last 30 days", 30 * 86_400_000],
  all: ["All retained", null],
};

/** The events filter, as it appears in the query string. */
export interface EventFilter {
  readonly tool: string;
  readonly outcome: "" | "ok" | "error";
  readonly client: string;
  readonly window: string;
}

/** Props of {@link Events}. */
export interface EventsProps {
  readonly assets: Assets;
  readonly sandbox: boolean;
  readonly session: DashboardSession;
  readonly filter: EventFilter;
  readonly records: readonly AuditRecord[];
  readonly nextCursor?: string;
  readonly paged: boolean;
  readonly tools: readonly string[];
  readonly clients: readonly { readonly id: string; readonly name: string }[];
}

/** Encodes a filter (plus extras) as a query string. */
export function filterQuery(filter: EventFilter, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...filter, ...extra })) if (v) params.set(k, v);
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** `/dashboard/events`: the audit log, filterable and paginated, with CSV export. */
export default function Events(props: EventsProps): VNode {
  const { filter } = props;
  return (
    <Layout title="Events" active="/dashboard/events" {...props}>
      <PageHeader
        title="Events"
        lead="Every tool call your assistants made, newest first. Secrets in arguments are redacted."
      />
      <form method="get" action="/dashboard/events" class="filters" aria-label="Filter events">
        <div class="field">
          <label for="f-tool">Tool</label>
          <select id="f-tool" name="tool">
            <option value="">All tools</option>
            {props.tools.map((t) => (
              <option key={t} value={t} selected={t === filter.tool}>{t}</option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-outcome">Outcome</label>
          <select id="f-outcome" name="outcome">
            <option value="">Any</option>
            <option value="ok" selected={filter.outcome === "ok"}>Succeeded</option>
            <option value="error" selected={filter.outcome === "error"}>Failed</option>
          </select>
        </div>
        <div class="field">
          <label for="f-client">Client</label>
          <select id="f-client" name="client">
            <option value="">All clients</option>
            {props.clients.map((c) => (
              <option key={c.id} value={c.id} selected={c.id === filter.client}>{c.name}</option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-window">Time</label>
          <select id="f-window" name="window">
            {Object.entries(EVENT_WINDOWS).map(([value, [label]]) => (
              <option key={value} value={value} selected={value === filter.window}>{label}</option>
            ))}
          </select>
        </div>
        <div class="filter-actions">
          <button type="submit" class="button small">Apply</button>
          <a
            class="button ghost small"
            href={`/dashboard/events.csv${filterQuery(filter)}`}
            download
          >
            Export CSV
          </a>
        </div>
      </form>
      {props.records.length === 0
        ? <p class="empty">No events match. Tool calls appear here as soon as they happen.</p>
        : (
          <div class="table-wrap">
            <table class="list events">
              <caption class="visually-hidden">Tool calls</caption>
              <thead>
                <tr>
                  <th scope="col">Time</th>
                  <th scope="col">Client</th>
                  <th scope="col">Tool</th>
                  <th scope="col">Arguments</th>
                  <th scope="col">Outcome</th>
                  <th scope="col" class="num">Duration</th>
                </tr>
              </thead>
              <tbody>
                {props.records.map((r) => (
                  <tr key={r.id}>
                    <td class="nowrap">
                      <Time at={r.at} />
                    </td>
                    <td>{r.clientName}</td>
                    <td>
                      <code>{r.tool}</code>
                    </td>
                    <td class="args">
                      <code>{r.args}</code>
                    </td>
                    <td>
                      <span class={`badge ${r.outcome === "ok" ? "ok" : "error"}`}>
                        {r.outcome === "ok" ? "ok" : "error"}
                      </span>
                      {r.error && <span class="error-text">{r.error}</span>}
                    </td>
                    <td class="num">{r.durationMs} ms</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      <nav class="pager" aria-label="Pages">
        {props.paged && <a href={`/dashboard/events${filterQuery(filter)}`}>← Newest</a>}
        {props.nextCursor && (
          <a
            href={`/dashboard/events${filterQuery(filter, { cursor: props.nextCursor })}`}
            rel="next"
          >
            Older events →
          </a>
        )}
      </nav>
    </Layout>
  );
}
