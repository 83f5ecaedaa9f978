import DOMPurify from 'dompurify';
import MarkdownIt, { type Token } from 'markdown-it';

// A knowledge page's Markdown as HTML that is safe to put on the page. Two walls: markdown-it writes no HTML of the
// author's (`html: false`: `<script>` is text) and accepts only the links below; DOMPurify then keeps only the elements
// and attributes Markdown makes, so whatever slipped past the first wall is dropped by the second.

/** Records a page may name (`vehicle:JG-MT-0012`), each with the console page that shows it. */
const recordPaths: Record<string, (id: string) => string> = {
  vehicle: (code) => `/vehicles/${encodeURIComponent(code)}`,
  order: (id) => `/orders/${encodeURIComponent(id)}`,
  opportunity: (id) => `/opportunities/${encodeURIComponent(id)}`,
  page: (id) => `/knowledge/pages/${encodeURIComponent(id)}`,
  model: (model) => `/inventory?model=${encodeURIComponent(model)}`,
};

const recordReference = /^(vehicle|order|opportunity|page|model):([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)$/;
/** A record named in running text, not inside a word (`xvehicle:` is no reference). */
const recordInText = /(?<![A-Za-z0-9_])(vehicle|order|opportunity|page|model):([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)/g;

/** The console page of a matched reference: its kind, then its id. */
const linkTo = (match: RegExpMatchArray) => recordPaths[match[1] ?? '']?.(match[2] ?? '') ?? '';

/** The console's page for a record reference (`order:ORD-0001` → `/orders/ORD-0001`), or undefined for anything else. */
export function recordPath(reference: string): string | undefined {
  const match = recordReference.exec(reference.trim());
  return match ? linkTo(match) : undefined;
}

/** http(s), mailto, a path of this site or a fragment; nothing with another scheme (javascript:, data:, vbscript:, file: …). */
const allowedUrl = /^(?:https?:\/\/|mailto:|\/(?![/\\])|#|\.{1,2}\/|[^:/?#\\]+(?:[/?#]|$))/i;

/** Whether a link or image may point there: a record reference or an allowed URL. Control characters never. */
export function allowedLink(url: string): boolean {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(url)) {
    return false;
  }
  return recordPath(url) !== undefined || allowedUrl.test(url.trim());
}

const markdown = new MarkdownIt('default', { html: false, linkify: false, typographer: false });
const normalizeLink = markdown.normalizeLink.bind(markdown);
markdown.validateLink = allowedLink;
markdown.normalizeLink = (url) => recordPath(url) ?? normalizeLink(url);

// Records named in running text become links too (not in code, not inside a link already).
markdown.core.ruler.after('inline', 'record-links', (state) => {
  for (const block of state.tokens) {
    if (block.type !== 'inline' || !block.children) {
      continue;
    }
    const children: Token[] = [];
    let inLink = 0;
    for (const token of block.children) {
      inLink += token.type === 'link_open' ? 1 : token.type === 'link_close' ? -1 : 0;
      if (token.type !== 'text' || inLink > 0) {
        children.push(token);
        continue;
      }
      let last = 0;
      for (const match of token.content.matchAll(recordInText)) {
        const text = (content: string) => Object.assign(new state.Token('text', '', 0), { content });
        if (match.index > last) {
          children.push(text(token.content.slice(last, match.index)));
        }
        const open = new state.Token('link_open', 'a', 1);
        open.attrSet('href', linkTo(match));
        open.attrSet('class', 'record-link');
        children.push(open, text(match[0]), new state.Token('link_close', 'a', -1));
        last = match.index + match[0].length;
      }
      children.push(last === 0 ? token : Object.assign(new state.Token('text', '', 0), { content: token.content.slice(last) }));
    }
    block.children = children.filter((token) => token.type !== 'text' || token.content !== '');
  }
});

/** What Markdown makes, and nothing else. */
const allowedTags = [
  'p', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'strong', 'em', 's', 'code', 'pre', 'blockquote',
  'ul', 'ol', 'li', 'a', 'img', 'table', 'thead', 'tbody', 'tr', 'th', 'td',
];
const allowedAttributes = ['href', 'title', 'src', 'alt', 'start', 'class'];

let purifierReady = false;

function purifier() {
  if (!purifierReady) {
    // A link or image whose address is not ours to allow loses it (DOMPurify's own URI check is the third wall).
    DOMPurify.addHook('afterSanitizeAttributes', (node) => {
      for (const name of ['href', 'src']) {
        const value = node.getAttribute(name);
        if (value !== null && !allowedLink(value)) {
          node.removeAttribute(name);
        }
      }
      if (node.tagName === 'A' && /^https?:/i.test(node.getAttribute('href') ?? '')) {
        node.setAttribute('rel', 'noopener noreferrer');
      }
    });
    purifierReady = true;
  }
  return DOMPurify;
}

/** A page's Markdown as sanitised HTML: no author HTML, no script, no handlers, no style, only allowed links. */
export function renderMarkdown(text: string): string {
  return purifier().sanitize(markdown.render(text), {
    ALLOWED_TAGS: allowedTags,
    ALLOWED_ATTR: [...allowedAttributes, 'rel'],
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    FORBID_ATTR: ['style'],
  });
}
