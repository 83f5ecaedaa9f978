import { createColumnHelper } from '@tanstack/react-table';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../api/http';
import {
  erasureKinds,
  privacy,
  type ErasureAnswer,
  type ErasureRecord,
  type ErasureRequest,
  type PersonalInformationExport,
  type PersonErasureRequested,
} from '../api/privacy';
import { mayAct, useUser } from '../auth/user';
import { FieldError, FormProblems } from '../commands/CommandForm';
import { useCommand } from '../commands/useCommand';
import { DataTable } from '../components/DataTable';
import { Facts } from '../components/Facts';
import { LoadingText } from '../components/Loading';
import { ProblemMessage } from '../components/ProblemMessage';
import { useLanguage } from '../i18n/language';
import { download } from '../lib/exporting';
import { formatInstant } from '../lib/format';
import { chinaToday } from '../lib/periods';
import { erasureComplete, erasureProgress, exportDocument, exportFileName, holdingsRows, isPersonErasure, type HoldingsRow } from '../lib/privacy';

/**
 * Personal information [个人信息] on a subject's request (PIPL arts. 45 and 47): what every service holds about a
 * person or a customer's contact, exported whole, and their erasure. Both are the administrators' alone (the gateway
 * refuses anyone else), so others are only told so.
 */
export function PrivacyPage() {
  const user = useUser();
  const { t } = useLanguage();
  return (
    <section>
      <h1>{t('privacy.title')}</h1>
      {mayAct(user) ? (
        <>
          <p className="muted">{t('privacy.intro')}</p>
          <SubjectExport />
          <EraseSubject />
        </>
      ) : (
        <p className="muted" data-testid="privacy-administrators-only">
          {t('privacy.administratorsOnly')}
        </p>
      )}
    </section>
  );
}

/**
 * An export read when asked for, not on opening: it reads personal information, which is done on a request. The latest
 * asked for is shown (a late answer to an earlier one is dropped), the one shown kept while the same subject is read
 * again.
 */
function useExportReading() {
  const [state, setState] = useState<{ reading: boolean; exported?: PersonalInformationExport; failure?: ApiError }>({ reading: false });
  const latest = useRef(0);
  const read = async (subjectId: string) => {
    const asked = ++latest.current;
    setState((current) => ({ reading: true, exported: current.exported?.subjectId === subjectId ? current.exported : undefined }));
    try {
      const exported = await privacy.export(subjectId);
      if (asked === latest.current) {
        setState({ reading: false, exported });
      }
    } catch (error) {
      if (asked === latest.current) {
        setState({ reading: false, failure: error instanceof ApiError ? error : new ApiError(0, { title: String(error) }) });
      }
    }
  };
  return { ...state, read };
}

/** An access request [个人信息查阅]: the subject's id, and what each service holds about them, or a 503 naming the service that did not answer. */
function SubjectExport() {
  const { t } = useLanguage();
  const reading = useExportReading();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const subjectId = String(new FormData(event.currentTarget).get('subjectId') ?? '').trim();
    if (subjectId) {
      void reading.read(subjectId);
    }
  };

  return (
    <>
      <h2>{t('privacy.export')}</h2>
      <form className="filters" role="search" onSubmit={submit}>
        <label>
          {t('privacy.subjectId')}
          <input type="search" name="subjectId" placeholder={t('privacy.subjectHint')} data-testid="privacy-subject" />
        </label>
        <button type="submit" data-testid="privacy-export" disabled={reading.reading}>
          {t('privacy.exportAction')}
        </button>
      </form>
      {reading.reading && !reading.exported && <LoadingText />}
      {reading.failure && <ProblemMessage error={reading.failure} />}
      {reading.exported && <HeldAbout exported={reading.exported} />}
    </>
  );
}

const held = createColumnHelper<HoldingsRow>();

/** What the export holds, counted per service, with each service's erasure of the subject; the whole document a click away. */
function HeldAbout({ exported }: { exported: PersonalInformationExport }) {
  const { t, language, word } = useLanguage();
  const rows = holdingsRows(exported);
  const columns = [
    held.accessor('service', { header: 'privacy.service', cell: (cell) => word('service', cell.getValue()) }),
    held.accessor('events', { header: 'privacy.events' }),
    held.accessor('recordedBySubject', { header: 'privacy.recordedBySubject' }),
    held.accessor('documents', { header: 'privacy.documents' }),
    held.accessor((row) => row.erasure?.erasedAt, {
      id: 'erasedAt',
      header: 'privacy.erasedAt',
      cell: (cell) => (cell.getValue() ? formatInstant(cell.getValue(), language) : t('privacy.notErased')),
    }),
    held.accessor((row) => row.erasure?.pseudonym, { id: 'pseudonym', header: 'privacy.pseudonym', cell: (cell) => cell.getValue() ?? '—' }),
    held.accessor((row) => row.erasure?.reference, { id: 'reference', header: 'privacy.reference', cell: (cell) => cell.getValue() ?? '—' }),
  ];

  return (
    <div className="card" data-testid="privacy-export-summary" data-subject={exported.subjectId}>
      <Facts
        facts={[
          ['privacy.subjectId', exported.subjectId],
          ['privacy.exportedAt', formatInstant(exported.exportedAt, language)],
        ]}
      />
      <DataTable rows={rows} columns={columns} testId="privacy-holdings" rowTestId="privacy-service" rowId={(row) => row.service} />
      <div className="export">
        {/* The subject gets the document as the gateway answered it: every event and document, not only the counts. */}
        <button type="button" data-testid="privacy-download" onClick={() => download(exportFileName(exported.subjectId, chinaToday()), exportDocument(exported))}>
          {t('privacy.downloadJson')}
        </button>
      </div>
    </div>
  );
}

/** The erasure form's inputs, named as the gateway names its fields (its errors land on them). */
const fields = ['kind', 'subjectId', 'reason', 'reference'] as const;
type Field = (typeof fields)[number];

/** What the inputs say, as the gateway reads it: blank is null (it names what is missing). */
function readErasure(form: HTMLFormElement): ErasureRequest {
  const data = new FormData(form);
  const text = (name: Field) => String(data.get(name) ?? '').trim() || null;
  return { kind: text('kind'), subjectId: text('subjectId'), reason: text('reason'), reference: text('reference') };
}

/**
 * An erasure [删除个人信息]: who, why, and the request's reference. A request that may erase is confirmed first, since
 * nothing brings the subject back; the gateway checks the rest (noValidate), its errors shown on the inputs they name.
 * The answer is the owner's: a person's erasure sent on to every service (whose progress is read from the export), or a
 * contact's done by orders at once.
 */
function EraseSubject() {
  const { t, word } = useLanguage();
  const form = useRef<HTMLFormElement>(null);
  // The request awaiting the administrator's confirmation; the inputs are locked meanwhile, so it is what they say.
  const [confirming, setConfirming] = useState<ErasureRequest>();
  const [answer, setAnswer] = useState<{ answer: ErasureAnswer; subjectId: string }>();
  const erasing = useCommand((erasure: ErasureRequest) => privacy.erase(erasure), fields);
  const { errors, refusal, sending } = erasing;

  // Focus the first refused input, so that a keyboard or screen-reader user lands on what to mend.
  useEffect(() => {
    form.current?.querySelector<HTMLElement>('[aria-invalid=true]')?.focus();
  }, [errors]);

  const send = async (erasure: ErasureRequest) => {
    setConfirming(undefined);
    const outcome = await erasing.run(erasure);
    if (outcome && 'answer' in outcome) {
      form.current?.reset();
      setAnswer({ answer: outcome.answer, subjectId: erasure.subjectId ?? '' });
    }
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setAnswer(undefined);
    const erasure = readErasure(event.currentTarget);
    if (erasureComplete(erasure)) {
      setConfirming(erasure);
    } else {
      void send(erasure);
    }
  };

  const locked = confirming !== undefined || sending;
  const input = (name: Exclude<Field, 'kind'>, label: string, hint?: string) => (
    <label>
      {t(label)}
      <input name={name} placeholder={hint && t(hint)} disabled={locked} aria-invalid={name in errors.fields} />
      <FieldError name={name} messages={errors.fields[name]} />
    </label>
  );

  return (
    <>
      <h2>{t('privacy.erase')}</h2>
      <form ref={form} className="form" data-testid="erasure-form" noValidate onSubmit={submit}>
        <label>
          {t('privacy.kind')}
          <select name="kind" defaultValue="" disabled={locked} aria-invalid={'kind' in errors.fields}>
            <option value="">{t('opportunity.choose')}</option>
            {erasureKinds.map((kind) => (
              <option key={kind} value={kind}>
                {t(`privacy.kind.${kind}`)}
              </option>
            ))}
          </select>
          <FieldError name="kind" messages={errors.fields.kind} />
        </label>
        {input('subjectId', 'privacy.subjectId', 'privacy.subjectHint')}
        {input('reason', 'privacy.reason')}
        {input('reference', 'privacy.reference', 'privacy.referenceHint')}
        <FormProblems unmapped={errors.unmapped} refusal={refusal} />
        <button type="submit" data-testid="erasure-submit" disabled={locked}>
          {t('privacy.eraseAction')}
        </button>
      </form>
      {confirming && (
        <div className="banner" role="alert" data-testid="erasure-confirmation">
          <p>
            <strong>{t('privacy.confirmTitle', { id: confirming.subjectId ?? '', kind: word('privacy.kind', confirming.kind ?? '') })}</strong>{' '}
            {t('privacy.cannotBeUndone')}
          </p>
          <p>
            {t('privacy.reason')}: {confirming.reason} · {t('privacy.reference')}: {confirming.reference}
          </p>
          <button type="button" data-testid="erasure-confirm" onClick={() => void send(confirming)}>
            {t('privacy.confirm')}
          </button>
          {/* The safe choice has the focus: Enter on arriving here erases nothing. */}
          <button type="button" data-testid="erasure-back" autoFocus onClick={() => setConfirming(undefined)}>
            {t('privacy.back')}
          </button>
        </div>
      )}
      {answer &&
        (isPersonErasure(answer.answer) ? <PersonErasureSent requested={answer.answer} /> : <ContactErased id={answer.subjectId} erasure={answer.answer} />)}
    </>
  );
}

/** A person's erasure on its way to every service, and how far it has got: a fresh export says which services recorded it. */
function PersonErasureSent({ requested }: { requested: PersonErasureRequested }) {
  const { t, language, word } = useLanguage();
  const progress = useExportReading();
  const shown = progress.exported && erasureProgress(progress.exported);
  return (
    <div className="card" data-testid="erasure-sent" data-person={requested.personId} data-pseudonym={requested.pseudonym}>
      <p className="success" role="status">
        {t('privacy.personSent', {
          id: requested.personId,
          pseudonym: requested.pseudonym,
          reference: requested.reference,
          at: formatInstant(requested.requestedAt, language),
        })}
      </p>
      <button type="button" data-testid="erasure-progress-check" disabled={progress.reading} onClick={() => void progress.read(requested.personId)}>
        {t('privacy.checkProgress')}
      </button>
      {progress.failure && <ProblemMessage error={progress.failure} />}
      {shown && (
        <div data-testid="erasure-progress" data-pending={shown.pending.length}>
          <ul>
            {shown.erased.map(({ service, erasure }) => (
              <li key={service} data-service={service} data-erased="true">
                {t('privacy.erasedIn', { service: word('service', service), at: formatInstant(erasure.erasedAt, language), events: erasure.eventsMasked })}
              </li>
            ))}
            {shown.emptied.map((service) => (
              <li key={service} data-service={service} data-erased="true">
                {t('privacy.emptiedIn', { service: word('service', service) })}
              </li>
            ))}
            {shown.pending.map((service) => (
              <li key={service} data-service={service} data-erased="false">
                {t('privacy.pendingIn', { service: word('service', service) })}
              </li>
            ))}
          </ul>
          <p className="muted">{shown.pending.length === 0 ? t('privacy.erasedEverywhere') : t('privacy.stillPending', { count: shown.pending.length })}</p>
        </div>
      )}
    </div>
  );
}

/** A customer's contact erased by orders, the registry's owner, at once: its record there. */
function ContactErased({ id, erasure }: { id: string; erasure: ErasureRecord }) {
  const { t, language, word } = useLanguage();
  return (
    <div className="card" data-testid="contact-erased" data-pseudonym={erasure.pseudonym}>
      <p className="success" role="status">
        {t('privacy.contactErased', { id, pseudonym: erasure.pseudonym })}
      </p>
      <Facts
        facts={[
          ['privacy.pseudonym', erasure.pseudonym],
          ['privacy.kind', word('privacy.kind', erasure.kind)],
          ['privacy.reason', erasure.reason],
          ['privacy.reference', erasure.reference],
          ['privacy.eventsMasked', erasure.eventsMasked],
          ['privacy.erasedAt', formatInstant(erasure.erasedAt, language)],
        ]}
      />
    </div>
  );
}
