import type { VNode } from "preact";
import { Lines, type Series, StackedBars } from "../../components/charts.tsx";
import { Layout, PageHeader } from "../../components/Layout.tsx";
import type { UsageReport } from "../../lib/kv/usage.ts";
import type { Assets } from "../../lib/web/assets.ts";
import type { DashboardSession } from "../../lib/web/deps.ts";

/** Time ranges of the usage page: query value → days. */
export const USAGE_RANGES: Readonly<Record<string, number>> = { "7d": 7, "30d": 30, "90d": 90 };

/** Props of {@link Usage}. */
export interface UsageProps {
  readonly assets: Assets;
  readonly sandbox: boolean;
  readonly session: DashboardSession;
  readonly range: string;
  readonly report: UsageReport;
}

const MAX_TOOLS = 5;

/** `/dashboard/usage`: calls, errors, latency and deploys over time, as SVG charts. */
export default function Usage(props: UsageProps): VNode {
  const { report } = props;
  const labels = report.days.map((d) => d.day);
  const top = report.tools.slice(0, MAX_TOOLS).map((t) => t.tool);
  const callSeries: Series[] = top.map((tool, i) => ({
    label: tool,
    cls: `series-${i}`,
    values: report.days.map((d) => d.byTool[tool] ?? 0),
  }));
  if (report.tools.length > MAX_TOOLS) {
    callSeries.push({
      label: "other tools",
      cls: `series-${MAX_TOOLS}`,
      values: report.days.map((d) =>
        Object.entries(d.byTool).filter(([t]) => !top.includes(t)).reduce((n, [, c]) => n + c, 0)
      ),
    });
  }
  const t = report.totals;
  return (
    <Layout title="Usage" active="/dashboard/usage" {...props}>
      <PageHeader title="Usage" lead="What your assistants did with your Xano, day by day (UTC)." />
      <nav class="segmented" aria-label="Time range">
        {Object.keys(USAGE_RANGES).map((r) => (
          <a
            key={r}
            href={`/dashboard/usage?range=${r}`}
            aria-current={r === props.range ? "page" : undefined}
          >
            Last {USAGE_RANGES[r]} days
          </a>
        ))}
      </nav>
      <ul class="stats">
        <Stat label="Tool calls" value={String(t.calls)} />
        <Stat label="Error rate" value={rate(t.errors, t.calls)} />
        <Stat label="Latency p50" value={ms(t.p50)} />
        <Stat label="Latency p95" value={ms(t.p95)} />
        <Stat
          label="Deploy success"
          value={rate(t.deploysOk, t.deploys)}
          detail={`${t.deploys} deploys`}
        />
        <Stat label="Auto-fixed deploys" value={rate(t.deploysAutoFixed, t.deploys)} />
      </ul>
      {t.calls === 0 && (
        <p class="empty">
          No tool calls in this range yet. Charts fill in as assistants use tools.
        </p>
      )}
      <section class="chart-card" aria-labelledby="calls-heading">
        <h2 id="calls-heading">Calls per tool per day</h2>
        <StackedBars
          id="calls"
          title="Tool calls per day, stacked by tool"
          labels={labels}
          series={callSeries}
          integer
        />
      </section>
      <div class="grid-2">
        <section class="chart-card" aria-labelledby="errors-heading">
          <h2 id="errors-heading">Error rate</h2>
          <Lines
            id="errors"
            title="Share of tool calls that failed, per day"
            labels={labels}
            compact
            yMin={10}
            format={(v) => `${Math.round(v)}%`}
            series={[{
              label: "errors",
              cls: "series-error",
              values: report.days.map((d) => pct(d.errors, d.calls)),
            }]}
          />
        </section>
        <section class="chart-card" aria-labelledby="latency-heading">
          <h2 id="latency-heading">Latency</h2>
          <Lines
            id="latency"
            title="Tool call latency per day, p50 and p95, in milliseconds"
            labels={labels}
            compact
            format={(v) => `${Math.round(v)} ms`}
            series={[
              { label: "p50", cls: "series-0", values: report.days.map((d) => finite(d.p50)) },
              { label: "p95", cls: "series-1", values: report.days.map((d) => finite(d.p95)) },
            ]}
          />
        </section>
      </div>
      <section class="chart-card" aria-labelledby="deploys-heading">
        <h2 id="deploys-heading">Deploys</h2>
        <Lines
          id="deploys"
          title="Deploy success rate and auto-fix rate per day"
          labels={labels}
          yMin={100}
          format={(v) => `${Math.round(v)}%`}
          series={[
            {
              label: "succeeded",
              cls: "series-2",
              values: report.days.map((d) => pct(d.deploysOk, d.deploys)),
            },
            {
              label: "auto-fixed",
              cls: "series-3",
              values: report.days.map((d) => pct(d.deploysAutoFixed, d.deploys)),
            },
          ]}
        />
      </section>
      <p class="help">
        Latency percentiles come from a histogram: a value is the upper bound of the bucket holding
        the percentile.
      </p>
    </Layout>
  );
}

function Stat(
  props: { readonly label: string; readonly value: string; readonly detail?: string },
): VNode {
  return (
    <li class="stat">
      <span class="stat-label">{props.label}</span>
      <span class="stat-value">{props.value}</span>
      {props.detail && <span class="stat-detail">{props.detail}</span>}
    </li>
  );
}

function pct(part: number, whole: number): number | null {
  return whole === 0 ? null : (part / whole) * 100;
}

function rate(part: number, whole: number): string {
  const p = pct(part, whole);
  return p === null ? "–" : `${p < 10 && p > 0 ? p.toFixed(1) : Math.round(p)}%`;
}

function ms(value: number | null): string {
  if (value === null) return "–";
  return Number.isFinite(value) ? `≤ ${value} ms` : "> 10 s";
}

function finite(value: number | null): number | null {
  if (value === null) return null;
  return Number.isFinite(value) ? value : 10_000;
}
