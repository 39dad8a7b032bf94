import { EXECUTION_STATUS, JOB_STATUS } from '@nocobase/plugin-workflow';
import { MockServer } from '@nocobase/test';
import { COLLECTIONS, INSTRUCTION_TYPE } from '../shared/constants';
import { createChannel, createCollectionWorkflow, createInboxApp, defineLeads, createUsers, inboxOf, userId, waitForExecutions, waitUntil } from './test-utils';

// the demo's workflow, as `npm start` seeds it
const { claimNodes, messageNodeConfig, KEYS } = require('../../scripts/demo/workflow');
const { CHANNEL, SALES_ROLE } = require('../../scripts/demo/demo-data');

describe('the demo\'s "Claim this lead" button', () => {
  let app: MockServer;
  let sam: any;
  let sofia: any;

  beforeAll(async () => {
    app = await createInboxApp();
    await defineLeads(app);
    await app.db.getRepository('roles').create({ values: { name: SALES_ROLE.name, title: SALES_ROLE.title } });
    [sam, sofia] = await createUsers(app, 2, ['member', SALES_ROLE.name]);
    await app.db.getRepository('users').update({ filterByTk: userId(sofia), values: { nickname: 'Sofia Seller' } });
    await createChannel(app, CHANNEL.name, CHANNEL.title);
  });
  afterAll(async () => app?.destroy());

  it('assigns the lead to the first who clicks, and tells the team who claimed it', async () => {
    const leadUrl = (id: string) => `/admin/leads/${id}`;
    const mobileLeadUrl = (id: string) => `/m/page/leads/popups/view/filterbytk/${id}`;
    const workflow = await createCollectionWorkflow(app, {
      collection: 'leads',
      nodes: [
        { type: INSTRUCTION_TYPE, key: KEYS.ask, config: messageNodeConfig(leadUrl, mobileLeadUrl) } as any,
        ...claimNodes('leads', leadUrl, mobileLeadUrl).map((node: any) => ({ type: INSTRUCTION_TYPE, ...node })),
      ],
    });
    const lead = await app.db.getRepository('leads').create({ values: { name: 'Ada', company: 'AE', email: 'a@e.x', note: '' } });
    await waitUntil(() => app.db.getRepository('jobs').findOne({ filter: { status: JOB_STATUS.PENDING } }), 'the waiting message');
    const [offer] = (await app.db.getModel(COLLECTIONS.messages).findAll({ where: { userId: userId(sofia), title: 'New lead: Ada' }, raw: true })) as any[];
    // the lead opens on the desktop page and on NocoBase mobile
    expect(offer.url).toBe(`/admin/leads/${lead.get('id')}`);
    const options = typeof offer.options === 'string' ? JSON.parse(offer.options) : offer.options;
    expect(options.mobileUrl).toBe(`/m/page/leads/popups/view/filterbytk/${lead.get('id')}`);

    await inboxOf(app).respond(userId(sofia), Number(offer.id), 'claim');
    const [execution] = await waitForExecutions(app, workflow.get('id'));
    expect(execution.get('status')).toBe(EXECUTION_STATUS.RESOLVED);
    expect(Number((await app.db.getRepository('leads').findOne({ filterByTk: lead.get('id') })).get('ownerId'))).toBe(userId(sofia));
    const told = (await app.db.getModel(COLLECTIONS.messages).findAll({ where: { userId: userId(sam), title: 'Lead claimed: Ada' }, raw: true })) as any[];
    expect(told.map((m) => m.content)).toEqual(['Claimed by **Sofia Seller**.']);
  });
});
