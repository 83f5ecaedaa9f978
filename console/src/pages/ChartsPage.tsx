import { useState, type ReactNode } from 'react';
import { fleet, type FleetUtilization, type UtilizationRow } from '../api/fleet';
import { categoryAxis, grid, rateBars, topLegend, utilizationBars } from '../components/drawings';
import { ageingBuckets, orders, type OrderTrendsFigure, type PeriodFigure, type ReceivablesFigure, type ReceivablesRow } from '../api/orders';
import { Chart, type Drawing } from '../components/Chart';
import { ExportableTable, type ShownColumn } from '../components/ExportButtons';
import { Loading } from '../components/Loading';
import { PeriodPicker } from '../components/PeriodPicker';
import { Select } from '../components/Select';
import { useApi } from '../components/useApi';
import type { Clocks } from '../api/http';
import { useLanguage } from '../i18n/language';
import { formatAmount } from '../lib/format';
import { addMonths, chinaMonth, chinaQuarter, chinaYear, monthsBetween } from '../lib/periods';

/** What a chart's answer depends on of the two clocks: it is asked again when either changes. */
const keyOf = (clocks: Clocks) => `${clocks.asOf ?? ''}:${clocks.knownAt ?? ''}`;

/** A chart with its own controls under a title. */
function ChartCard({ title, controls, children }: { title: string; controls: ReactNode; children: ReactNode }) {
  const { t } = useLanguage();
  return (
    <article className="card">
      <h2>{t(title)}</h2>
      <div className="filters">{controls}</div>
      {children}
    </article>
  );
}

/** Fleet utilization by model or region in a period, or month by month through the period's year. */
function UtilizationChart({ clocks }: { clocks: Clocks }) {
  const { t } = useLanguage();
  const [period, setPeriod] = useState(chinaMonth);
  const [groupBy, setGroupBy] = useState('model');
  const year = period.slice(0, 4);
  const loaded = useApi<UtilizationRow[]>(`utilization:${period}:${groupBy}:${keyOf(clocks)}`, async () => {
    if (groupBy !== 'month') {
      return (await fleet.utilization({ period, groupBy, ...clocks })).rows;
    }
    const answers: FleetUtilization[] = await Promise.all(
      monthsBetween(`${year}-01`, `${year}-12`).map((month) => fleet.utilization({ period: month, groupBy: 'total', ...clocks })),
    );
    return answers.map((answer) => ({ ...answer.total, key: answer.period }));
  });
  return (
    <ChartCard
      title="charts.utilization"
      controls={
        <>
          <PeriodPicker value={period} onChange={setPeriod} />
          <Select label="common.groupBy" name="groupBy" value={groupBy} options={['model', 'region', 'month']} optionLabels="groupBy." onChange={setGroupBy} />
        </>
      }
    >
      <Chart testId="chart-utilization" loaded={loaded} draw={(rows) => utilizationBars(rows, `groupBy.${groupBy}`, t)}
        exportAs={`utilization-${groupBy === 'month' ? year : period}-${groupBy}`} />
    </ChartCard>
  );
}

interface RateChartProps {
  clocks: Clocks;
  title: string;
  testId: string;
  groupings: string[];
  load: (query: { period: string; groupBy: string } & Clocks) => Promise<PeriodFigure<{ key: string; rate: number | null }>>;
  /** The period first shown: this China quarter unless the figure needs longer to say something. */
  firstPeriod?: () => string;
}

/** A rate (collection, conversion) of a period by one of its groupings. */
function RateChart({ clocks, title, testId, groupings, load, firstPeriod = chinaQuarter }: RateChartProps) {
  const { t } = useLanguage();
  const [period, setPeriod] = useState(firstPeriod);
  const [groupBy, setGroupBy] = useState(groupings[0]!);
  const loaded = useApi(`${testId}:${period}:${groupBy}:${keyOf(clocks)}`, () => load({ period, groupBy, ...clocks }));
  return (
    <ChartCard
      title={title}
      controls={
        <>
          <PeriodPicker value={period} onChange={setPeriod} />
          <Select label="common.groupBy" name="groupBy" value={groupBy} options={groupings} optionLabels="groupBy." onChange={setGroupBy} />
        </>
      }
    >
      <Chart testId={testId} loaded={loaded} draw={(figure) => rateBars(figure.rows, title, `groupBy.${groupBy}`, t)}
        exportAs={`${testId.replace(/^chart-/, '')}-${period}-${groupBy}`} />
    </ChartCard>
  );
}

function ReceivablesChart({ clocks }: { clocks: Clocks }) {
  const { t } = useLanguage();
  const [groupBy, setGroupBy] = useState('customer');
  const loaded = useApi<ReceivablesFigure>(`receivables:${groupBy}:${keyOf(clocks)}`, () => orders.receivables({ groupBy, ...clocks }));
  const draw = (figure: ReceivablesFigure): Drawing => ({
    points: figure.rows.length * ageingBuckets.length,
    option: {
      tooltip: { trigger: 'axis' },
      legend: topLegend,
      grid: grid(),
      xAxis: categoryAxis(figure.rows.map((row) => row.key)),
      yAxis: { type: 'value' },
      series: ageingBuckets.map((bucket) => ({ type: 'bar', stack: 'ageing', name: t(`ageing.${bucket}`), data: figure.rows.map((row) => row[bucket]) })),
    },
  });
  return (
    <ChartCard
      title="charts.receivables"
      controls={<Select label="common.groupBy" name="groupBy" value={groupBy} options={['customer', 'region', 'salesRep']} optionLabels="groupBy." onChange={setGroupBy} />}
    >
      <Chart testId="chart-receivables" loaded={loaded} draw={draw} />
      <Loading loaded={loaded}>{(figure) => <AgedReceivables figure={figure} groupBy={groupBy} />}</Loading>
    </ChartCard>
  );
}

/**
 * The aged receivables [应收账龄] as finance reads them: what each customer (or region, rep) owes by how long it is
 * overdue, as of the day asked, with the total; exported as shown.
 */
function AgedReceivables({ figure, groupBy }: { figure: ReceivablesFigure; groupBy: string }) {
  const { t, language } = useLanguage();
  const total: ReceivablesRow = { ...figure.total, key: t('groupBy.total') };
  const money = (header: string, value: (row: ReceivablesRow) => number): ShownColumn<ReceivablesRow> => ({ header, value, shown: (row) => formatAmount(value(row), language) });
  const columns: ShownColumn<ReceivablesRow>[] = [
    // Headed by the grouping as chosen (customer): the figure names it as the API's enum (Customer), which no label has.
    { header: `groupBy.${groupBy}`, value: (row) => row.key },
    ...ageingBuckets.map((bucket) => money(`ageing.${bucket}`, (row) => row[bucket])),
    money('ageing.outstanding', (row) => row.outstanding),
    money('ageing.overdue', (row) => row.overdue),
    { header: 'ageing.daysSalesOutstanding', value: (row) => row.daysSalesOutstanding },
  ];
  return (
    <>
      <p className="muted">{t('ageing.asOf', { day: figure.asOf })}</p>
      <ExportableTable name={`receivables-${figure.asOf}`} rows={[...figure.rows, total]} columns={columns} testId="aged-receivables" rowTestId="aged-receivables-row" />
    </>
  );
}

/** Amounts ordered per month, one line per model. */
function OrderTrendsChart({ clocks }: { clocks: Clocks }) {
  const { t } = useLanguage();
  const [to, setTo] = useState(chinaMonth);
  const [from, setFrom] = useState(() => addMonths(chinaMonth(), -11));
  const loaded = useApi<OrderTrendsFigure>(`trends:${from}:${to}:${keyOf(clocks)}`, () => orders.orderTrends({ from, to, ...clocks }));
  const draw = (figure: OrderTrendsFigure): Drawing => {
    const months = monthsBetween(figure.from, figure.to);
    const models = [...new Set(figure.rows.map((row) => row.model))].sort();
    const amount = (model: string, month: string) =>
      figure.rows.filter((row) => row.model === model && row.month === month).reduce((sum, row) => sum + row.amount, 0);
    return {
      points: figure.rows.length,
      option: {
        tooltip: { trigger: 'axis' },
        legend: topLegend,
        grid: grid(),
        xAxis: categoryAxis(months),
        yAxis: { type: 'value', name: t('common.amount') },
        series: models.map((model) => ({ type: 'line', name: model, data: months.map((month) => amount(model, month)) })),
      },
      // As drawn: a row per month, the amount of each model's line in its column.
      table: { headers: ['common.month', ...models], rows: months.map((month) => [month, ...models.map((model) => amount(model, month))]) },
    };
  };
  return (
    <ChartCard
      title="charts.orderTrends"
      controls={
        <>
          <label>
            {t('common.from')}
            <input type="month" name="from" value={from} onChange={(event) => setFrom(event.target.value)} />
          </label>
          <label>
            {t('common.to')}
            <input type="month" name="to" value={to} onChange={(event) => setTo(event.target.value)} />
          </label>
        </>
      }
    >
      <Chart testId="chart-order-trends" loaded={loaded} draw={draw} exportAs={`order-trends-${from}-${to}`} />
    </ChartCard>
  );
}

/**
 * The charts [可视化图表] management reads, every one as of the date chosen (today when none) and as known on the day
 * chosen (what a report printed that day showed, before what was recorded later; now when none).
 */
export function ChartsPage() {
  const { t } = useLanguage();
  const [asOf, setAsOf] = useState('');
  const [knownAt, setKnownAt] = useState('');
  const clocks: Clocks = { asOf: asOf || undefined, knownAt: knownAt || undefined };
  return (
    <section>
      <h1>{t('charts.title')}</h1>
      <div className="filters">
        <label>
          {t('common.asOf')}
          <input type="date" name="asOf" data-testid="as-of" value={asOf} onChange={(event) => setAsOf(event.target.value)} />
        </label>
        <label>
          {t('common.knownAt')}
          <input type="date" name="knownAt" data-testid="known-at" value={knownAt} onChange={(event) => setKnownAt(event.target.value)} />
        </label>
      </div>
      <div className="charts">
        <UtilizationChart clocks={clocks} />
        <RateChart clocks={clocks} title="charts.collectionRate" testId="chart-collection-rate" groupings={['region', 'customer', 'salesRep']} load={orders.collectionRate}
          firstPeriod={chinaYear} />
        <ReceivablesChart clocks={clocks} />
        <RateChart clocks={clocks} title="charts.conversionRate" testId="chart-conversion-rate" groupings={['region', 'salesRep']} load={orders.conversionRate} />
        <OrderTrendsChart clocks={clocks} />
      </div>
    </section>
  );
}
