import { useState } from 'react';
import type { ApiError } from '../api/http';
import { ProblemMessage } from '../components/ProblemMessage';
import { useLanguage } from '../i18n/language';
import { useCommand } from './useCommand';

/**
 * A command with nothing to fill in, as one button beside what it acts on (follow a page, mark a notification read):
 * one key per press as every command, and what the API refused shown beside it.
 */
export function CommandButton<TAnswer>({
  id,
  label,
  send,
  onDone,
}: {
  id: string;
  /** A translation key. */
  label: string;
  send: (idempotencyKey: string) => Promise<TAnswer>;
  onDone: (answer: TAnswer) => void;
}) {
  const { t } = useLanguage();
  const command = useCommand((_: string, idempotencyKey: string) => send(idempotencyKey), []);
  // Whatever the API refused, its field errors included: a button has no field to show them beside.
  const [refusal, setRefusal] = useState<ApiError>();
  const press = async () => {
    const outcome = await command.run(id);
    if (outcome) {
      setRefusal('refusal' in outcome ? outcome.refusal : undefined);
      if ('answer' in outcome) {
        onDone(outcome.answer);
      }
    }
  };
  return (
    <div className="command-button">
      <button type="button" data-testid={`command-${id}`} disabled={command.sending} onClick={() => void press()}>
        {t(label)}
      </button>
      {refusal && <ProblemMessage error={refusal} />}
    </div>
  );
}
