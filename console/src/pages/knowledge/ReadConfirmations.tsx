import { createColumnHelper } from '@tanstack/react-table';
import { useState } from 'react';
import { Link } from 'react-router';
import { afterPageReads, versionTag } from '../../api/http';
import { knowledge, mayAdminister, type AccessLevel, type KnowledgePage, type ReadRate, type Space } from '../../api/knowledge';
import { okr } from '../../api/okr';
import { CommandButton } from '../../commands/CommandButton';
import { RecordCommandForm } from '../../commands/CommandForm';
import { DataTable } from '../../components/DataTable';
import { Fold } from '../../components/Fold';
import { Loading } from '../../components/Loading';
import { useApi } from '../../components/useApi';
import { useReloadable } from '../../components/useReloadable';
import { useLanguage } from '../../i18n/language';
import { formatInstant, formatRatio } from '../../lib/format';
import { teamsOf } from '../../lib/roster';

const pageLink = (id: string) => `/knowledge/pages/${encodeURIComponent(id)}`;

/**
 * The pages the reader is asked to confirm reading [阅读确认] and has not, oldest first, each leading to the page:
 * shown on the knowledge base's home only when there are some.
 */
export function PendingReadings() {
  const { t, language } = useLanguage();
  const pending = useApi('knowledge-pending-readings', knowledge.pendingReadings);
  return (
    <Loading loaded={pending}>
      {(pages) =>
        pages.length > 0 && (
          <>
            <h2>{t('knowledge.toConfirm')}</h2>
            <ul data-testid="pending-readings">
              {pages.map((reading) => (
                <li key={reading.pageId} data-testid="pending-reading" data-page={reading.pageId} data-revision={reading.revision}>
                  <Link to={pageLink(reading.pageId)}>{reading.title}</Link>{' '}
                  <small className="muted">
                    {reading.spaceName} · {t('knowledge.revisionNumber', { number: reading.revision })} · {formatInstant(reading.publishedAt, language)}
                  </small>
                </li>
              ))}
            </ul>
          </>
        )
      }
    </Loading>
  );
}

/**
 * Over a page the reader is asked to confirm reading, while they read the revision asked for: a banner with the button
 * that confirms it. Asked after the page's own reads, so the page's text is never kept waiting for it.
 */
export function ConfirmReading({ page }: { page: KnowledgePage }) {
  const { t } = useLanguage();
  const pending = useReloadable(`knowledge-pending-readings:${page.id}`, () => afterPageReads().then(knowledge.pendingReadings));
  const asked = pending.loaded.state === 'ready' ? pending.loaded.data.find((reading) => reading.pageId === page.id) : undefined;
  if (!asked || asked.revision !== page.revision?.number) {
    return null;
  }
  return (
    <div className="banner" role="status" data-testid="read-confirmation" data-revision={asked.revision}>
      <span>{t('knowledge.confirmReadingAsked', { number: asked.revision })}</span>
      <CommandButton id="confirm-reading" label="knowledge.confirmReading" send={(key) => knowledge.confirmReading(page.id, asked.revision, key)} onDone={pending.reload} />
    </div>
  );
}

/**
 * Read confirmation in a space, for its approvers: the teams asked to confirm reading its pages, and the read rate —
 * per team, with who is missing which pages, and per page; for its administrators, the teams asked, chosen among the
 * roster's.
 */
export function SpaceReadConfirmation({ space, access, reload }: { space: Space; access: AccessLevel; reload: () => void }) {
  const { t } = useLanguage();
  const asked = space.confirmingTeams;
  return (
    <>
      <h2>{t('knowledge.readConfirmation')}</h2>
      <p data-testid="confirming-teams" data-teams={asked.join('\n')}>
        {asked.length > 0 ? t('knowledge.teamsAsked', { teams: asked.join(' · ') }) : t('knowledge.nobodyAsked')}
      </p>
      {asked.length > 0 && <SpaceReadRate space={space} />}
      {mayAdminister(access) && (
        <Fold className="card" summary={t('knowledge.askTeams')}>
          <ConfirmingTeams space={space} reload={reload} />
        </Fold>
      )}
    </>
  );
}

const teamRate = createColumnHelper<ReadRate['byTeam'][number]>();
const pageRate = createColumnHelper<ReadRate['byPage'][number]>();

function SpaceReadRate({ space }: { space: Space }) {
  const { t } = useLanguage();
  // Read again whenever the space changed (the teams asked).
  const rate = useApi(`knowledge-read-rate:${space.id}:${space.version}`, () => knowledge.readRate(space.id));
  return (
    <Loading loaded={rate}>
      {(found) => {
        const titles = new Map(found.byPage.map((reading) => [reading.pageId, reading.title]));
        const teamColumns = [
          teamRate.accessor('team', { header: 'okr.team' }),
          teamRate.accessor('people', { header: 'okr.people' }),
          teamRate.accessor('confirmed', { header: 'knowledge.confirmed' }),
          teamRate.accessor('rate', { header: 'knowledge.readRate', cell: (cell) => formatRatio(cell.getValue()) }),
          teamRate.accessor('missing', {
            header: 'knowledge.unconfirmed',
            cell: (cell) => (
              <ul className="missing">
                {cell.getValue().map((person) => (
                  <li key={person.id} data-testid="missing-person" data-person={person.id}>
                    {t('knowledge.missingPages', { name: person.name, pages: person.pages.map((id) => titles.get(id) ?? id).join(' · ') })}
                  </li>
                ))}
              </ul>
            ),
          }),
        ];
        const pageColumns = [
          pageRate.accessor('title', { header: 'knowledge.pageTitle', cell: (cell) => <Link to={pageLink(cell.row.original.pageId)}>{cell.getValue()}</Link> }),
          pageRate.accessor('revision', { header: 'knowledge.revision' }),
          pageRate.accessor('confirmed', { header: 'knowledge.confirmed', cell: (cell) => `${cell.getValue()} / ${cell.row.original.people}` }),
          pageRate.accessor('rate', { header: 'knowledge.readRate', cell: (cell) => formatRatio(cell.getValue()) }),
        ];
        return (
          <div data-testid="read-rate" data-people={found.people} data-confirmed={found.confirmed}>
            <p>{t('knowledge.readRateSummary', { rate: formatRatio(found.rate), confirmed: found.confirmed, people: found.people, pages: found.pages })}</p>
            <h3 className="table-title">{t('knowledge.byTeam')}</h3>
            <DataTable rows={found.byTeam} columns={teamColumns} testId="read-rate-teams" rowTestId="read-rate-team" />
            <h3 className="table-title">{t('knowledge.byPage')}</h3>
            <DataTable rows={found.byPage} columns={pageColumns} testId="read-rate-pages" rowTestId="read-rate-page" />
          </div>
        );
      }}
    </Loading>
  );
}

/** The teams asked to confirm reading, ticked among the roster's (and those asked already); none ticked: nobody is asked. */
function ConfirmingTeams({ space, reload }: { space: Space; reload: () => void }) {
  const people = useApi('okr-people', () => okr.people());
  return (
    <Loading loaded={people}>
      {(roster) => (
        <RecordCommandForm
          id="confirming-teams"
          title="knowledge.askTeams"
          record={{ value: space, version: versionTag(space.version), replace: reload, reload }}
          fields={[
            {
              name: 'teams',
              label: 'knowledge.teams',
              // Started afresh with the teams the space asks once they change.
              render: ({ name }) => <TeamChoice key={space.confirmingTeams.join('\n')} name={name} teams={teamsOf(roster.items, space.confirmingTeams)} asked={space.confirmingTeams} />,
            },
          ]}
          send={(values, write) => knowledge.requireReadConfirmation(space.id, values('teams')?.split('\n') ?? [], write)}
        />
      )}
    </Loading>
  );
}

/** A box per team, the ticked ones going with the form under `name`, one a line (as the period field sends its period). */
function TeamChoice({ name, teams, asked }: { name: string; teams: string[]; asked: readonly string[] }) {
  const { t } = useLanguage();
  const [ticked, setTicked] = useState(() => new Set(asked));
  const toggle = (chosen: string) =>
    setTicked((current) => {
      const next = new Set(current);
      if (!next.delete(chosen)) {
        next.add(chosen);
      }
      return next;
    });
  return (
    <fieldset className="choices">
      <legend>{t('knowledge.teams')}</legend>
      {teams.map((choice) => (
        <label key={choice}>
          <input type="checkbox" value={choice} checked={ticked.has(choice)} onChange={() => toggle(choice)} />
          {choice}
        </label>
      ))}
      <input type="hidden" name={name} value={teams.filter((choice) => ticked.has(choice)).join('\n')} />
    </fieldset>
  );
}
