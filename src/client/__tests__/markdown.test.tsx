import { render } from '@testing-library/react';
import React from 'react';
import { firstLine, renderMarkdown } from '../markdown';

const mount = (content: string, basename = '') => {
  const { container } = render(<div dangerouslySetInnerHTML={{ __html: renderMarkdown(content, basename) }} />);
  return container;
};

describe('message markdown', () => {
  it('renders formatting, lists and code', () => {
    const html = renderMarkdown('**bold** _it_\n\n- one\n- two\n\n`code`');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('<li>one</li>');
    expect(html).toContain('<code>code</code>');
  });

  it('keeps raw HTML as text: no script, no element with an event handler', () => {
    const container = mount('<script>window.pwned = 1</script>\n\n<img src=x onerror="window.pwned = 1">\n\n<a href="javascript:alert(1)">x</a>');
    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('a')).toBeNull();
    expect(container.querySelectorAll('[onerror], [onclick]')).toHaveLength(0);
    expect(container.textContent).toContain('<script>');
    expect((window as any).pwned).toBeUndefined();
  });

  it.each([
    ['[click](javascript:alert(1))'],
    ['[click](JaVaScRiPt:alert(1))'],
    ['[click](java\tscript:alert(1))'],
    ['[click](data:text/html;base64,PHNjcmlwdD4=)'],
    ['[click](vbscript:msgbox(1))'],
    ['[click](//evil.example/x)'],
    ['<javascript:alert(1)>'],
  ])('refuses the unsafe link %s', (content) => {
    const container = mount(content);
    const hrefs = Array.from(container.querySelectorAll('a')).map((a) => a.getAttribute('href'));
    expect(hrefs).toEqual([]);
  });

  it('refuses images from data: and javascript: and lazy-loads the others without a referrer', () => {
    expect(mount('![x](data:image/png;base64,AAAA) ![y](javascript:alert(1))').querySelector('img')).toBeNull();
    const img = mount('![chart](https://cdn.example.com/c.png)').querySelector('img');
    expect(img?.getAttribute('src')).toBe('https://cdn.example.com/c.png');
    expect(img?.getAttribute('referrerpolicy')).toBe('no-referrer');
  });

  it('opens external links in a new tab without opener', () => {
    const a = mount('[docs](https://docs.example.com) and https://auto.example.com').querySelectorAll('a');
    expect(Array.from(a).map((link) => [link.getAttribute('href'), link.target, link.rel])).toEqual([
      ['https://docs.example.com', '_blank', 'noopener noreferrer'],
      ['https://auto.example.com', '_blank', 'noopener noreferrer'],
    ]);
  });

  it('links bare addresses only with a scheme, not dotted names in error texts', () => {
    const links = mount('Cannot read context.nope.name, see www.example.com or https://example.com/help').querySelectorAll('a');
    expect(Array.from(links).map((link) => link.textContent)).toEqual(['https://example.com/help']);
  });

  it('marks app links for in-app navigation, under the router base', () => {
    const a = mount('[lead](/admin/leads/1)', '/apps/crm/').querySelector('a');
    expect(a?.getAttribute('href')).toBe('/apps/crm/admin/leads/1');
    expect(a?.getAttribute('data-app-path')).toBe('/admin/leads/1');
    expect(a?.target).toBe('');
  });
});

describe('firstLine', () => {
  it('gives the first non-empty line as plain text', () => {
    expect(firstLine('\n## **Deal** [won](/admin/deals/2) by _Ana_\nsecond')).toBe('Deal won by Ana');
  });

  it('shortens a long line with an ellipsis', () => {
    expect(firstLine('x'.repeat(300), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});
