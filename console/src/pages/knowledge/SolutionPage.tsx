import { createColumnHelper } from '@tanstack/react-table';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import {
  knowledge,
  mayEdit,
  type LostOpportunity,
  type ModelTrials,
  type Recommendation,
  type Scenario,
  type Solution,
  type SolutionSection,
  type TrialLine,
} from '../../api/knowledge';
import { CommandForm, RecordCommandForm } from '../../commands/CommandForm';
import type { ShownRecord } from '../../commands/useRecord';
import { Chart } from '../../components/Chart';
import { DataTable } from '../../components/DataTable';
import { trialBars } from '../../components/drawings';
import { Facts } from '../../components/Facts';
import { Fold } from '../../components/Fold';
import { LoadingText } from '../../components/Loading';
import { loadMarkdown, Markdown } from '../../components/Markdown';
import { OpportunityLink, VehicleLink } from '../../components/links';
import { ProblemMessage } from '../../components/ProblemMessage';
import { useAddressQuery, type AddressQuery } from '../../components/useAddressQuery';
import { modelLabel, useModelNames, useModels } from '../../components/useModels';
import { useReloadable } from '../../components/useReloadable';
import { useLanguage } from '../../i18n/language';
import { formatAmount, formatInstant } from '../../lib/format';
import { trialEvents } from '../../lib/solutions';
import { MarkdownEditor } from './PageEditor';
import { useScenario, useSpaceAccess } from './ScenarioPage';

const trial = createColumnHelper<ModelTrials>();
const line = createColumnHelper<TrialLine>();
const lost = createColumnHelper<LostOpportunity>();

/**
 * A working condition's solution [场景化方案], now or as of a day (kept in the address): the condition's terms; its
 * technical, brand and marketing sections, each written by its team as a page of the space; the models recommended and
 * why; each model's live trial figures, loan by loan with the events behind them, and drawn; and the scenario's lost
 * opportunities beside the marketing section. The technical team recommends and withdraws models here.
 */
export function SolutionPage() {
  const { id = '', conditionId = '' } = useParams();
  const query = useAddressQuery();
  // The renderer's script comes while the solution is read.
  void loadMarkdown();
  const asOf = query.get('asOf');
  const solution = useReloadable(`solution:${id}:${conditionId}:${asOf ?? ''}`, () => knowledge.solution(id, conditionId, asOf));
  const scenario = useScenario(id);
  const { t } = useLanguage();
  const loaded = solution.loaded;
  if (loaded.state === 'ready') {
    return (
      <section data-testid="solution" data-as-of={loaded.data.asOf}>
        <ShownSolution
          solution={loaded.data}
          query={query}
          // A command answers the scenario as it now is; the solution is read again, its figures with it.
          scenario={
            scenario.state === 'ready'
              ? {
                  ...scenario.data,
                  replace: (answer) => {
                    scenario.data.replace(answer);
                    solution.reload();
                  },
                }
              : undefined
          }
          reload={solution.reload}
        />
      </section>
    );
  }
  // Still read, or refused (a day before the condition was added): the day can be picked again.
  return (
    <section>
      <h1>{t('solution.title')}</h1>
      <AsOfDay query={query} />
      {loaded.state === 'error' ? <ProblemMessage error={loaded.error} /> : <LoadingText />}
    </section>
  );
}

function ShownSolution({ solution, query, scenario, reload }: { solution: Solution; query: AddressQuery; scenario?: ShownRecord<Scenario>; reload: () => void }) {
  const { t, language, word } = useLanguage();
  const access = useSpaceAccess(solution.spaceId);
  const { condition } = solution;
  const number = (value: number) => formatAmount(value, language);
  return (
    <>
      <h1 data-testid="solution-title">{t('solution.heading', { condition: condition.terms.name })}</h1>
      <div className="page-actions">
        <Link to={`/knowledge/scenarios/${encodeURIComponent(solution.scenarioId)}`}>{solution.scenarioName}</Link>
        <span className="muted">{t('solution.shownAsOf', { at: formatInstant(solution.asOf, language) })}</span>
      </div>
      <AsOfDay query={query} />
      <Facts
        testId="condition-terms"
        facts={[
          ['condition.haulDistanceKm', number(condition.terms.haulDistanceKm)],
          ['condition.gradientPercent', number(condition.terms.gradientPercent)],
          ['condition.payloadTonnes', number(condition.terms.payloadTonnes)],
          ['condition.material', condition.terms.material],
          ['condition.climate', word('climate', condition.terms.climate)],
        ]}
      />
      {solution.sections.map((section) => (
        <Section key={section.part} solution={solution} section={section} onWritten={reload}>
          {section.part === 'Marketing' && <LostOpportunities found={solution.lostOpportunities} />}
        </Section>
      ))}
      <h2>{t('solution.recommendations')}</h2>
      <Recommendations recommendations={condition.recommendations} keeping={scenario && access && mayEdit(access) ? { scenario, conditionId: condition.id } : undefined} />
      <h2>{t('solution.trials')}</h2>
      <Chart testId="chart-trials" loaded={{ state: 'ready', data: solution.trials }} draw={(trials) => trialBars(trials, t)} exportAs={`trials-${condition.id}`} />
      <Trials trials={solution.trials} />
    </>
  );
}

/** The day the solution is read as of (the end of it, China time; none: now), kept in the address and read as soon as it is picked whole. */
function AsOfDay({ query }: { query: AddressQuery }) {
  const { t } = useLanguage();
  const asOf = query.get('asOf');
  return (
    <div className="filters">
      <label>
        {t('common.asOf')}
        <input type="date" name="asOf" data-testid="solution-as-of" value={asOf ?? ''} onChange={(event) => query.set({ asOf: event.target.value })} />
      </label>
      {asOf && (
        <button type="button" data-testid="solution-now" onClick={() => query.set({ asOf: '' })}>
          {t('solution.now')}
        </button>
      )}
    </div>
  );
}

/**
 * A section of the solution as readers see it now, whatever day the figures are read as of: its current revision and
 * the page it is kept on, by its team; not written yet, a form to write it, offered to everyone (the API lets only its
 * team and the space's approvers).
 */
function Section({ solution, section, onWritten, children }: { solution: Solution; section: SolutionSection; onWritten: () => void; children?: ReactNode }) {
  const { t, language, word } = useLanguage();
  const { part, revision } = section;
  return (
    <article className="card" data-testid="solution-section" data-part={part} data-written={section.written}>
      <h2>{word('solutionPart', part)}</h2>
      <p className="muted">
        {t('solution.keptBy', { team: section.team })}
        {section.written && (
          <>
            {' · '}
            <Link to={`/knowledge/pages/${encodeURIComponent(section.pageId)}`} data-testid="section-page">
              {t('solution.openPage')}
            </Link>
          </>
        )}
      </p>
      {revision ? (
        <>
          <h3 data-testid="section-title">{revision.title}</h3>
          <p className="muted">{t('knowledge.revisionBy', { number: revision.number, author: revision.author, at: formatInstant(revision.publishedAt, language) })}</p>
          <Markdown text={revision.body} testId="section-body" />
        </>
      ) : (
        <p className="muted">{t(section.written ? 'solution.awaitingApproval' : 'solution.notWritten')}</p>
      )}
      {!section.written && (
        <Fold summary={t('solution.writeSection')}>
          <CommandForm
            id={`write-section-${part}`}
            title="solution.writeSection"
            fields={[
              { name: 'title', label: 'knowledge.pageTitle' },
              { name: 'body', label: 'knowledge.body', render: (input) => <MarkdownEditor {...input} /> },
            ]}
            send={(values, key) =>
              knowledge.writeSection(solution.scenarioId, solution.condition.id, part, { title: values('title'), body: values('body') }, key)
            }
            onDone={onWritten}
          />
        </Fold>
      )}
      {children}
    </article>
  );
}

/** What the technical team may do from the page: the scenario as it is now, with its version, and the condition. */
interface Keeping {
  scenario: ShownRecord<Scenario>;
  conditionId: string;
}

/**
 * The models recommended as of the day read, and why. The technical team withdraws one that stands now, saying why,
 * and recommends another of the catalogue; each command is sent with the scenario's version (`If-Match`).
 */
function Recommendations({ recommendations, keeping }: { recommendations: Recommendation[]; keeping?: Keeping }) {
  const { t, language } = useLanguage();
  const modelName = useModelNames();
  const standing = keeping?.scenario.value.conditions.find((each) => each.id === keeping.conditionId)?.recommendations ?? [];
  return (
    <>
      {recommendations.length === 0 ? (
        <p className="muted">{t('common.empty')}</p>
      ) : (
        <ul className="cards" data-testid="recommendations">
          {recommendations.map((recommendation) => (
            <li key={recommendation.model} className="card" data-testid="recommendation" data-model={recommendation.model}>
              <strong>{modelName(recommendation.model)}</strong>
              <p>{recommendation.rationale}</p>
              <small className="muted">{t('solution.recommendedBy', { person: recommendation.recommendedBy, at: formatInstant(recommendation.recommendedAt, language) })}</small>
              {keeping && standing.some((each) => each.model === recommendation.model) && (
                <Fold summary={t('solution.withdraw')}>
                  <RecordCommandForm
                    id={`withdraw-${recommendation.model}`}
                    title="solution.withdraw"
                    record={keeping.scenario}
                    fields={[{ name: 'reason', label: 'solution.withdrawReason', type: 'textarea' }]}
                    send={(values, write) =>
                      knowledge.withdrawRecommendation(keeping.scenario.value.id, keeping.conditionId, recommendation.model, values('reason'), write)
                    }
                  />
                </Fold>
              )}
            </li>
          ))}
        </ul>
      )}
      {keeping && <RecommendModel keeping={keeping} />}
    </>
  );
}

function RecommendModel({ keeping: { scenario, conditionId } }: { keeping: Keeping }) {
  const { t } = useLanguage();
  const models = useModels();
  return (
    <Fold className="card" summary={t('solution.recommend')}>
      <RecordCommandForm
        id="recommend"
        title="solution.recommend"
        record={scenario}
        fields={[
          { name: 'model', label: 'common.model', type: 'select', options: (models.state === 'ready' ? models.data : []).map((model) => ({ value: model.model, label: modelLabel(model) })) },
          { name: 'rationale', label: 'solution.rationale', type: 'textarea' },
        ]}
        send={(values, write) => knowledge.recommend(scenario.value.id, conditionId, { model: values('model'), rationale: values('rationale') }, write)}
      />
    </Fold>
  );
}

/** Each model recommended or tried: its trials summed, and the loans behind them a click away. */
function Trials({ trials }: { trials: ModelTrials[] }) {
  const { t, language } = useLanguage();
  const modelName = useModelNames();
  const yesNo = (value: boolean) => t(value ? 'common.yes' : 'common.no');
  const number = (value: number) => formatAmount(value, language);
  const columns = [
    trial.accessor('model', { header: 'common.model', cell: (cell) => modelName(cell.getValue()) }),
    trial.accessor('recommended', { header: 'solution.recommended', cell: (cell) => yesNo(cell.getValue()) }),
    trial.accessor('trials', { header: 'solution.trials' }),
    trial.accessor('units', { header: 'common.units' }),
    trial.accessor('daysOnTrial', { header: 'solution.daysOnTrial', cell: (cell) => number(cell.getValue()) }),
    trial.accessor('operatingHours', { header: 'solution.operatingHours', cell: (cell) => number(cell.getValue()) }),
    trial.accessor('hoursPerDay', { header: 'solution.hoursPerDay', cell: (cell) => (cell.getValue() === null ? '—' : number(cell.getValue()!)) }),
    trial.accessor('won', { header: 'solution.won' }),
  ];
  return (
    <>
      <DataTable rows={trials} columns={columns} testId="trials" rowTestId="trial-row" rowId={(row) => row.model} />
      {trials
        .filter((model) => model.lines.length > 0)
        .map((model) => (
          <div key={model.model} data-testid="trial-lines" data-model={model.model}>
            <Fold summary={t('solution.trialLines', { model: modelName(model.model), count: model.lines.length })}>
              <TrialLines lines={model.lines} />
            </Fold>
          </div>
        ))}
    </>
  );
}

/** A model's trials loan by loan. The console has no page of a loan: its id is shown as dispatch names it. */
function TrialLines({ lines }: { lines: TrialLine[] }) {
  const { t, language, word } = useLanguage();
  const number = (value: number) => formatAmount(value, language);
  const columns = [
    line.accessor('loanId', { header: 'solution.loan' }),
    line.accessor('vehicleCode', { header: 'common.vehicle', cell: (cell) => <VehicleLink code={cell.getValue()} /> }),
    line.accessor('region', { header: 'common.region', cell: (cell) => word('region', cell.getValue()) }),
    line.accessor('borrower', { header: 'vehicle.borrower' }),
    line.accessor('openedAt', { header: 'solution.openedAt', cell: (cell) => formatInstant(cell.getValue(), language) }),
    line.accessor('closedAt', { header: 'solution.closedAt', cell: (cell) => formatInstant(cell.getValue(), language) || t('solution.stillOut') }),
    line.accessor('days', { header: 'solution.days', cell: (cell) => number(cell.getValue()) }),
    line.accessor('operatingHours', { header: 'solution.operatingHours', cell: (cell) => number(cell.getValue()) }),
    line.accessor('opportunityId', { header: 'solution.opportunity', cell: (cell) => (cell.getValue() ? <OpportunityLink id={cell.getValue()!} /> : '—') }),
    line.accessor('won', { header: 'solution.won', cell: (cell) => t(cell.getValue() ? 'common.yes' : 'common.no') }),
    line.display({ id: 'events', header: 'solution.events', cell: (cell) => <TrialEvents line={cell.row.original} /> }),
  ];
  return <DataTable rows={lines} columns={columns} testId="trial-line-table" rowTestId="trial-line" rowId={(row) => row.loanId} />;
}

/** The events a line's figures come from, each by its id, folded: they are for whoever checks a figure. */
function TrialEvents({ line: shown }: { line: TrialLine }) {
  const { t, word } = useLanguage();
  const events = trialEvents(shown);
  return (
    <details className="events">
      <summary>{t('solution.eventCount', { count: events.length })}</summary>
      <ul>
        {events.map((event) => (
          <li key={event.id} data-testid="trial-event" data-kind={event.kind}>
            {word('trialEvent', event.kind)} <code className="data">{event.id}</code>
          </li>
        ))}
      </ul>
    </details>
  );
}

/** The scenario's recent lost opportunities, for the marketing talk tracks: who, where, which models, why, and whether a trial served it. */
function LostOpportunities({ found }: { found: LostOpportunity[] }) {
  const { t, language, word } = useLanguage();
  const modelName = useModelNames();
  const columns = [
    lost.accessor('opportunityId', { header: 'solution.opportunity', cell: (cell) => <OpportunityLink id={cell.getValue()} /> }),
    lost.accessor('customer', { header: 'common.customer' }),
    lost.accessor('region', { header: 'common.region', cell: (cell) => word('region', cell.getValue()) }),
    lost.accessor('models', { header: 'common.model', cell: (cell) => cell.getValue().map(modelName).join('、') }),
    lost.accessor('reason', { header: 'opportunity.lostReason' }),
    lost.accessor('lostAt', { header: 'solution.lostAt', cell: (cell) => formatInstant(cell.getValue(), language) }),
    lost.accessor('tried', { header: 'solution.tried', cell: (cell) => t(cell.getValue() ? 'common.yes' : 'common.no') }),
  ];
  return (
    <>
      <h3 className="table-title">{t('solution.lostOpportunities')}</h3>
      <DataTable rows={found} columns={columns} testId="lost-opportunities" rowTestId="lost-opportunity" rowId={(row) => row.opportunityId} />
    </>
  );
}
