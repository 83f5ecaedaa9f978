import type { ECharts, EChartsCoreOption } from 'echarts/core';
import { useEffect, useRef, useState } from 'react';
import { useLanguage } from '../i18n/language';
import { ExportButtons } from './ExportButtons';
import { ProblemMessage } from './ProblemMessage';
import type { Loaded } from './useApi';

export type ChartOption = EChartsCoreOption;

/** What a chart draws from an answer: its option, how many data points it holds (0: nothing to draw), and those points as a table. */
export interface Drawing {
  option: ChartOption;
  points: number;
  table?: DrawnTable;
  /** What a click on a drawn item does, given the item's data as drawn (a map's vehicle: its page). */
  onItemClick?: (data: unknown) => void;
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
      {state === 'ready' && drawing && <Canvas option={drawing.option} height={height} onItemClick={drawing.onItemClick} />}
      {state === 'ready' && drawing?.table && exportAs && <TableExport name={exportAs} table={drawing.table} />}
    </div>
  );
}

function TableExport({ name, table }: { name: string; table: DrawnTable }) {
  const columns = table.headers.map((header, index) => ({ header, value: (row: DrawnTable['rows'][number]) => row[index] ?? null }));
  return <ExportButtons name={name} columns={columns} rows={async () => table.rows} />;
}

/**
 * ECharts is loaded when the first chart is drawn, not with the page: it is the console's largest library, and a page's
 * facts and tables should not wait for it to be fetched and parsed.
 */
function Canvas({ option, height, onItemClick }: { option: ChartOption; height: number; onItemClick?: (data: unknown) => void }) {
  const element = useRef<HTMLDivElement>(null);
  const [chart, setChart] = useState<ECharts>();
  useEffect(() => {
    let instance: ECharts | undefined;
    let removed = false;
    // Its box, not the window: the navigation folding or a phone turning resizes a chart without resizing the window.
    const resizing = new ResizeObserver(() => instance?.resize());
    void import('./echarts').then(({ init }) => {
      if (!removed) {
        instance = init(element.current!);
        setChart(instance);
      }
    });
    resizing.observe(element.current!);
    return () => {
      removed = true;
      resizing.disconnect();
      instance?.dispose();
    };
  }, []);
  useEffect(() => {
    chart?.setOption(option, { notMerge: true });
  }, [chart, option]);
  useEffect(() => {
    if (!chart || !onItemClick) {
      return;
    }
    const clicked = (item: { data?: unknown }) => onItemClick(item.data);
    chart.on('click', clicked);
    return () => {
      chart.off('click', clicked);
    };
  }, [chart, onItemClick]);
  return <div ref={element} style={{ width: '100%', height }} />;
}
