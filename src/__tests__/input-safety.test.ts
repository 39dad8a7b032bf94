import { MockServer } from '@nocobase/test';
import { COLLECTIONS } from '../shared/constants';
import { InboxError } from '../server/services/errors';
import { parseReceivers } from '../server/services/validation/receivers';
import { classifyLink } from '../shared/safe-url';
import { createChannel, createInboxApp, createUsers, inboxOf, userId } from './test-utils';

/** Text and links that could deceive a reader or break a database, on the database the env names. */
describe('text and links that cannot deceive', () => {
  let app: MockServer;
  let owner: any;

  beforeAll(async () => {
    app = await createInboxApp({ acl: true });
    [owner] = await createUsers(app, 1);
    await createChannel(app, 'leads');
  });
  afterAll(async () => app?.destroy());

  const send = (input: Record<string, unknown>) =>
    inboxOf(app).send({ channelName: 'leads', receivers: [userId(owner)], title: 'ok', ...input });

  const refusal = async (input: Record<string, unknown>) => {
    const before = await app.db.getModel(COLLECTIONS.messages).count();
    const error = await send(input).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InboxError);
    expect((error as InboxError).status).toBe(400);
    expect(await app.db.getModel(COLLECTIONS.messages).count()).toBe(before);
    return { field: (error as InboxError).field, message: (error as InboxError).message };
  };

  it.each([
    ['NUL in the title', { title: 'a\u0000b' }, 'title'],
    ['NUL in the content', { content: 'x\u0000y' }, 'content'],
    ['NUL in the link', { url: '/admin/\u0000' }, 'url'],
    ['NUL in options', { options: { note: 'a\u0000' } }, 'options'],
    ['NUL in the channel name', { channelName: 'le\u0000ads' }, 'channelName'],
  ])('refuses %s with a 400 naming the field, writing nothing', async (_label, input, field) => {
    expect((await refusal(input)).field).toBe(field);
  });

  it.each([
    ['ESC (an ANSI colour)', 'Paid \u001b[31mOVERDUE'],
    ['BEL', 'ding\u0007'],
    ['a line break', 'first\nsecond'],
    ['a carriage return', 'first\rsecond'],
    ['a tab', 'a\tb'],
    ['DEL', 'a\u007fb'],
    ['a C1 control', 'a\u0085b'],
    ['a right-to-left override', 'Invoice \u202Egpj.exe'],
    ['a bidi isolate', 'Invoice \u2067gpj.exe\u2069'],
    ['a right-to-left mark', 'a\u200fb'],
  ])('refuses a title with %s, naming title', async (_label, title) => {
    const { field, message } = await refusal({ title });
    expect(field).toBe('title');
    expect(message).toMatch(/control/);
  });

  it.each([['\u200b\u200b'], ['\u200b \ufeff\u2060'], ['\u00ad'], [' \u3164 ']])(
    'takes a title of only invisible characters (%j) as missing',
    async (title) => {
      expect(await refusal({ title })).toEqual({ field: 'title', message: 'title: is required' });
    },
  );

  it('keeps tabs and line breaks in content and strips its other controls and bidi characters, code blocks too', async () => {
    const content = 'line 1\n\tindented\r\n```\nif (ok \u202E) {}\n```\nbell\u0007 esc\u001b[0m del\u007f c1\u0085 lrm\u200e';
    const [message] = await send({ content });
    expect(message.content).toBe('line 1\n\tindented\r\n```\nif (ok ) {}\n```\nbell esc[0m del c1 lrm');
    const row = (await app.db.getModel(COLLECTIONS.messages).findByPk(message.id, { raw: true })) as any;
    expect(row.content).toBe(message.content);
  });

  it.each([
    'https://admin.nocobase.example@evil.example/login',
    'https://user:pass@evil.example/',
    'http://:secret@evil.example/',
  ])('refuses a link with credentials: %s', async (url) => {
    expect(classifyLink(url)).toBeNull();
    expect((await refusal({ url })).field).toBe('url');
  });

  it('holds buttons to the same rules: no control or bidi characters in a label, no credentials in a link', async () => {
    expect((await refusal({ actions: [{ key: 'ok', title: 'Ap\u202Eprove' }] })).field).toBe('actions[0].title');
    expect((await refusal({ actions: [{ key: 'ok', title: 'Ok', url: 'https://a.example@evil.example/' }] })).field).toBe(
      'actions[0].url',
    );
  });

  it('checks the 2,048-character limit on the link as encoded, not as typed', async () => {
    const accented = `https://example.com/${'é'.repeat(400)}`; // 420 typed, 2,420 once percent-encoded
    expect(accented.length).toBeLessThan(2048);
    expect((await refusal({ url: accented })).field).toBe('url');
    expect((await refusal({ url: `/admin/${'é'.repeat(400)}` })).field).toBe('url');
    const [fits] = await send({ url: `https://example.com/${'é'.repeat(300)}` });
    expect(fits.url?.length).toBeLessThanOrEqual(2048);
    expect((await refusal({ url: '/admin/\ud800' })).field).toBe('url');
  });
});

describe('receivers say whom they mean', () => {
  it('takes a record with an id as that user, even when it has a `role` or `filter` field', () => {
    expect(parseReceivers([{ id: 7, role: 'admin', filter: { id: 1 } }])).toEqual({ userIds: [7], roles: [], filters: [] });
  });

  it('refuses an empty filter, which would reach every user, and names the way to do that on purpose', () => {
    for (const receivers of [[{ filter: {} }], { filter: {} }, [{ filter: null }]]) {
      expect(() => parseReceivers(receivers)).toThrow(InboxError);
    }
    expect(() => parseReceivers([{ filter: {} }])).toThrow(/\{ all: true \}/);
  });

  it('sends to every user only when told `{ all: true }`', async () => {
    const app = await createInboxApp();
    try {
      await createChannel(app, 'all-hands');
      const users = await createUsers(app, 3);
      const sent = await inboxOf(app).send({ channelName: 'all-hands', receivers: [{ all: true }], title: 'Hello everyone' });
      const everyone = await app.db.getModel('users').count();
      expect(sent).toHaveLength(everyone);
      expect(sent.map((m) => m.userId)).toEqual(expect.arrayContaining(users.map(userId)));
    } finally {
      await app.destroy();
    }
  });
});
