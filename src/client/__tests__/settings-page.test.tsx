// The admin's settings page against the in-memory server: retention, and each workflow's failure alert.
import { StyleProvider } from '@ant-design/cssinjs';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import React from 'react';
import { CHANNEL_TYPE } from '../../shared/constants';
import { InboxSettingsPage } from '../components/settings/InboxSettingsPage';
import { itemLabel } from '../item-label';
import { requestFailure } from '../settings-api';
import { fakeSettingsApi, httpError, SettingsSeed, SETTINGS_SEED } from './fakes';
import { chooseOption, compileWith, translate } from './render-inbox';

const SEED: SettingsSeed = { ...SETTINGS_SEED, retentionDays: 30 };

function renderSettings(seed: SettingsSeed = SEED, before: (fake: ReturnType<typeof fakeSettingsApi>) => void = () => {}) {
  const fake = fakeSettingsApi(seed);
  before(fake);
  // antd's CSS goes to a detached node: in the document it would slow every later query of the suite
  render(
    <StyleProvider container={document.createElement('div')}>
      <InboxSettingsPage api={fake.api} t={translate} compile={compileWith(translate)} />
    </StyleProvider>,
  );
  return fake;
}

const retentionInput = () => screen.getByLabelText('Keep read messages for');

/** The table row of a workflow, once its alert is loaded. */
async function rowOf(title: string) {
  const row = (await screen.findByText(title)).closest('tr') as HTMLElement;
  await waitFor(() => expect(within(row).queryByText('…')).toBeNull());
  return row;
}

describe('retention', () => {
  it('shows the saved number of days and saves a new one', async () => {
    const fake = renderSettings();
    await waitFor(() => expect(retentionInput()).toHaveValue('30'));
    expect(screen.getByText('0 = keep forever. Unread messages are never deleted.')).toBeInTheDocument();

    fireEvent.change(retentionInput(), { target: { value: '7' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('Retention saved')).toBeInTheDocument();
    expect(fake.callsTo('inboxSettings:set')).toEqual([
      expect.objectContaining({ method: 'post', data: { retentionDays: 7 }, skipNotify: true }),
    ]);
    expect(fake.store.settings.retentionDays).toBe(7);
  });

  it("shows the server's error under the field it names", async () => {
    const fake = renderSettings();
    await waitFor(() => expect(retentionInput()).toHaveValue('30'));
    fake.rejections.set(
      'inboxSettings:set',
      httpError(400, 'retentionDays', 'retentionDays: must be a whole number of days from 0 to 36500'),
    );

    fireEvent.change(retentionInput(), { target: { value: '12' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    const error = await screen.findByText('retentionDays: must be a whole number of days from 0 to 36500');
    expect(error.closest('.ant-form-item')).toContainElement(retentionInput());
    expect(screen.queryByText('Retention saved')).toBeNull();
    expect(fake.store.settings.retentionDays).toBe(30);
  });

  it('offers a retry when the settings cannot be loaded', async () => {
    const fake = renderSettings(SEED, ({ failing }) => failing.add('inboxSettings:get'));
    expect(await screen.findByText('The settings could not be loaded')).toBeInTheDocument();

    fake.failing.delete('inboxSettings:get');
    const alert = screen.getByText('The settings could not be loaded').closest('.ant-alert') as HTMLElement;
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(retentionInput()).toHaveValue('30'));
  });
});

describe('workflow failure alerts', () => {
  it('sets the default alert, used by every workflow without its own', async () => {
    const fake = renderSettings();
    const row = await screen.findByRole('group', { name: 'Default alert' });
    await waitFor(() => expect(within(row).queryByText('…')).toBeNull());
    await chooseOption(row, /Supervisor role of Default alert/, 'Admin');
    await chooseOption(row, /Alert channel of Default alert/, 'Alerts');
    await chooseOption(row, /Second alert channel of Default alert/, 'Email');
    fireEvent.click(within(row).getByRole('button', { name: 'Save the alert of Default alert' }));
    expect(await screen.findByText('Failure alert of Default alert saved')).toBeInTheDocument();
    expect(fake.callsTo('inboxWorkflowAlerts:set')).toEqual([
      expect.objectContaining({ params: { filterByTk: 'default' }, data: { roleName: 'admin', channelName: 'alerts', alsoChannelName: 'mail' } }),
    ]);
  });

  it('lists the current workflows, each with its alert', async () => {
    const fake = renderSettings();
    const sync = await rowOf('Nightly sync');
    const lead = await rowOf('New lead');

    const { filter, ...params } = fake.callsTo('workflows:list')[0].params as Record<string, any>;
    // as JSON, so the server reads a boolean: in query-string brackets it would be the text "true"
    expect(JSON.parse(filter)).toEqual({ current: true });
    expect(params).toMatchObject({ paginate: false, fields: ['id', 'title', 'key'] });
    expect(fake.callsTo('inboxWorkflowAlerts:get').map((c) => c.params?.filterByTk).sort()).toEqual(['101', '102', 'default']);
    expect(within(sync).getByText('On')).toBeInTheDocument();
    expect(within(sync).getByTitle('Operations')).toBeInTheDocument();
    expect(within(sync).getByTitle('Alerts')).toBeInTheDocument();
    expect(within(lead).getByText('Off')).toBeInTheDocument();
    expect(within(lead).getByRole('button', { name: 'Turn off the alert of New lead' })).toBeDisabled();
  });

  it('offers the roles by title and only the channels of the in-app type', async () => {
    const fake = renderSettings();
    const lead = await rowOf('New lead');
    expect(JSON.parse(fake.callsTo('notificationChannels:list')[0].params?.filter as string)).toEqual({
      notificationType: CHANNEL_TYPE,
    });

    fireEvent.mouseDown(within(lead).getByRole('combobox', { name: 'Alert channel of New lead' }));
    await waitFor(() => expect(document.querySelector('.ant-select-dropdown [title="Alerts"]')).not.toBeNull());
    expect(document.querySelector('.ant-select-dropdown [title="Email"]')).toBeNull();

    fireEvent.mouseDown(within(lead).getByRole('combobox', { name: 'Supervisor role of New lead' }));
    await waitFor(() => expect(document.querySelector('.ant-select-dropdown [title="Admin"]')).not.toBeNull());
  });

  it('saves a role and a channel for a workflow', async () => {
    const fake = renderSettings();
    const lead = await rowOf('New lead');
    const save = within(lead).getByRole('button', { name: 'Save the alert of New lead' });
    expect(save).toBeDisabled();

    await chooseOption(lead, /Supervisor role of New lead/, 'Admin');
    expect(save).toBeDisabled();
    await chooseOption(lead, /Alert channel of New lead/, 'Alerts');
    fireEvent.click(save);

    expect(await screen.findByText('Failure alert of New lead saved')).toBeInTheDocument();
    expect(fake.callsTo('inboxWorkflowAlerts:set')).toEqual([
      expect.objectContaining({
        method: 'post',
        params: { filterByTk: '101' },
        data: { roleName: 'admin', channelName: 'alerts', alsoChannelName: null },
      }),
    ]);
    expect(within(lead).getByText('On')).toBeInTheDocument();
    expect(within(lead).getByRole('button', { name: 'Turn off the alert of New lead' })).toBeEnabled();
    expect(save).toBeDisabled();
  });

  it('turns an alert off', async () => {
    const fake = renderSettings();
    const sync = await rowOf('Nightly sync');
    fireEvent.click(within(sync).getByRole('button', { name: 'Turn off the alert of Nightly sync' }));

    expect(await screen.findByText('Failure alert of Nightly sync turned off')).toBeInTheDocument();
    expect(fake.callsTo('inboxWorkflowAlerts:set')).toEqual([
      expect.objectContaining({ params: { filterByTk: '102' }, data: { roleName: null, channelName: null, alsoChannelName: null } }),
    ]);
    expect(fake.store.alerts['102']).toBeUndefined();
    expect(within(sync).getByText('Off')).toBeInTheDocument();
    expect(within(sync).queryByTitle('Operations')).toBeNull();
  });

  it("shows the server's error beside the select it names and keeps the saved alert", async () => {
    const fake = renderSettings();
    const sync = await rowOf('Nightly sync');
    fake.rejections.set('inboxWorkflowAlerts:set', httpError(400, 'roleName', 'roleName: no role named "admin"'));

    await chooseOption(sync, /Supervisor role of Nightly sync/, 'Admin');
    fireEvent.click(within(sync).getByRole('button', { name: 'Save the alert of Nightly sync' }));

    const error = await within(sync).findByText('roleName: no role named "admin"');
    expect(error.closest('.ant-space-vertical')).toContainElement(within(sync).getByRole('combobox', { name: 'Supervisor role of Nightly sync' }));
    expect(fake.store.alerts['102']).toEqual({ roleName: 'ops', channelName: 'alerts' });
    expect(within(sync).getByText('On')).toBeInTheDocument();
  });

  it('says how to get a channel when there is none of the in-app type', async () => {
    renderSettings({ ...SEED, channels: [{ name: 'mail', title: 'Email', notificationType: 'email' }] });
    expect(
      await screen.findByText('No in-app inbox channel yet: add one in Notification manager, then pick it here.'),
    ).toBeInTheDocument();
  });
});

describe('settings helpers', () => {
  it('reads the message and field of a 4xx, and nothing from other failures', () => {
    expect(requestFailure(httpError(404, 'filterByTk', 'filterByTk: no workflow with id 9'))).toEqual({
      message: 'filterByTk: no workflow with id 9',
      field: 'filterByTk',
    });
    expect(requestFailure(new Error('Network Error'))).toEqual({ message: null, field: null });
    expect(requestFailure(undefined)).toEqual({ message: null, field: null });
  });

  it("shows NocoBase's template titles translated and falls back to the name", () => {
    const upper = compileWith((key: string) => key.toUpperCase());
    expect(itemLabel({ name: 'admin', title: '{{t("Admin")}}' }, upper)).toBe('ADMIN');
    expect(itemLabel({ name: 'm', title: "{{ t('Member', { ns: 'client' }) }}" }, upper)).toBe('MEMBER');
    expect(itemLabel({ name: 'ops', title: 'Operations' }, upper)).toBe('Operations');
    expect(itemLabel({ name: 'ops', title: null }, upper)).toBe('ops');
    expect(itemLabel({ name: 'ops', title: '  ' }, upper)).toBe('ops');
  });
});
