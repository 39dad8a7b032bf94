import { viewTarget } from '../links';

describe('viewTarget', () => {
  it('keeps app paths as router paths and builds their href under the base', () => {
    expect(viewTarget('/admin/leads/1?tab=2', '/')).toEqual({ kind: 'app', path: '/admin/leads/1?tab=2', href: '/admin/leads/1?tab=2' });
    expect(viewTarget('/admin/leads/1', '/apps/crm/')).toEqual({ kind: 'app', path: '/admin/leads/1', href: '/apps/crm/admin/leads/1' });
  });

  it('does not prefix the router base twice', () => {
    expect(viewTarget('/apps/crm/admin/x', '/apps/crm')).toEqual({ kind: 'app', path: '/admin/x', href: '/apps/crm/admin/x' });
  });

  it('sends http(s) URLs to another tab', () => {
    expect(viewTarget('https://example.com/a', '/')).toEqual({ kind: 'external', href: 'https://example.com/a' });
  });

  it.each(['javascript:alert(1)', 'data:text/html,x', '//evil.com', '/\\evil.com', 'admin/x', '', null, 42])('refuses %p', (url) => {
    expect(viewTarget(url, '/')).toBeNull();
  });
});
