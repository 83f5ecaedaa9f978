import { useMemo, type MouseEvent } from 'react';
import { useNavigate } from 'react-router';
import { renderMarkdown } from '../lib/markdown';

/**
 * A knowledge page's Markdown, rendered safely (lib/markdown.ts: no author HTML, sanitised, allowed links only). A click
 * on a link to one of the console's own pages (a record link) stays in the console instead of loading it afresh.
 */
export function Markdown({ text, testId }: { text: string; testId?: string }) {
  const navigate = useNavigate();
  const html = useMemo(() => renderMarkdown(text), [text]);
  const follow = (event: MouseEvent<HTMLDivElement>) => {
    const link = (event.target as Element).closest('a');
    const href = link?.getAttribute('href');
    if (href?.startsWith('/') && !event.ctrlKey && !event.metaKey && !event.shiftKey && event.button === 0) {
      event.preventDefault();
      void navigate(href);
    }
  };
  // Sanitised by renderMarkdown just above: the only HTML the console puts on a page from text its users wrote.
  return <div className="markdown" data-testid={testId} onClick={follow} dangerouslySetInnerHTML={{ __html: html }} />;
}
