import { useState } from 'react';
import { knowledge } from '../../api/knowledge';
import { everyPage } from '../../components/ExportButtons';
import { Select } from '../../components/Select';
import { useApi } from '../../components/useApi';
import { useLanguage } from '../../i18n/language';
import { conditionsOf } from '../../lib/solutions';

/**
 * The working condition [工况] a loan is a trial for: a scenario the reader may read, then one of its conditions, sent
 * under `name`; none picked, the loan is no trial. One who may read no space of solutions is offered none.
 */
export function WorkingConditionPicker({ name, invalid }: { name: string; invalid: boolean }) {
  const { t } = useLanguage();
  const scenarios = useApi('trial-scenarios', () => everyPage((page, pageSize) => knowledge.scenarios({ page, pageSize })));
  const listed = scenarios.state === 'ready' ? scenarios.data : [];
  const [scenarioId, setScenarioId] = useState('');
  return (
    <>
      <Select
        label="lend.scenario"
        name="trialScenario"
        value={scenarioId}
        options={listed.map((scenario) => scenario.id)}
        labelOf={(id) => listed.find((scenario) => scenario.id === id)?.name ?? id}
        emptyLabel="lend.notATrial"
        onChange={setScenarioId}
      />
      <label>
        {t('lend.condition')}
        {/* Disabled, it is not sent: no scenario, no trial. */}
        <select name={name} key={scenarioId} disabled={!scenarioId} aria-invalid={invalid} data-testid="trial-condition">
          <option value="">{t('lend.notATrial')}</option>
          {conditionsOf(listed, scenarioId).map((condition) => (
            <option key={condition.value} value={condition.value}>
              {condition.label}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}
