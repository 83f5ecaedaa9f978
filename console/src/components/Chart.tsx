import { BarChart, CustomChart, LineChart } from 'echarts/charts';
import { DataZoomComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useLanguage } from '../i18n/language';
import { ExportButtons } from './ExportButtons';
import { ProblemMessage } from './ProblemMessage';
import type { Loaded } from './useApi';

// Only the parts of ECharts the console draws with, to keep the bundle small.
echarts.use([BarChart, LineChart, CustomChart, GridComponent, TooltipComponent, LegendComponent, DataZoomComponent, CanvasRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

/** What a chart draws from an answer: its option, how many data points it holds (0: nothing to draw), and those points as a table. */
export interface Drawing {
  option: ChartOption;
  points: number;
  table?: DrawnTable;
}

/** The data points a chart draws, as a table: a row per category of its axis, a column per value drawn (headers are translation keys). */
export interface DrawnTable {
  headers: string[];
  rows: (string | number | null)[][];
}

interface ChartProps<T> {
  testId: string;
  loaded: Loaded<T>;
  draw: (data: T) => Drawing;
  height?: number;
  /** The name its drawn table is exported under (with the filters it was asked with); none: not exported. */
  exportAs?: string;
}

/**
 * An ECharts chart of a loaded answer, and the points drawn exported to CSV or Excel as shown. Its container says how it
 * stands for a browser test: `data-state` (loading, ready, empty, error) and `data-points` (the data points drawn).
 */
export function Chart<T>({ testId, loaded, draw, height = 320, exportAs }: ChartProps<T>) {
  const { t } = useLanguage();
  const drawing = loaded.state === 'ready' ? draw(loaded.data) : undefined;
  const state = loaded.state === 'ready' ? (drawing && drawing.points > 0 ? 'ready' : 'empty') : loaded.state;
  return (
    <div className="chart" data-testid={testId} data-state={state} data-points={drawing?.points ?? 0}>
      {state === 'loading' && <p className="muted">{t('common.loading')}</p>}
      {state === 'empty' && <p className="muted">{t('common.empty')}</p>}
      {loaded.state === 'error' && <ProblemMessage error={loaded.error} />}
      {state === 'ready' && drawing && <Canvas option={drawing.option} height={height} />}
      {state === 'ready' && drawing?.table && exportAs && <TableExport name={exportAs} table={drawing.table} />}
    </div>
  );
}

function TableExport({ name, table }: { name: string; table: DrawnTable }) {
  const columns = table.headers.map((header, index) => ({ header, value: (row: DrawnTable['rows'][number]) => row[index] ?? null }));
  return <ExportButtons name={name} columns={columns} rows={async () => table.rows} />;
}

function Canvas({ option, height }: { option: ChartOption; height: number }) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts>(undefined);
  useEffect(() => {
    const instance = echarts.init(element.current!);
    chart.current = instance;
    const resize = () => instance.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      instance.dispose();
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);
  return <div ref={element} style={{ width: '100%', height }} />;
}
