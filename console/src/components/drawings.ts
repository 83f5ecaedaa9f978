import type { UtilizationRow } from '../api/fleet';
import { formatRatio } from '../lib/format';
import type { Drawing } from './Chart';

type Translate = (key: string) => string;

const ratioAxis = { type: 'value', min: 0, max: 1, axisLabel: { formatter: (value: number) => formatRatio(value) } };
/** ECharts 6 puts the legend under the plot by default, over the axis labels; ours stand above it. */
export const topLegend = { top: 0, type: 'scroll' };
const ratioTooltip = { trigger: 'axis', valueFormatter: (value: number | null) => formatRatio(value) };

/** Bars of a 0–1 rate per key (region, model, rep …). */
export function rateBars(rows: { key: string; rate: number | null }[], name: string): Drawing {
  return {
    points: rows.length,
    option: {
      tooltip: ratioTooltip,
      grid: { left: 60, right: 20, top: 30, bottom: 40 },
      xAxis: { type: 'category', data: rows.map((row) => row.key) },
      yAxis: ratioAxis,
      series: [{ type: 'bar', name, data: rows.map((row) => row.rate) }],
    },
  };
}

export function utilizationBars(rows: UtilizationRow[], t: Translate): Drawing {
  return {
    points: rows.length,
    option: {
      tooltip: ratioTooltip,
      legend: topLegend,
      grid: { left: 60, right: 20, top: 40, bottom: 40 },
      xAxis: { type: 'category', data: rows.map((row) => row.key) },
      yAxis: ratioAxis,
      series: [
        { type: 'bar', name: t('utilization.time'), data: rows.map((row) => row.timeUtilization) },
        { type: 'bar', name: t('utilization.operating'), data: rows.map((row) => row.operatingUtilization) },
      ],
    },
  };
}
