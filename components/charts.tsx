import type { VNode } from "preact";

const H = 240;
const PAD = { top: 16, right: 16, bottom: 32, left: 56 };
const PLOT_H = H - PAD.top - PAD.bottom;
const WIDE = 720;
const COMPACT = 420;

/** One series of a chart; `cls` picks its colour from the stylesheet (`series-0`…). */
export interface Series {
  readonly label: string;
  readonly values: readonly (number | null)[];
  readonly cls: string;
}

/** Props shared by the charts. */
export interface ChartProps {
  readonly id: string;
  /** Accessible title, also shown as the SVG `<title>`. */
  readonly title: string;
  /** X-axis labels (days), one per value. */
  readonly labels: readonly string[];
  readonly series: readonly Series[];
  /** Formats y values for ticks and the data table. */
  readonly format?: (value: number) => string;
  /** Lowest top of the y axis (e.g. 10 for percentages), so small values do not fill it. */
  readonly yMin?: number;
  /** Whole-number values: ticks are integers. */
  readonly integer?: boolean;
  /** Half-width layout: a narrower drawing so text stays legible. */
  readonly compact?: boolean;
}

interface Scale {
  readonly top: number;
  readonly ticks: readonly number[];
  readonly width: number;
  readonly plotW: number;
}

function scaleFor(props: ChartProps, max: number): Scale {
  const width = props.compact ? COMPACT : WIDE;
  const target = Math.max(props.yMin ?? 0, Number.isFinite(max) ? max : 0);
  const step = niceStep(target > 0 ? target / 4 : 1, props.integer ?? false);
  const top = Math.max(step, Math.ceil(target / step - 1e-9) * step);
  const ticks: number[] = [];
  for (let v = 0; v <= top + 1e-9; v += step) ticks.push(v);
  return { top, ticks, width, plotW: width - PAD.left - PAD.right };
}

/** Stacked bars (one stack per label), e.g. calls per tool per day. */
export function StackedBars(props: ChartProps): VNode {
  const totals = props.labels.map((_, i) =>
    props.series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0)
  );
  const scale = scaleFor(props, Math.max(0, ...totals));
  const top = scale.top;
  const slot = scale.plotW / Math.max(1, props.labels.length);
  const barW = Math.max(1, Math.min(28, slot * 0.7));
  return (
    <Frame {...props} scale={scale}>
      {props.labels.map((label, i) => {
        let y = PAD.top + PLOT_H;
        return (
          <g key={label}>
            {props.series.map((s) => {
              const value = s.values[i] ?? 0;
              if (value <= 0) return null;
              const h = (value / top) * PLOT_H;
              y -= h;
              return (
                <rect
                  key={s.label}
                  class={`bar ${s.cls}`}
                  x={PAD.left + slot * i + (slot - barW) / 2}
                  y={y}
                  width={barW}
                  height={h}
                >
                  <title>{`${label} · ${s.label}: ${fmt(props, value)}`}</title>
                </rect>
              );
            })}
          </g>
        );
      })}
    </Frame>
  );
}

/** Lines with dots; `null` values leave gaps. */
export function Lines(props: ChartProps): VNode {
  const all = props.series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const scale = scaleFor(props, Math.max(0, ...all.filter(Number.isFinite)));
  const top = scale.top;
  const slot = scale.plotW / Math.max(1, props.labels.length);
  const x = (i: number) => PAD.left + slot * i + slot / 2;
  const y = (v: number) => PAD.top + PLOT_H - (Math.min(v, top) / top) * PLOT_H;
  return (
    <Frame {...props} scale={scale}>
      {props.series.map((s) => (
        <g key={s.label} class={`line ${s.cls}`}>
          {segments(s.values).map((seg, k) => (
            <polyline
              key={k}
              points={seg.map((i) => `${x(i).toFixed(1)},${y(s.values[i]!).toFixed(1)}`).join(" ")}
            />
          ))}
          {s.values.map((v, i) =>
            v === null
              ? null
              : (
                <circle key={i} cx={x(i)} cy={y(v)} r={props.labels.length > 40 ? 1.5 : 3}>
                  <title>{`${props.labels[i]} · ${s.label}: ${fmt(props, v)}`}</title>
                </circle>
              )
          )}
        </g>
      ))}
    </Frame>
  );
}

function Frame(props: ChartProps & { readonly scale: Scale; readonly children: unknown }): VNode {
  const { top, ticks, width: W, plotW } = props.scale;
  const n = props.labels.length;
  const every = Math.ceil(n / (props.compact ? 4 : 8));
  const slot = plotW / Math.max(1, n);
  return (
    <figure class="chart">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-labelledby={`${props.id}-title`}
        preserveAspectRatio="xMidYMid meet"
      >
        <title id={`${props.id}-title`}>{props.title}</title>
        {ticks.map((t) => {
          const ty = PAD.top + PLOT_H - (t / top) * PLOT_H;
          return (
            <g key={t} class="grid">
              <line x1={PAD.left} x2={W - PAD.right} y1={ty} y2={ty} />
              <text x={PAD.left - 8} y={ty + 4} text-anchor="end">{fmt(props, t)}</text>
            </g>
          );
        })}
        {props.labels.map((label, i) =>
          (n - 1 - i) % every === 0
            ? (
              <text
                key={label}
                class="axis"
                x={PAD.left + slot * i + slot / 2}
                y={H - 10}
                text-anchor="middle"
              >
                {label.slice(5)}
              </text>
            )
            : null
        )}
        {props.children as VNode}
      </svg>
      <figcaption>
        <ul class="legend">
          {props.series.map((s) => (
            <li key={s.label}>
              <span class={`swatch ${s.cls}`} aria-hidden="true" />
              {s.label}
            </li>
          ))}
        </ul>
        <DataTable {...props} />
      </figcaption>
    </figure>
  );
}

function DataTable(props: ChartProps): VNode {
  return (
    <details class="data-table">
      <summary>Show the numbers</summary>
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">{props.title}</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              {props.series.map((s) => <th scope="col" key={s.label}>{s.label}</th>)}
            </tr>
          </thead>
          <tbody>
            {props.labels.map((label, i) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                {props.series.map((s) => {
                  const v = s.values[i];
                  return (
                    <td key={s.label}>{v === null || v === undefined ? "–" : fmt(props, v)}</td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

function fmt(props: ChartProps, value: number): string {
  return props.format ? props.format(value) : String(Math.round(value * 10) / 10);
}

function niceStep(raw: number, integer: boolean): number {
  if (integer && raw <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  const steps = integer && power < 10 ? [1, 2, 5, 10] : [1, 2, 2.5, 5, 10];
  return steps.map((m) => m * power).find((step) => step >= raw - 1e-9) ?? 10 * power;
}

function segments(values: readonly (number | null)[]): number[][] {
  const out: number[][] = [];
  let current: number[] = [];
  values.forEach((v, i) => {
    if (v === null) {
      if (current.length) out.push(current);
      current = [];
    } else current.push(i);
  });
  if (current.length) out.push(current);
  return out;
}
