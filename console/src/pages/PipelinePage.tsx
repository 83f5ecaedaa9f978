import { createColumnHelper } from '@tanstack/react-table';
import { orders, opportunityStages, type Opportunity, type PipelineFigure } from '../api/orders';
import { Chart, type Drawing } from '../components/Chart';
import { type ExportColumn } from '../components/ExportButtons';
import { ListView } from '../components/ListView';
import { categoryAxis, topLegend } from '../components/drawings';
import { Select } from '../components/Select';
import { CustomerLink, OpportunityLink } from '../components/links';
import { useAddressQuery } from '../components/useAddressQuery';
import { useApi } from '../components/useApi';
import { useLanguage } from '../i18n/language';
import { formatAmount, formatInstant } from '../lib/format';
import { useRegions } from '../components/useRegions';
import { PipelineBoard } from './PipelineBoard';

const opportunity = createColumnHelper<Opportunity>();
/** The columns the API sorts opportunities by. */
const sortColumns = ['id', 'stage', 'customer', 'region', 'salesRep', 'expectedAmount', 'expectedCloseDate', 'filedAt'] as const;

/** The pipeline: open opportunities by stage, and the opportunities themselves. */
export function PipelinePage() {
  const regions = useRegions();
  const { t, language, word } = useLanguage();
  const query = useAddressQuery();
  const [stage, region, search, sort] = ['stage', 'region', 'search', 'sort'].map(query.get);
  const pipeline = useApi('pipeline', () => orders.pipeline());

  const columns = [
    opportunity.accessor('id', { header: 'ID', cell: (cell) => <OpportunityLink id={cell.getValue()} /> }),
    opportunity.accessor('stage', { header: 'opportunity.stage', cell: (cell) => t(`stage.${cell.getValue()}`) }),
    opportunity.accessor('customer', { header: 'common.customer', cell: (cell) => <CustomerLink id={cell.row.original.customerId} name={cell.getValue()} /> }),
    opportunity.accessor('region', { header: 'common.region', cell: (cell) => word('region', cell.getValue()) }),
    opportunity.accessor('salesRep', { header: 'common.salesRep' }),
    opportunity.accessor('expectedAmount', { header: 'opportunity.expectedAmount', cell: (cell) => formatAmount(cell.getValue(), language) }),
    opportunity.accessor('expectedCloseDate', { header: 'opportunity.expectedCloseDate' }),
    opportunity.accessor('filedAt', { header: 'opportunity.filedAt', cell: (cell) => formatInstant(cell.getValue(), language) }),
  ];

  const drawPipeline = (figure: PipelineFigure): Drawing => ({
    points: figure.count > 0 ? figure.stages.length : 0,
    option: {
      tooltip: { trigger: 'axis' },
      legend: topLegend,
      grid: { left: 80, right: 80, top: 40, bottom: 30 },
      xAxis: categoryAxis(figure.stages.map((row) => t(`stage.${row.stage}`))),
      yAxis: [{ type: 'value', name: t('common.count') }, { type: 'value', name: t('opportunity.expectedAmount') }],
      series: [
        { type: 'bar', name: t('common.count'), data: figure.stages.map((row) => row.count) },
        { type: 'line', name: t('opportunity.expectedAmount'), yAxisIndex: 1, data: figure.stages.map((row) => row.expectedAmount) },
      ],
    },
    table: {
      headers: ['opportunity.stage', 'common.count', 'opportunity.expectedAmount'],
      rows: figure.stages.map((row) => [t(`stage.${row.stage}`), row.count, row.expectedAmount]),
    },
  });

  return (
    <section>
      <h1>{t('pipeline.title')}</h1>
      <h2>{t('pipeline.byStage')}</h2>
      <Chart testId="chart-pipeline" loaded={pipeline} draw={drawPipeline} exportAs="pipeline" />
      <div className="filters">
        <Select label="common.region" name="region" value={region ?? ''} options={regions} optionLabels="region." emptyLabel="common.all" onChange={(value) => query.set({ region: value })} />
      </div>
      <h2>{t('pipeline.board')}</h2>
      <PipelineBoard region={region ?? ''} />
      <h2>{t('pipeline.opportunities')}</h2>
      <ListView
        name="opportunities"
        rowTestId="opportunity-row"
        query={query}
        fetchPage={(page, pageSize) => orders.opportunities({ stage, region, search, sort, page, pageSize })}
        columns={columns}
        exported={exported(t)}
        sortColumns={sortColumns}
        defaultSort="-filedAt"
        searchHint="pipeline.searchHint"
        filters={
          <div className="filters">
            <Select label="opportunity.stage" name="stage" value={stage ?? ''} options={opportunityStages} optionLabels="stage." emptyLabel="common.all" onChange={(value) => query.set({ stage: value })} />
          </div>
        }
      />
    </section>
  );
}

/** Opportunities as exported: amounts as numbers, the stage in the reader's words. */
const exported = (t: (key: string) => string): ExportColumn<Opportunity>[] => [
  { header: 'ID', value: (row) => row.id },
  { header: 'opportunity.stage', value: (row) => t(`stage.${row.stage}`) },
  { header: 'common.customer', value: (row) => row.customer },
  { header: 'common.region', value: (row) => row.region },
  { header: 'common.salesRep', value: (row) => row.salesRep },
  { header: 'opportunity.expectedAmount', value: (row) => row.expectedAmount },
  { header: 'opportunity.expectedCloseDate', value: (row) => row.expectedCloseDate },
  { header: 'opportunity.filedAt', value: (row) => row.filedAt },
];
