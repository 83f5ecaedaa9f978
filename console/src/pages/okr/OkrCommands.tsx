import { okr, type KeyResultLine, type ObjectiveLine, type OwnerKind, type Person } from '../../api/okr';
import { CommandForm, FoldedCommandForm, numberOf, type CommandField } from '../../commands/CommandForm';
import { Fold } from '../../components/Fold';
import { useLanguage } from '../../i18n/language';
import { periodEnded } from '../../lib/periods';
import { teamsOf } from '../../lib/roster';

// What owners do from the OKR board: set objectives, define and align them, check in and score key results. The API
// decides whose objectives each may write; the board reads itself again after each (progress and scores move up the tree).

/** The roles that own objectives (services/Okr Writers.OwningRoles). */
export const owningRoles = ['sales-rep', 'regional-manager', 'dispatcher', 'finance', 'fleet-operations', 'executive'];

/** What the board's commands need: who may write, the objectives on the board to align to, and a way to read it again. */
export interface BoardActions {
  owns: boolean;
  objectives: ObjectiveLine[];
  onChanged: () => void;
}

/** Every objective of the tree, parents before their children. */
export const everyObjective = (roots: ObjectiveLine[]): ObjectiveLine[] => roots.flatMap((objective) => [objective, ...everyObjective(objective.children)]);
const objectiveChoices = (objectives: ObjectiveLine[], except?: string) =>
  objectives.filter((objective) => objective.id !== except && !objective.context).map((objective) => ({ value: objective.id, label: `${objective.title} (${objective.period})` }));

/** Sets an objective of the period shown (or another picked) for a person or a team, aligned to one on the board or to none. */
export function SetObjective({ period, roster, actions }: { period: string; roster: Person[]; actions: BoardActions }) {
  const { t } = useLanguage();
  const owners = [
    ...roster.map((person) => ({ value: `Person:${person.id}`, label: `${person.name} (${person.team})` })),
    ...teamsOf(roster).map((name) => ({ value: `Team:${name}`, label: `${t('okr.team')}: ${name}` })),
  ];
  return (
    <FoldedCommandForm
      id="set-objective"
      title="okr.setObjective"
      fields={[
        { name: 'title', label: 'okr.objectiveTitle' },
        { name: 'period', label: 'common.period', type: 'period', defaultValue: period },
        { name: 'owner', label: 'okr.owner', type: 'select', options: owners },
        { name: 'parentId', label: 'okr.alignTo', type: 'select', options: objectiveChoices(actions.objectives) },
        { name: 'weight', label: 'okr.weight', type: 'number', step: 'any' },
      ]}
      send={(values, key) => {
        // "Person:li.wei" or "Team:Sales East"; none chosen: the API names both fields.
        const [ownerKind, owner] = (values('owner') ?? ':').split(/:(.*)/) as ['' | OwnerKind, string];
        return okr.setObjective(
          { title: values('title'), period: values('period'), ownerKind: ownerKind || null, owner: owner || null, parentId: values('parentId'), weight: numberOf(values('weight')) },
          key,
        );
      }}
      onDone={actions.onChanged}
    />
  );
}

/** What an objective's owners and their managers do with it: define a key result checked in by hand, align it elsewhere. */
export function ObjectiveCommands({ objective, actions }: { objective: ObjectiveLine; actions: BoardActions }) {
  const { t } = useLanguage();
  const keyResultFields: CommandField[] = [
    { name: 'title', label: 'okr.keyResultTitle' },
    { name: 'start', label: 'okr.start', type: 'number', step: 'any', defaultValue: '0' },
    { name: 'target', label: 'okr.target', type: 'number', step: 'any' },
    { name: 'unit', label: 'okr.unit' },
    { name: 'weight', label: 'okr.weight', type: 'number', step: 'any' },
  ];
  return (
    <Fold className="objective-commands" summary={t('command.title')}>
      <div className="commands">
        <CommandForm
          id={`define-key-result-${objective.id}`}
          title="okr.defineKeyResult"
          fields={keyResultFields}
          send={(values, key) =>
            okr.defineKeyResult(
              objective.id,
              { title: values('title'), start: numberOf(values('start')), target: numberOf(values('target')), unit: values('unit'), weight: numberOf(values('weight')) },
              key,
            )
          }
          onDone={actions.onChanged}
        />
        <CommandForm
          id={`align-${objective.id}`}
          title="okr.align"
          fields={[{ name: 'parentId', label: 'okr.alignTo', type: 'select', options: objectiveChoices(actions.objectives, objective.id) }]}
          send={(values, key) => okr.align(objective.id, values('parentId'), key)}
          onDone={actions.onChanged}
        />
      </div>
    </Fold>
  );
}

/**
 * What is done with a key result: one moved by hand (no metric bound) is checked in, and once its period is over its
 * owner's managers score it (the score then stands, frozen).
 */
export function KeyResultCommands({ keyResult, period, actions }: { keyResult: KeyResultLine; period: string; actions: BoardActions }) {
  const { t } = useLanguage();
  if (!actions.owns || keyResult.frozen) {
    return null;
  }
  return (
    <>
      {keyResult.binding === null && (
        <Fold className="check-in" summary={t('okr.checkIn')}>
          <CommandForm
            id={`check-in-${keyResult.id}`}
            title="okr.checkIn"
            fields={[
              { name: 'value', label: 'okr.value', type: 'number', step: 'any', defaultValue: String(keyResult.value) },
              { name: 'confidence', label: 'okr.confidence', type: 'number', step: '0.1', defaultValue: keyResult.confidence === null ? '' : String(keyResult.confidence) },
              { name: 'note', label: 'okr.note' },
            ]}
            send={(values, key) => okr.checkIn(keyResult.id, { value: numberOf(values('value')), confidence: numberOf(values('confidence')), note: values('note') }, key)}
            onDone={actions.onChanged}
          />
        </Fold>
      )}
      {periodEnded(period) && (
        <Fold className="score-key-result" summary={t('okr.scoreIt')}>
          <CommandForm
            id={`score-${keyResult.id}`}
            title="okr.scoreIt"
            fields={[
              { name: 'score', label: 'okr.score', type: 'number', step: '0.1', defaultValue: keyResult.score.toFixed(1) },
              { name: 'reason', label: 'opportunity.reason' },
            ]}
            send={(values, key) => okr.score(keyResult.id, { score: numberOf(values('score')), reason: values('reason') }, key)}
            onDone={actions.onChanged}
          />
        </Fold>
      )}
    </>
  );
}
