import { createColumnHelper } from '@tanstack/react-table';
import { useParams } from 'react-router';
import { orders, type Opportunity } from '../api/orders';
import { DataTable } from '../components/DataTable';
import { Facts } from '../components/Facts';
import { Loading } from '../components/Loading';
import { OrderLink } from '../components/links';
import { useApi } from '../components/useApi';
import { useLanguage } from '../i18n/language';
import { formatAmount, formatInstant } from '../lib/format';

const line = createColumnHelper<Opportunity['lines'][number]>();
const columns = [line.accessor('model', { header: 'common.model' }), line.accessor('quantity', { header: 'common.quantity' })];

/** One opportunity [商机]: what was filed and where it stands. */
export function OpportunityPage() {
  const { id = '' } = useParams();
  const { t, language } = useLanguage();
  const opportunity = useApi(`opportunity:${id}`, () => orders.opportunity(id));
  return (
    <section>
      <h1>{t('opportunity.title', { id })}</h1>
      <Loading loaded={opportunity}>
        {(found) => (
          <>
            <Facts
              testId="opportunity"
              facts={[
                ['opportunity.stage', t(`stage.${found.stage}`)],
                ['common.customer', found.customer],
                ['common.region', found.region],
                ['common.salesRep', found.salesRep],
                ['opportunity.expectedAmount', formatAmount(found.expectedAmount, language)],
                ['opportunity.expectedCloseDate', found.expectedCloseDate],
                ['opportunity.filedAt', formatInstant(found.filedAt, language)],
                ['common.order', found.orderId ? <OrderLink id={found.orderId} /> : '—'],
              ]}
            />
            <h2>{t('opportunity.lines')}</h2>
            <DataTable rows={found.lines} columns={columns} />
          </>
        )}
      </Loading>
    </section>
  );
}
