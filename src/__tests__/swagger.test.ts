import { MockServer } from '@nocobase/test';
import { PLUGIN_NAME } from '../shared/constants';
import { inboxSettings } from '../server/actions/inboxSettings';
import { myInboxChannels } from '../server/actions/myInboxChannels';
import { myInboxMessages } from '../server/actions/myInboxMessages';
import { myInboxPreferences } from '../server/actions/myInboxPreferences';
import type PluginInAppMessageServer from '../server/plugin';
import { AlertSettingsStore } from '../server/workflow/alert-settings-store';
import { inboxWorkflowTests } from '../server/workflow/test-send';
import { inboxWorkflowAlerts } from '../server/workflow/workflow-alerts-action';
import swagger from '../swagger';
import { createInboxApp } from './test-utils';

/** The API documentation plugin shows `dist/swagger`: it must describe every action the plugin serves. */
describe('swagger document', () => {
  let app: MockServer;

  beforeAll(async () => {
    app = await createInboxApp();
  });
  afterAll(async () => app?.destroy());

  it('documents every action of every resource', () => {
    const plugin = app.pm.get(PLUGIN_NAME) as PluginInAppMessageServer;
    const resources = [
      myInboxMessages(plugin.inbox, plugin.realtime.hub),
      ...[myInboxChannels, myInboxPreferences, inboxSettings].map((resource) => resource(plugin.inbox)),
      inboxWorkflowAlerts(new AlertSettingsStore(app.db)),
      inboxWorkflowTests(plugin.inbox),
    ];
    const served = resources.flatMap(({ name, actions }) => Object.keys(actions).map((action) => `/${name}:${action}`));
    expect(served.length).toBeGreaterThan(10);
    expect(served.filter((path) => !(path in swagger.paths))).toEqual([]);
  });

  it('documents values.filter on every bulk action, unarchive on the archive only', () => {
    const filterOf = (action: string) =>
      (swagger.paths as Record<string, any>)[`/myInboxMessages:${action}`].post.requestBody?.content['application/json'].schema.properties.values
        .properties.filter;
    for (const action of ['markRead', 'markUnread', 'archive', 'unarchive', 'destroy']) {
      expect([action, Object.keys(filterOf(action)?.properties ?? {})]).toEqual([action, ['channelName', 'status', 'level', 'q']]);
    }
    expect(filterOf('unarchive').properties.status.enum).toEqual(['archived']);
    expect(filterOf('archive').properties.status.enum).toContain('unread');
  });

  it('gives every operation a summary and a 200 answer, and resolves every schema it refers to', () => {
    const text = JSON.stringify(swagger);
    for (const [path, methods] of Object.entries(swagger.paths)) {
      for (const spec of Object.values(methods as Record<string, any>)) {
        expect([path, typeof spec.summary, !!spec.responses[200]]).toEqual([path, 'string', true]);
      }
    }
    const refs = [...text.matchAll(/#\/components\/schemas\/(\w+)/g)].map((m) => m[1]);
    expect(refs.filter((name) => !(name in swagger.components.schemas))).toEqual([]);
  });
});
