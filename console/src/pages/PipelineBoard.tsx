import { useState, type DragEvent } from 'react';
import { ApiError, versionTag } from '../api/http';
import { ActionKeys } from '../api/idempotency';
import { orders, type Opportunity, type OpportunityStage } from '../api/orders';
import { mayAct, useUser } from '../auth/user';
import { Loading } from '../components/Loading';
import { CustomerLink, OpportunityLink } from '../components/links';
import { ProblemMessage } from '../components/ProblemMessage';
import { useApi } from '../components/useApi';
import { useLanguage } from '../i18n/language';
import { formatAmount } from '../lib/format';
import { chinaToday } from '../lib/periods';

/** The columns of the board: the open stages, and won (a drop there is the "won" command). */
const columns: OpportunityStage[] = ['Lead', 'Qualified', 'Proposal', 'Negotiation', 'Won'];
const perColumn = 100;

/** A refused move: the card is back where it was, and this says why. */
interface Refusal {
  id: string;
  error: ApiError;
}

/**
 * The pipeline as a kanban [看板] by stage: sales drag a card to another stage (the stage command, sent with the
 * version the card shows) or onto "won"; a refusal puts the card back and says why. Cards whose expected close date
 * has passed are flagged.
 */
export function PipelineBoard({ region }: { region: string }) {
  const { t, language } = useLanguage();
  const user = useUser();
  const [reads, setReads] = useState(0);
  const board = useApi(`pipeline-board:${region}:${reads}`, async () => {
    const pages = await Promise.all(columns.map((stage) => orders.opportunities({ stage, region: region || undefined, page: 1, pageSize: perColumn })));
    return pages.flatMap((page) => page.items);
  });
  // Cards moved here and not yet answered or read again, by id: the board shows them where they were dropped.
  const [moved, setMoved] = useState<Record<string, OpportunityStage>>({});
  const [refusal, setRefusal] = useState<Refusal>();
  const [keys] = useState(() => new ActionKeys());
  const movable = mayAct(user, 'sales-rep', 'regional-manager');
  const today = chinaToday();

  const drop = async (event: DragEvent<HTMLElement>, to: OpportunityStage, cards: Opportunity[]) => {
    event.preventDefault();
    const card = cards.find((opportunity) => opportunity.id === event.dataTransfer.getData('text/plain'));
    if (!card || (moved[card.id] ?? card.stage) === to) {
      return;
    }
    setRefusal(undefined);
    setMoved((current) => ({ ...current, [card.id]: to }));
    const write = { idempotencyKey: keys.keyFor({ id: card.id, to, version: card.version }), ifMatch: versionTag(card.version) };
    try {
      await (to === 'Won' ? orders.winOpportunity(card.id, write) : orders.moveOpportunity(card.id, to, write));
    } catch (error) {
      setRefusal({ id: card.id, error: error instanceof ApiError ? error : new ApiError(0, { title: String(error) }) });
    } finally {
      keys.answered();
      setMoved((current) => {
        const { [card.id]: _, ...others } = current;
        return others;
      });
      setReads((count) => count + 1);
    }
  };

  return (
    <Loading loaded={board}>
      {(cards) => (
        <>
          {refusal && (
            <div data-testid="board-refusal" data-id={refusal.id}>
              <p>{t('pipeline.moveRefused', { id: refusal.id })}</p>
              <ProblemMessage error={refusal.error} />
            </div>
          )}
          <div className="kanban" data-testid="pipeline-board">
            {columns.map((stage) => {
              const inColumn = cards.filter((card) => (moved[card.id] ?? card.stage) === stage);
              return (
                <section
                  key={stage}
                  className="kanban-column"
                  data-testid="board-column"
                  data-stage={stage}
                  aria-label={t(`stage.${stage}`)}
                  // Both cancelled, as the HTML drag-and-drop model asks of a drop target.
                  onDragEnter={(event) => movable && event.preventDefault()}
                  onDragOver={(event) => movable && event.preventDefault()}
                  onDrop={(event) => void drop(event, stage, cards)}
                >
                  <h3>
                    {t(`stage.${stage}`)} ({inColumn.length})
                  </h3>
                  {inColumn.map((card) => {
                    const overdue = stage !== 'Won' && card.expectedCloseDate < today;
                    return (
                      <article
                        key={card.id}
                        className={overdue ? 'kanban-card overdue' : 'kanban-card'}
                        data-testid="board-card"
                        data-id={card.id}
                        data-overdue={overdue}
                        draggable={movable && stage !== 'Won'}
                        onDragStart={(event) => {
                          event.dataTransfer.setData('text/plain', card.id);
                          event.dataTransfer.effectAllowed = 'move';
                        }}
                      >
                        <OpportunityLink id={card.id} />
                        <CustomerLink id={card.customerId} name={card.customer} />
                        <span>{formatAmount(card.expectedAmount, language)}</span>
                        <span>
                          {card.expectedCloseDate}
                          {overdue && <strong> · {t('pipeline.overdue')}</strong>}
                        </span>
                      </article>
                    );
                  })}
                </section>
              );
            })}
          </div>
        </>
      )}
    </Loading>
  );
}
