import { createColumnHelper } from '@tanstack/react-table';
import { useState, type ReactNode } from 'react';
import { dispatch, type Loan, type RegionBoard } from '../api/dispatch';
import { DataTable } from '../components/DataTable';
import { Loading } from '../components/Loading';
import { Select } from '../components/Select';
import { OrderLink, VehicleLink } from '../components/links';
import { useApi } from '../components/useApi';
import { useModelNames } from '../components/useModels';
import { useLanguage } from '../i18n/language';
import { useRegions } from '../components/useRegions';

const loan = createColumnHelper<Loan>();
const loanColumns = (modelName: (code: string) => string) => [
  loan.accessor('vehicleCode', { header: 'common.vehicle', cell: (cell) => <VehicleLink code={cell.getValue()} /> }),
  loan.accessor('model', { header: 'common.model', cell: (cell) => modelName(cell.getValue()) }),
  loan.accessor('region', { header: 'common.region' }),
  loan.accessor('borrower', { header: 'dispatch.borrower' }),
  loan.accessor('site', { header: 'common.site' }),
  loan.accessor('dueDate', { header: 'dispatch.dueDate' }),
];

/** The dispatch board [调度]: per region what waits, what moves, what is lent out and overdue, what is delivered this week. */
export function DispatchPage() {
  const regions = useRegions();
  const { t } = useLanguage();
  const [region, setRegion] = useState('');
  const board = useApi(`board:${region}`, () => dispatch.board(region || undefined));
  const overdue = useApi('overdue', () => dispatch.overdueLoans());
  const modelName = useModelNames();
  return (
    <section>
      <h1>{t('dispatch.title')}</h1>
      <div className="filters">
        <Select label="common.region" name="region" value={region} options={regions} optionLabels="region." emptyLabel="common.all" onChange={setRegion} />
      </div>
      <Loading loaded={board}>
        {(found) => (
          <div data-testid="dispatch-board">
            <p className="muted">{t('dispatch.week', { from: found.weekStart, to: found.weekEnd })}</p>
            {found.regions.length === 0 && <p className="muted">{t('common.empty')}</p>}
            {found.regions.map((row) => (
              <RegionCard key={row.region} board={row} />
            ))}
          </div>
        )}
      </Loading>
      <h2>{t('dispatch.overdueLoans')}</h2>
      <Loading loaded={overdue}>{(found) => <DataTable rows={found.items} columns={loanColumns(modelName)} testId="overdue-loans" />}</Loading>
    </section>
  );
}

function RegionCard({ board }: { board: RegionBoard }) {
  const { t, word } = useLanguage();
  const modelName = useModelNames();
  const lists: [string, { key: string; content: ReactNode }[]][] = [
    ['dispatch.backorders', board.backorders.map((unit) => ({ key: `${unit.orderId}#${unit.unit}`, content: <><OrderLink id={unit.orderId} /> #{unit.unit} {modelName(unit.model)}</> }))],
    ['dispatch.unitsInTransit', board.unitsInTransit.map((unit) => ({ key: `${unit.orderId}#${unit.unit}`, content: <><OrderLink id={unit.orderId} /> #{unit.unit} <VehicleLink code={unit.vehicleCode} />{unit.status === 'AwaitingTransfer' && <> · {t('dispatch.awaitingTransfer')}</>}</> }))],
    ['dispatch.transfers', board.transfersInTransit.map((transfer) => ({ key: transfer.transferId, content: <><VehicleLink code={transfer.vehicleCode} /> {transfer.fromWarehouse} → {transfer.toWarehouse}</> }))],
    ['dispatch.loansOut', board.loansOut.map((out) => ({ key: out.loanId, content: <><VehicleLink code={out.vehicleCode} /> {out.borrower} ({out.dueDate})</> }))],
    ['dispatch.loansOverdue', board.loansOverdue.map((late) => ({ key: late.loanId, content: <><VehicleLink code={late.vehicleCode} /> {late.borrower} ({late.dueDate})</> }))],
    ['dispatch.deliveries', board.deliveriesThisWeek.map((delivery) => ({ key: delivery.vehicleCode, content: <><VehicleLink code={delivery.vehicleCode} /> {delivery.date} {delivery.site}</> }))],
  ];
  return (
    <article className="card" data-testid="dispatch-region" data-region={board.region}>
      <h2>
        {word('region', board.region)} · {t('dispatch.openAllocations')}: {board.openAllocations}
      </h2>
      <div className="columns">
        {lists.map(([label, items]) => (
          <div key={label} data-testid={label.replace('dispatch.', 'dispatch-')}>
            <h3>
              {t(label)} ({items.length})
            </h3>
            <ul>
              {items.map((item) => (
                <li key={item.key}>{item.content}</li>
              ))}
            </ul>
          </div>
        ))}
      </div>
    </article>
  );
}
