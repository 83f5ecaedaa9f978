import { useState } from 'react';
import type { Versioned, Write } from '../../api/http';
import type { KnowledgePage } from '../../api/knowledge';
import { RecordCommandForm } from '../../commands/CommandForm';
import type { ShownRecord } from '../../commands/useRecord';
import { Markdown } from '../../components/Markdown';
import { useLanguage } from '../../i18n/language';

/** A page's title and text as written in the editor (blank: null, which the API names). */
export interface PageText {
  title: string | null;
  body: string | null;
}

/**
 * A page's title and Markdown text in the editor, sent as one command on the page: a revision published, or a draft
 * saved. It starts from `text` (the revision read, or the draft).
 */
export function PageTextForm({
  id,
  title,
  record,
  text,
  send,
}: {
  id: string;
  /** A translation key: the form's legend and its button. */
  title: string;
  record: ShownRecord<KnowledgePage>;
  text: { title: string; body: string };
  send: (text: PageText, write: Write) => Promise<Versioned<KnowledgePage>>;
}) {
  return (
    <RecordCommandForm
      id={id}
      title={title}
      record={record}
      fields={[
        { name: 'title', label: 'knowledge.pageTitle', defaultValue: text.title },
        { name: 'body', label: 'knowledge.body', defaultValue: text.body, render: (input) => <MarkdownEditor {...input} /> },
      ]}
      send={(values, write) => send({ title: values('title'), body: values('body') }, write)}
    />
  );
}

/** The Markdown editor: the text with a live preview, rendered as readers will see it. */
export function MarkdownEditor({ name, defaultValue, invalid }: { name: string; defaultValue?: string; invalid: boolean }) {
  const { t } = useLanguage();
  const [text, setText] = useState(defaultValue ?? '');
  return (
    <div className="editor-panes">
      <label>
        {t('knowledge.body')}
        <textarea name={name} rows={16} value={text} data-testid="editor-body" onChange={(event) => setText(event.target.value)} aria-invalid={invalid} />
      </label>
      <div>
        <span>{t('knowledge.preview')}</span>
        <Markdown text={text} testId="editor-preview" />
      </div>
    </div>
  );
}
