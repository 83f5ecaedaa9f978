import { createColumnHelper } from '@tanstack/react-table';
import { useState } from 'react';
import { useParams } from 'react-router';
import type { Versioned, Write } from '../api/http';
import { orders, type Opportunity, type Order } from '../api/orders';
import { mayAct, useUser } from '../auth/user';
import { CommandForm, numberOf, RecordCommandForm, type CommandField } from '../commands/CommandForm';
import { useRecord, type ShownRecord } from '../commands/useRecord';
import { DataTable } from '../components/DataTable';
import { Facts } from '../components/Facts';
import { Loading } from '../components/Loading';
import { CustomerLink, DealLink, OrderLink } from '../components/links';
import { useModelNames } from '../components/useModels';
import { useLanguage } from '../i18n/language';
import { formatAmount, formatInstant } from '../lib/format';

const line = createColumnHelper<Opportunity['lines'][number]>();

const openStages = ['Lead', 'Qualified', 'Proposal', 'Negotiation'] as const;

/** One opportunity [商机]: what was filed, where it stands, and what sales may do with it next. */
export function OpportunityPage() {
  const { id = '' } = useParams();
  const { t, language, word } = useLanguage();
  const opportunity = useRecord(`opportunity:${id}`, () => orders.opportunity(id));
  const modelName = useModelNames();
  const columns = [
    line.accessor('model', { header: 'common.model', cell: (cell) => modelName(cell.getValue()) }),
    line.accessor('quantity', { header: 'common.quantity' }),
  ];
  return (
    <section>
      <h1>{t('opportunity.title', { id })}</h1>
      <div className="page-actions">
        <DealLink id={id}>{t('deal.link')}</DealLink>
      </div>
      <Loading loaded={opportunity}>
        {(shown) => {
          const found = shown.value;
          return (
          <>
            <Facts
              testId="opportunity"
              facts={[
                ['opportunity.stage', t(`stage.${found.stage}`)],
                ['common.customer', <CustomerLink id={found.customerId} name={found.customer} />],
                ['common.region', word('region', found.region)],
                ['common.salesRep', found.salesRep],
                ['opportunity.expectedAmount', formatAmount(found.expectedAmount, language)],
                ['opportunity.expectedCloseDate', found.expectedCloseDate],
                ['opportunity.filedAt', formatInstant(found.filedAt, language)],
                ['opportunity.lostReason', found.lostReason ?? '—'],
                ['common.order', found.orderId ? <OrderLink id={found.orderId} /> : '—'],
              ]}
            />
            <h2>{t('opportunity.lines')}</h2>
            <DataTable rows={found.lines} columns={columns} />
            <OpportunityCommands opportunity={shown} />
          </>
          );
        }}
      </Loading>
    </section>
  );
}

/**
 * What a sales rep or regional manager does from here: move an open opportunity, win or lose it, reopen a closed one,
 * place the order of a won one. Each sends the version the page shows (`If-Match`).
 */
function OpportunityCommands({ opportunity: shown }: { opportunity: ShownRecord<Opportunity> }) {
  const { t } = useLanguage();
  const user = useUser();
  const [placed, setPlaced] = useState<Order>();
  const modelName = useModelNames();
  if (!mayAct(user, 'sales-rep', 'regional-manager')) {
    return null;
  }

  const opportunity = shown.value;
  const id = opportunity.id;
  const open = (openStages as readonly string[]).includes(opportunity.stage);
  const orderLines: CommandField[] = opportunity.lines.map((item, index) => ({
    name: `unitPrice-${index}`,
    label: `${t('order.unitPrice')} · ${modelName(item.model)} × ${item.quantity}`,
    type: 'number',
    step: '0.01',
  }));
  // Losing and reopening both say why.
  const withReason = (command: string, title: string, send: (id: string, reason: string | null, write: Write) => Promise<Versioned<Opportunity>>) => (
    <RecordCommandForm id={command} title={title} record={shown} fields={[{ name: 'reason', label: 'opportunity.reason' }]} send={(values, write) => send(id, values('reason'), write)} />
  );

  return (
    <>
      <h2>{t('command.title')}</h2>
      <div className="commands">
        {open && (
          <>
            <RecordCommandForm
              id="move"
              title="opportunity.move"
              record={shown}
              fields={[
                {
                  name: 'stage',
                  label: 'opportunity.stage',
                  type: 'select',
                  options: openStages.filter((stage) => stage !== opportunity.stage).map((stage) => ({ value: stage, label: t(`stage.${stage}`) })),
                },
              ]}
              send={(values, write) => orders.moveOpportunity(id, values('stage'), write)}
            />
            <RecordCommandForm id="win" title="opportunity.win" record={shown} send={(_, write) => orders.winOpportunity(id, write)} />
            {withReason('lose', 'opportunity.lose', orders.loseOpportunity)}
          </>
        )}
        {!open && withReason('reopen', 'opportunity.reopen', orders.reopenOpportunity)}
        {opportunity.stage === 'Won' && !opportunity.orderId && (
          <CommandForm
            id="place-order"
            title="opportunity.placeOrder"
            fields={[{ name: 'deliverySite', label: 'order.deliverySite' }, ...orderLines]}
            send={(values, key) =>
              orders.placeOrder(
                {
                  opportunityId: id,
                  deliverySite: values('deliverySite'),
                  lines: opportunity.lines.map((item, index) => ({
                    model: item.model,
                    quantity: item.quantity,
                    unitPrice: numberOf(values(`unitPrice-${index}`)),
                  })),
                },
                key,
              )
            }
            onDone={(order) => {
              setPlaced(order);
              // The opportunity learns its order from the order's event: read it again.
              shown.reload();
            }}
          />
        )}
      </div>
      {placed && (
        <p className="success" data-testid="order-placed" data-id={placed.id}>
          {t('opportunity.orderPlaced')} <OrderLink id={placed.id} />
        </p>
      )}
    </>
  );
}
