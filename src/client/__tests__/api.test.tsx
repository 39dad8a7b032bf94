import { inboxRequests, streamUrl } from '../api';

describe('inbox requests', () => {
  const api = { request: jest.fn(async () => ({ data: { data: [{ id: 3 }], meta: { nextCursor: 3 } } })) };
  const requests = inboxRequests(api);

  it('sends only the list parameters that are set', async () => {
    expect(await requests.messages({ status: 'all', before: null, channelName: null })).toEqual({ items: [{ id: 3 }], nextCursor: 3 });
    expect(api.request).toHaveBeenLastCalledWith({ url: 'myInboxMessages:list', method: 'get', params: {} });
    await requests.channels({ status: 'unread', before: 9 });
    expect(api.request).toHaveBeenLastCalledWith({ url: 'myInboxChannels:list', method: 'get', params: { status: 'unread', before: 9 } });
  });

  it('names messages by id for read state and delete, and a channel for mark-all', async () => {
    await requests.markRead([1, 2]);
    expect(api.request).toHaveBeenLastCalledWith({ url: 'myInboxMessages:markRead', method: 'post', params: { filterByTk: '1,2' } });
    await requests.destroy([5]);
    expect(api.request).toHaveBeenLastCalledWith({ url: 'myInboxMessages:destroy', method: 'post', params: { filterByTk: '5' } });
    await requests.markAllRead('sales');
    expect(api.request).toHaveBeenLastCalledWith({ url: 'myInboxMessages:markAllRead', method: 'post', params: { channelName: 'sales' } });
  });

  it('sends a preferences patch as the action values', async () => {
    await requests.updatePreferences({ toasts: false });
    expect(api.request).toHaveBeenLastCalledWith({ url: 'myInboxPreferences:set', method: 'post', data: { toasts: false } });
  });
});

describe('streamUrl', () => {
  it.each([
    [undefined, '/api/myInboxMessages:stream'],
    ['/api/', '/api/myInboxMessages:stream'],
    ['/api', '/api/myInboxMessages:stream'],
    ['https://crm.example.com/api/', 'https://crm.example.com/api/myInboxMessages:stream'],
    ['/api/__app/sub/', '/api/__app/sub/myInboxMessages:stream'],
  ])('puts the stream under %p', (base, url) => {
    expect(streamUrl(base)).toBe(url);
  });
});
