import type { UtilizationRow } from '../api/fleet';
import type { ModelTrials } from '../api/knowledge';
import { formatRatio } from '../lib/format';
import type { Drawing } from './Chart';

type Translate = (key: string) => string;

const ratioAxis = { type: 'value', min: 0, max: 1, axisLabel: { formatter: (value: number) => formatRatio(value) } };
/**
 * A category axis that keeps every label: all shown (none skipped), slanted when there are many, cut at a width with
 * the whole name in the axis tooltip; the grid makes room for them.
 */
export function categoryAxis(labels: string[]) {
  return { type: 'category', data: labels, axisLabel: { interval: 0, rotate: labels.length > 6 ? 35 : 0, width: 110, overflow: 'truncate' } };
}

/** The plot's margins, with room for the axes' labels however long or slanted. */
export const grid = (top = 40) => ({ left: 20, right: 20, top, bottom: 10, containLabel: true });

/** ECharts 6 puts the legend under the plot by default, over the axis labels; ours stand above it. */
export const topLegend = { top: 0, type: 'scroll' };
const ratioTooltip = { trigger: 'axis', valueFormatter: (value: number | null) => formatRatio(value) };

/** Bars of a 0–1 rate per key (region, model, rep …): `title` (a translation key) names the rate, `keyHeader` its keys. */
export function rateBars(rows: { key: string; rate: number | null }[], title: string, keyHeader: string, t: Translate): Drawing {
  return {
    points: rows.length,
    option: {
      tooltip: ratioTooltip,
      grid: grid(30),
      xAxis: categoryAxis(rows.map((row) => row.key)),
      yAxis: ratioAxis,
      series: [{ type: 'bar', name: t(title), data: rows.map((row) => row.rate) }],
    },
    table: { headers: [keyHeader, title], rows: rows.map((row) => [row.key, row.rate]) },
  };
}

/** Time and operating-hours utilization side by side per key (model, region, month …), which `keyHeader` names. */
export function utilizationBars(rows: UtilizationRow[], keyHeader: string, t: Translate): Drawing {
  return {
    points: rows.length,
    option: {
      tooltip: ratioTooltip,
      legend: topLegend,
      grid: grid(),
      xAxis: categoryAxis(rows.map((row) => row.key)),
      yAxis: ratioAxis,
      series: [
        { type: 'bar', name: t('utilization.time'), data: rows.map((row) => row.timeUtilization) },
        { type: 'bar', name: t('utilization.operating'), data: rows.map((row) => row.operatingUtilization) },
      ],
    },
    table: {
      headers: [keyHeader, 'utilization.time', 'utilization.operating'],
      rows: rows.map((row) => [row.key, row.timeUtilization, row.operatingUtilization]),
    },
  };
}

/**
 * Per model recommended or tried for a working condition: how many trials, and the hours a unit worked a day on them
 * (on an axis of its own: a count and hours are not one scale; a model with no day on trial yet has no bar).
 */
export function trialBars(trials: ModelTrials[], t: Translate): Drawing {
  return {
    points: trials.length,
    option: {
      tooltip: { trigger: 'axis' },
      legend: topLegend,
      grid: grid(),
      xAxis: categoryAxis(trials.map((model) => model.model)),
      // Each axis's name leans inwards, over the plot, so that neither is cut at the chart's edge.
      yAxis: [
        { type: 'value', name: t('solution.trials'), minInterval: 1, nameTextStyle: { align: 'left' } },
        { type: 'value', name: t('solution.hoursPerDay'), nameTextStyle: { align: 'right' } },
      ],
      series: [
        { type: 'bar', name: t('solution.trials'), data: trials.map((model) => model.trials) },
        { type: 'bar', name: t('solution.hoursPerDay'), yAxisIndex: 1, data: trials.map((model) => model.hoursPerDay) },
      ],
    },
    table: {
      headers: ['common.model', 'solution.trials', 'solution.hoursPerDay'],
      rows: trials.map((model) => [model.model, model.trials, model.hoursPerDay]),
    },
  };
}
