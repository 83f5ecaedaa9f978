import { useEffect, useMemo, useState, type MouseEvent } from 'react';
import { useNavigate } from 'react-router';
import { LoadingText } from './Loading';

type Renderer = (text: string) => string;

let renderer: Promise<Renderer> | undefined;

/**
 * markdown-it and DOMPurify (~140 kB), loaded when a page first needs them, as ECharts is: a page that shows Markdown
 * calls this as it mounts, so the script comes while its data is read rather than after.
 */
export const loadMarkdown = () => (renderer ??= import('../lib/markdown').then((module) => module.renderMarkdown));

/**
 * A knowledge page's Markdown, rendered safely (lib/markdown.ts: no author HTML, sanitised, allowed links only). A click
 * on a link to one of the console's own pages (a record link) stays in the console instead of loading it afresh.
 */
export function Markdown({ text, testId }: { text: string; testId?: string }) {
  const navigate = useNavigate();
  const [render, setRender] = useState<Renderer>();
  useEffect(() => {
    let current = true;
    void loadMarkdown().then((loaded) => current && setRender(() => loaded));
    return () => {
      current = false;
    };
  }, []);
  const html = useMemo(() => render?.(text), [render, text]);
  if (html === undefined) {
    return <LoadingText />;
  }
  const follow = (event: MouseEvent<HTMLDivElement>) => {
    const link = (event.target as Element).closest('a');
    const href = link?.getAttribute('href');
    if (href?.startsWith('/') && !event.ctrlKey && !event.metaKey && !event.shiftKey && event.button === 0) {
      event.preventDefault();
      void navigate(href);
    }
  };
  // Sanitised by renderMarkdown: the only HTML the console puts on a page from text its users wrote.
  return <div className="markdown" data-testid={testId} onClick={follow} dangerouslySetInnerHTML={{ __html: html }} />;
}
