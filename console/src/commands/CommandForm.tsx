import { Fragment, useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { ApiError, Versioned, Write } from '../api/http';
import { Fold } from '../components/Fold';
import { PeriodPicker } from '../components/PeriodPicker';
import { ProblemMessage } from '../components/ProblemMessage';
import { useLanguage } from '../i18n/language';
import { useCommand } from './useCommand';
import type { ShownRecord } from './useRecord';

export interface CommandField {
  name: string;
  /** A translation key. */
  label: string;
  /** `period`: a month, quarter or year as the API names it (2026-11, 2026-Q4, 2026), picked. */
  type?: 'text' | 'number' | 'date' | 'select' | 'period' | 'textarea';
  /** A select's choices; the first, empty one ("choose") is added. */
  options?: { value: string; label: string }[];
  defaultValue?: string;
  step?: string;
  /** A field that draws its own labelled input named `name` (a Markdown editor with its preview); its errors show below it. */
  render?: (input: { name: string; defaultValue?: string; invalid: boolean }) => ReactNode;
}

/** What an input of the form says: blank is null (the API names what is missing). */
export type CommandValues = (name: string) => string | null;

/** A number typed in an input, or null for blank or not a number (the API then names the field). */
export function numberOf(value: string | null): number | null {
  return value === null || Number.isNaN(Number(value)) ? null : Number(value);
}

/**
 * One command as a small form: the browser checks nothing (noValidate), the API decides, and what it refuses is shown
 * beside the field it names, or whole (a 412 `stream-moved` also calls `onStale`, so the page shows the record as it
 * now is). After success the form is cleared and `onDone` gets the API's answer.
 */
interface CommandFormProps<TAnswer> {
  id: string;
  /** A translation key: the form's legend and its button. */
  title: string;
  fields?: CommandField[];
  send: (values: CommandValues, idempotencyKey: string) => Promise<TAnswer>;
  onDone: (answer: TAnswer) => void;
  onStale?: () => void;
}

export function CommandForm<TAnswer>({ id, title, fields = [], send, onDone, onStale }: CommandFormProps<TAnswer>) {
  const { t } = useLanguage();
  const form = useRef<HTMLFormElement>(null);
  const [done, setDone] = useState(false);
  // Cleared by starting its fields afresh rather than by form.reset(), which would set a picker's controls back behind
  // its state's back.
  const [cleared, setCleared] = useState(0);
  const command = useCommand(
    (values: Record<string, string | null>, idempotencyKey: string) => send((name) => values[name] ?? null, idempotencyKey),
    fields.map((field) => field.name),
  );

  // Focus the first refused field, so that a keyboard or screen-reader user lands on what to mend.
  useEffect(() => {
    form.current?.querySelector<HTMLElement>('[aria-invalid=true]')?.focus();
  }, [command.errors]);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setDone(false);
    const data = new FormData(event.currentTarget);
    const values = Object.fromEntries(fields.map((field) => [field.name, String(data.get(field.name) ?? '').trim() || null]));
    const outcome = await command.run(values);
    if (outcome && 'answer' in outcome) {
      setCleared((count) => count + 1);
      setDone(true);
      onDone(outcome.answer);
    } else if (outcome?.refusal.status === 412) {
      onStale?.();
    }
  };

  return (
    <form ref={form} className="command" data-testid={`command-${id}`} noValidate onSubmit={(event) => void submit(event)}>
      <fieldset disabled={command.sending}>
        <legend>{t(title)}</legend>
        <Fragment key={cleared}>
          {fields.map((field) =>
            field.render ? (
              <div key={field.name} className="own-field">
                {field.render({ name: field.name, defaultValue: field.defaultValue, invalid: field.name in command.errors.fields })}
                <FieldError name={field.name} messages={command.errors.fields[field.name]} />
              </div>
            ) : field.type === 'period' ? (
              <div key={field.name} className="period-field">
                <PeriodField field={field} invalid={field.name in command.errors.fields} />
                <FieldError name={field.name} messages={command.errors.fields[field.name]} />
              </div>
            ) : (
              <label key={field.name}>
                {t(field.label)}
                {field.type === 'select' ? (
                  <select name={field.name} defaultValue={field.defaultValue ?? ''} aria-invalid={field.name in command.errors.fields}>
                    <option value="">{t('opportunity.choose')}</option>
                    {field.options?.map((option) => (
                      <option key={option.value} value={option.value}>
                        {option.label}
                      </option>
                    ))}
                  </select>
                ) : field.type === 'textarea' ? (
                  <textarea name={field.name} rows={8} defaultValue={field.defaultValue} aria-invalid={field.name in command.errors.fields} />
                ) : (
                  <input
                    name={field.name}
                    type={field.type ?? 'text'}
                    step={field.step}
                    defaultValue={field.defaultValue}
                    aria-invalid={field.name in command.errors.fields}
                  />
                )}
                <FieldError name={field.name} messages={command.errors.fields[field.name]} />
              </label>
            ),
          )}
        </Fragment>
        <button type="submit">{t(title)}</button>
      </fieldset>
      <FormProblems unmapped={command.errors.unmapped} refusal={command.refusal} />
      {done && (
        <p className="success" role="status" data-testid={`command-${id}-done`}>
          {t('command.done')}
        </p>
      )}
    </form>
  );
}

/**
 * A command on the record the page shows: sent with the version shown (`If-Match`) and one key per action; the API
 * answers the record as it now is, which the page then shows; a 412 reads the record again.
 */
export function RecordCommandForm<T>({
  record,
  send,
  ...form
}: Omit<CommandFormProps<Versioned<T>>, 'send' | 'onDone' | 'onStale'> & {
  record: ShownRecord<T>;
  send: (values: CommandValues, write: Write) => Promise<Versioned<T>>;
}) {
  return (
    <CommandForm
      {...form}
      send={(values, idempotencyKey) => send(values, { idempotencyKey, ifMatch: record.version })}
      onDone={record.replace}
      onStale={record.reload}
    />
  );
}

/** A command kept folded under its title until opened (one a page offers beside what it mostly shows). */
export function FoldedCommandForm<TAnswer>(form: CommandFormProps<TAnswer>) {
  const { t } = useLanguage();
  return (
    <Fold className="card" summary={t(form.title)}>
      <CommandForm {...form} />
    </Fold>
  );
}

/** A period field: the picker's period goes with the form under the field's name. */
function PeriodField({ field, invalid }: { field: CommandField; invalid: boolean }) {
  const [period, setPeriod] = useState(field.defaultValue ?? '');
  return (
    <>
      <PeriodPicker value={period} onChange={setPeriod} label={field.label} invalid={invalid} />
      <input type="hidden" name={field.name} value={period} />
    </>
  );
}

/** What a form's answer says beyond its fields: messages no input shows, and a refusal shown whole (with what follows from it). */
export function FormProblems({ unmapped, refusal, children }: { unmapped: string[]; refusal: ApiError | undefined; children?: ReactNode }) {
  return (
    <>
      {unmapped.length > 0 && (
        <div className="problem" data-testid="form-error" role="alert">
          {unmapped.map((message) => (
            <p key={message}>{message}</p>
          ))}
        </div>
      )}
      {refusal && (
        <div data-testid="form-error">
          <ProblemMessage error={refusal} />
          {children}
        </div>
      )}
    </>
  );
}

export function FieldError({ name, messages }: { name: string; messages: string[] | undefined }) {
  return messages ? (
    <span className="field-error" data-testid={`error-${name}`}>
      {messages.join(' ')}
    </span>
  ) : null;
}
