import { useState } from 'react';
import { okr, type FillRate, type Person } from '../api/okr';
import { mayAct, useUser } from '../auth/user';
import { ExportableTable, type ShownColumn } from '../components/ExportButtons';
import { Loading } from '../components/Loading';
import { PeriodPicker } from '../components/PeriodPicker';
import { Select } from '../components/Select';
import { useApi } from '../components/useApi';
import { useReloadable } from '../components/useReloadable';
import { useLanguage } from '../i18n/language';
import { formatRatio } from '../lib/format';
import { chinaQuarter } from '../lib/periods';
import { teamsOf } from '../lib/roster';
import { ObjectiveTree } from './okr/ObjectiveTree';
import { everyObjective, owningRoles, SetObjective, type BoardActions } from './okr/OkrCommands';

type TeamRow = FillRate['teams'][number];

/** The OKR board [看板] of a period: objectives nested as they are aligned, with progress and scores, and the fill rate [填写率]. */
export function OkrPage() {
  const { t } = useLanguage();
  const user = useUser();
  const [period, setPeriod] = useState(chinaQuarter);
  const [teamShown, setTeamShown] = useState('');
  const [personShown, setPersonShown] = useState('');
  const people = useApi('okr-people', () => okr.people());
  const roster: Person[] = people.state === 'ready' ? people.data.items : [];
  // Read again after any command (progress and scores move up the tree), the board staying as it is meanwhile.
  const board = useReloadable(`okr-board:${period}:${teamShown}:${personShown}`, () =>
    okr.board(period, { team: teamShown || undefined, person: personShown || undefined }),
  );
  const fillRate = useApi(`fill-rate:${period}`, () => okr.fillRate(period));
  const nameOf = (id: string) => roster.find((person) => person.id === id)?.name ?? id;
  return (
    <section>
      <h1>{t('okr.title')}</h1>
      <div className="filters">
        <PeriodPicker value={period} onChange={setPeriod} />
        {/* One filter at a time, as the API takes them: choosing a team clears the person and the other way round. */}
        <Select label="okr.team" name="team" value={teamShown} options={teamsOf(roster)} emptyLabel="common.all"
          onChange={(chosen) => { setTeamShown(chosen); setPersonShown(''); }} />
        <Select label="okr.person" name="person" value={personShown} options={roster.map((person) => person.id)} labelOf={nameOf} emptyLabel="common.all"
          onChange={(chosen) => { setPersonShown(chosen); setTeamShown(''); }} />
      </div>
      <Loading loaded={board.loaded}>
        {(found) => {
          const actions: BoardActions = { owns: mayAct(user, ...owningRoles), objectives: everyObjective(found.roots), onChanged: board.reload };
          return (
            <div data-testid="okr-board" data-period={found.period}>
              <p className="muted">{t('okr.summary', { objectives: found.objectives, keyResults: found.keyResults, stale: found.staleKeyResults })}</p>
              {/* Keyed by the period: another period shown starts the form afresh with it. */}
              {actions.owns && <SetObjective key={found.period} period={found.period} roster={roster} actions={actions} />}
              {found.roots.length === 0 ? <p className="muted">{t('common.empty')}</p> : <ObjectiveTree objectives={found.roots} actions={actions} />}
            </div>
          );
        }}
      </Loading>
      <h2>{t('okr.fillRate')}</h2>
      <Loading loaded={fillRate}>
        {(found) => (
          <div data-testid="fill-rate">
            <p>
              {t('okr.fillRate')}: <strong>{formatRatio(found.rate)}</strong> ({found.filled} / {found.people})
            </p>
            <ExportableTable name={`fill-rate-${found.period}`} rows={found.teams} columns={teamColumns} testId="fill-rate-teams" />
          </div>
        )}
      </Loading>
    </section>
  );
}

/** Each team's fill rate, shown and exported alike: the rate as a number in the file, missing people by name. */
const teamColumns: ShownColumn<TeamRow>[] = [
  { header: 'okr.team', value: (row) => row.team },
  { header: 'okr.people', value: (row) => row.people },
  { header: 'okr.filled', value: (row) => row.filled },
  { header: 'okr.fillRate', value: (row) => row.rate, shown: (row) => formatRatio(row.rate) },
  { header: 'okr.missing', value: (row) => row.missing.map((person) => person.name).join(', ') },
];
