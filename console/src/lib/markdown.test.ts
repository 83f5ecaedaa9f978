// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { allowedLink, recordPath, renderMarkdown } from './markdown';

/** The rendered page as a document, to ask what survived. */
function rendered(text: string) {
  const container = document.createElement('div');
  container.innerHTML = renderMarkdown(text);
  return container;
}

const hostile = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '[plain](javascript:alert(1))',
  '[mixed case](JaVaScRiPt:alert(1))',
  '[spaced](  javascript:alert(1))',
  '[entity](&#106;avascript:alert(1))',
  '[tabbed](java\tscript:alert(1))',
  '[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '![image](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
  '[vb](vbscript:msgbox(1))',
  '[file](file:///etc/passwd)',
  '<iframe src="https://example.com"></iframe>',
  '<a href="https://example.com" onclick="alert(1)">click</a>',
  '<svg onload=alert(1)>',
  '<p style="background:url(javascript:alert(1))">styled</p>',
  '<div style="position:fixed">over</div>',
  '<https://example.com" onmouseover="alert(1)>',
  '[protocol-relative](//evil.example/x)',
  '<javascript:alert(1)>',
  '<form action="https://evil.example"><input name=x></form>',
].join('\n\n');

describe('renderMarkdown', () => {
  it('renders Markdown', () => {
    const page = rendered('# 考勤制度\n\n- 工作时间：**8:30**\n\n[官网](https://jingong.example/) [内页](/orders)');
    expect(page.querySelector('h1')?.textContent).toBe('考勤制度');
    expect(page.querySelector('li strong')?.textContent).toBe('8:30');
    expect([...page.querySelectorAll('a')].map((link) => link.getAttribute('href'))).toEqual(['https://jingong.example/', '/orders']);
  });

  it('lets no script, handler, frame, style or foreign scheme through hostile Markdown', () => {
    const page = rendered(hostile);
    expect(page.querySelectorAll('script, iframe, svg, img[onerror], form, input, object, embed, style')).toHaveLength(0);
    const attributes = [...page.querySelectorAll('*')].flatMap((element) => [...element.attributes].map((attribute) => `${attribute.name}=${attribute.value}`));
    expect(attributes.filter((attribute) => /^on|^style=/i.test(attribute))).toEqual([]);
    for (const element of page.querySelectorAll('[href], [src]')) {
      const address = element.getAttribute('href') ?? element.getAttribute('src') ?? '';
      expect(address).toMatch(/^(https?:\/\/|mailto:|\/(?!\/)|#)/i);
    }
    expect(attributes.filter((attribute) => /(javascript|vbscript|data|file):/i.test(attribute))).toEqual([]);
    // What the author wrote as HTML is shown as the text it is.
    expect(page.textContent).toContain('<script>alert(1)</script>');
  });

  it('allows http(s), mailto, paths and fragments only', () => {
    for (const url of ['https://a.example', 'http://a.example', 'mailto:a@b.example', '/knowledge', '#top', './x', 'x/y', 'vehicle:JG-MT-0012']) {
      expect(allowedLink(url), url).toBe(true);
    }
    for (const url of ['javascript:alert(1)', 'JaVaScRiPt:x', 'vbscript:x', 'data:text/html,x', 'file:///x', '//evil.example', 'java\nscript:x', 'blob:x']) {
      expect(allowedLink(url), url).toBe(false);
    }
  });

  it('links records to the console pages, in running text and as link targets', () => {
    const page = rendered(
      '车辆 vehicle:JG-MT-0012 的订单 order:ORD-000123，商机 opportunity:OPP-000045，型号 model:MT-90E，参见 page:PAGE-000007。\n\n[这台车](vehicle:JG-EX-0004) `vehicle:JG-MT-0001`',
    );
    expect([...page.querySelectorAll('a')].map((link) => [link.textContent, link.getAttribute('href')])).toEqual([
      ['vehicle:JG-MT-0012', '/vehicles/JG-MT-0012'],
      ['order:ORD-000123', '/orders/ORD-000123'],
      ['opportunity:OPP-000045', '/opportunities/OPP-000045'],
      ['model:MT-90E', '/inventory?model=MT-90E'],
      ['page:PAGE-000007', '/knowledge/pages/PAGE-000007'],
      ['这台车', '/vehicles/JG-EX-0004'],
    ]);
    // In code it stays code.
    expect(page.querySelector('code')?.textContent).toBe('vehicle:JG-MT-0001');
  });

  it('names no record from a word that only ends like one', () => {
    expect(recordPath('vehicle:')).toBeUndefined();
    expect(recordPath('vehicle:<script>')).toBeUndefined();
    expect(rendered('xvehicle:JG-MT-0012').querySelectorAll('a')).toHaveLength(0);
  });
});
