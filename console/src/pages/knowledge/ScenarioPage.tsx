import { createColumnHelper } from '@tanstack/react-table';
import { Link, useParams } from 'react-router';
import { climates, knowledge, mayEdit, solutionParts, type AccessLevel, type Scenario, type WorkingCondition } from '../../api/knowledge';
import { numberOf, RecordCommandForm } from '../../commands/CommandForm';
import { useRecord, type ShownRecord } from '../../commands/useRecord';
import { DataTable } from '../../components/DataTable';
import { Facts } from '../../components/Facts';
import { Fold } from '../../components/Fold';
import { Loading } from '../../components/Loading';
import { useApi } from '../../components/useApi';
import { useModelNames } from '../../components/useModels';
import { useLanguage } from '../../i18n/language';
import { formatAmount } from '../../lib/format';
import { teamOf } from '../../lib/solutions';

const condition = createColumnHelper<WorkingCondition>();

/** The path of a working condition's solution page. */
export const solutionPath = (scenarioId: string, conditionId: string) =>
  `/knowledge/scenarios/${encodeURIComponent(scenarioId)}/conditions/${encodeURIComponent(conditionId)}`;

/** A scenario with its stream's version, for its page and its working conditions' commands (`If-Match`). */
export const useScenario = (id: string) => useRecord(`scenario:${id}`, () => knowledge.scenario(id));

/** The reader's level in a space (none until it is read), for what a page offers them; the API decides all the same. */
export function useSpaceAccess(spaceId: string): AccessLevel | undefined {
  const tree = useApi(`knowledge-tree:${spaceId}`, () => knowledge.tree(spaceId));
  return tree.state === 'ready' ? tree.data.access : undefined;
}

/**
 * An application scenario [场景化方案]: what it is, the teams that keep its solution, and its working conditions [工况],
 * each leading to its solution; the space's editors add a condition (the API lets only its technical team and the
 * space's approvers).
 */
export function ScenarioPage() {
  const { id = '' } = useParams();
  const shown = useScenario(id);
  return (
    <section>
      <Loading loaded={shown}>{(record) => <ShownScenario record={record} />}</Loading>
    </section>
  );
}

function ShownScenario({ record }: { record: ShownRecord<Scenario> }) {
  const { t } = useLanguage();
  const scenario = record.value;
  const access = useSpaceAccess(scenario.spaceId);
  return (
    <>
      <h1 data-testid="scenario-name">{scenario.name}</h1>
      <div className="page-actions">
        <Link to={`/knowledge/scenarios?${new URLSearchParams({ spaceId: scenario.spaceId })}`}>{t('scenario.title')}</Link>
        <Link to={`/knowledge/spaces/${encodeURIComponent(scenario.spaceId)}`}>{t('knowledge.backToSpace')}</Link>
      </div>
      {scenario.description && <p data-testid="scenario-description">{scenario.description}</p>}
      <Facts testId="scenario-teams" facts={solutionParts.map((part) => [`scenarioTeam.${part}`, teamOf(scenario.teams, part)])} />
      <h2>{t('scenario.conditions')}</h2>
      <WorkingConditions scenario={scenario} />
      {access && mayEdit(access) && (
        <Fold className="card" summary={t('scenario.addCondition')}>
          <AddWorkingCondition record={record} />
        </Fold>
      )}
    </>
  );
}

/** A scenario's working conditions, their terms in a row each, each leading to its solution. */
function WorkingConditions({ scenario }: { scenario: Scenario }) {
  const { language, word } = useLanguage();
  const modelName = useModelNames();
  const number = (value: number) => formatAmount(value, language);
  const columns = [
    condition.accessor('terms.name', {
      header: 'condition.name',
      cell: (cell) => <Link to={solutionPath(scenario.id, cell.row.original.id)}>{cell.getValue()}</Link>,
    }),
    condition.accessor('terms.haulDistanceKm', { header: 'condition.haulDistanceKm', cell: (cell) => number(cell.getValue()) }),
    condition.accessor('terms.gradientPercent', { header: 'condition.gradientPercent', cell: (cell) => number(cell.getValue()) }),
    condition.accessor('terms.payloadTonnes', { header: 'condition.payloadTonnes', cell: (cell) => number(cell.getValue()) }),
    condition.accessor('terms.material', { header: 'condition.material' }),
    condition.accessor('terms.climate', { header: 'condition.climate', cell: (cell) => word('climate', cell.getValue()) }),
    condition.accessor('recommendations', {
      header: 'solution.recommendations',
      cell: (cell) => cell.getValue().map((recommendation) => modelName(recommendation.model)).join('、') || '—',
    }),
  ];
  return <DataTable rows={scenario.conditions} columns={columns} testId="conditions" rowTestId="condition-row" rowId={(row) => row.id} />;
}

/** A working condition as technical staff measure it, added to the scenario. */
function AddWorkingCondition({ record }: { record: ShownRecord<Scenario> }) {
  const { word } = useLanguage();
  return (
    <RecordCommandForm
      id="add-condition"
      title="scenario.addCondition"
      record={record}
      fields={[
        { name: 'name', label: 'condition.name' },
        { name: 'haulDistanceKm', label: 'condition.haulDistanceKm', type: 'number', step: '0.1' },
        { name: 'gradientPercent', label: 'condition.gradientPercent', type: 'number', step: '0.1' },
        { name: 'payloadTonnes', label: 'condition.payloadTonnes', type: 'number', step: '0.1' },
        { name: 'material', label: 'condition.material' },
        { name: 'climate', label: 'condition.climate', type: 'select', options: climates.map((climate) => ({ value: climate, label: word('climate', climate) })) },
      ]}
      send={(values, write) =>
        knowledge.addCondition(
          record.value.id,
          {
            name: values('name'),
            haulDistanceKm: numberOf(values('haulDistanceKm')),
            gradientPercent: numberOf(values('gradientPercent')),
            payloadTonnes: numberOf(values('payloadTonnes')),
            material: values('material'),
            // A value the select offers, or none (the API names it).
            climate: values('climate') as (typeof climates)[number] | null,
          },
          write,
        )
      }
    />
  );
}
