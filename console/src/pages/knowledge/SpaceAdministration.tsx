import { createColumnHelper } from '@tanstack/react-table';
import { useState } from 'react';
import { versionTag } from '../../api/http';
import { accessLevels, granteeKinds, knowledge, type Grant, type GranteeKind, type Space } from '../../api/knowledge';
import { allRoles } from '../../auth/auth';
import { RecordCommandForm, type CommandField } from '../../commands/CommandForm';
import type { ShownRecord } from '../../commands/useRecord';
import { DataTable } from '../../components/DataTable';
import { Select } from '../../components/Select';
import { useRegions } from '../../components/useRegions';
import { useLanguage } from '../../i18n/language';

const grant = createColumnHelper<Grant>();

/**
 * What a space's administrators change of it: who may do what in it (its grants, each granted or withdrawn), and whether
 * its revisions are published only once an approver has reviewed them. Each command sends the space's version as read
 * with its tree (`If-Match`); the tree is read again after it.
 */
export function SpaceAdministration({ space, reload }: { space: Space; reload: () => void }) {
  const { t, word } = useLanguage();
  const record: ShownRecord<Space> = { value: space, version: versionTag(space.version), replace: reload, reload };
  const columns = [
    grant.accessor('grantee.kind', { header: 'knowledge.granteeKind', cell: (cell) => word('granteeKind', cell.getValue()) }),
    grant.accessor('grantee.name', { header: 'knowledge.granteeName', cell: (cell) => granteeName(cell.row.original, word) }),
    grant.accessor('level', { header: 'knowledge.accessLevel', cell: (cell) => word('accessLevel', cell.getValue()) }),
  ];
  return (
    <>
      <h2>{t('knowledge.grants')}</h2>
      <DataTable rows={[...space.grants]} columns={columns} testId="grants" rowTestId="grant" />
      <div className="commands">
        <GrantAccess record={record} />
        <RecordCommandForm
          id="require-review"
          title={space.reviewRequired ? 'knowledge.stopReview' : 'knowledge.requireReview'}
          record={record}
          send={(_, write) => knowledge.requireReview(space.id, !space.reviewRequired, write)}
        />
      </div>
    </>
  );
}

/** The kinds of grantee named by a word of the console (a role, a region), by that word's kind. */
const wordOf: Partial<Record<GranteeKind, string>> = { Role: 'role', Region: 'region' };

/** A grantee as people know it: a role or a region in the reader's language, a team by its name, everyone by no name. */
function granteeName({ grantee }: Grant, word: (kind: string, value: string) => string): string {
  const kind = wordOf[grantee.kind];
  return grantee.name === null ? '—' : kind ? word(kind, grantee.name) : grantee.name;
}

/** Grant a level to everyone, a role, a team or a region (None withdraws it); a role or a region is chosen among those the console knows. */
function GrantAccess({ record }: { record: ShownRecord<Space> }) {
  const { word } = useLanguage();
  const regions = useRegions();
  const [grantee, setGrantee] = useState<{ kind: GranteeKind; name: string }>({ kind: 'Role', name: '' });
  const choices = grantee.kind === 'Role' ? allRoles : grantee.kind === 'Region' ? regions : undefined;
  const chosenName: CommandField = {
    name: 'name',
    label: 'knowledge.granteeName',
    render: ({ name }) => (
      <Select
        label="knowledge.granteeName"
        name={name}
        value={grantee.name}
        options={choices ?? []}
        optionLabels={`${wordOf[grantee.kind]}.`}
        emptyLabel="opportunity.choose"
        onChange={(chosen) => setGrantee({ ...grantee, name: chosen })}
      />
    ),
  };
  const fields: CommandField[] = [
    {
      name: 'kind',
      label: 'knowledge.granteeKind',
      render: ({ name }) => (
        <Select
          label="knowledge.granteeKind"
          name={name}
          value={grantee.kind}
          options={granteeKinds}
          optionLabels="granteeKind."
          // Another kind names another grantee.
          onChange={(kind) => setGrantee({ kind: kind as GranteeKind, name: '' })}
        />
      ),
    },
    // Everyone is granted without a name; a team is named as OKR's roster names it.
    ...(grantee.kind === 'Everyone' ? [] : [choices ? chosenName : { name: 'name', label: 'okr.team' }]),
    {
      name: 'level',
      label: 'knowledge.accessLevel',
      type: 'select',
      options: accessLevels.map((level) => ({ value: level, label: word('accessLevel', level) })),
    },
  ];
  return (
    <RecordCommandForm
      id="grant-access"
      title="knowledge.grantAccess"
      record={record}
      fields={fields}
      send={(values, write) =>
        knowledge.changeAccess(record.value.id, { kind: values('kind') as GranteeKind | null, name: values('name'), level: values('level') as Grant['level'] | null }, write)
      }
    />
  );
}
