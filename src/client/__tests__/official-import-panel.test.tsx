// The settings page's "Import from the official plugin" panel against the in-memory server.
import { StyleProvider } from '@ant-design/cssinjs';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import React from 'react';
import { IMPORT_STEP_ROWS } from '../components/settings/OfficialImportPanel';
import { InboxSettingsPage } from '../components/settings/InboxSettingsPage';
import { SettingsSeed, fakeSettingsApi, httpError } from './fakes';
import { compileWith, translate } from './render-inbox';

function renderPage(seed: SettingsSeed) {
  const fake = fakeSettingsApi(seed);
  render(
    <StyleProvider container={document.createElement('div')}>
      <InboxSettingsPage api={fake.api} t={translate} compile={compileWith(translate)} />
    </StyleProvider>,
  );
  return fake;
}

const panel = async () => (await screen.findByText('Messages in the official plugin')).closest('.ant-card') as HTMLElement;
const valueOf = (card: HTMLElement, label: string) =>
  within(card).getByText(label).closest('tr')?.querySelector('.ant-descriptions-item-content')?.textContent;

describe('import from the official plugin', () => {
  it('shows what there is, imports it step by step converting the channels, and shows the result', async () => {
    const total = IMPORT_STEP_ROWS * 2 + 5;
    const fake = renderPage({ official: { messages: total, channels: ['legacy'] } });
    const card = await panel();
    await waitFor(() => expect(valueOf(card, 'Messages in the official plugin')).toBe(String(total)));
    expect(valueOf(card, 'Channels of the official type')).toBe('legacy');
    expect(valueOf(card, 'Already imported')).toBe('0');

    fireEvent.click(within(card).getByRole('button', { name: 'Import from the official plugin' }));

    expect(await within(card).findByText(`${total} messages imported, 0 skipped`)).toBeInTheDocument();
    expect(within(card).getByText('Channels converted: legacy')).toBeInTheDocument();
    const steps = fake.callsTo('inboxSettings:importOfficial').map((call) => call.data);
    expect(steps).toEqual([
      { maxRows: IMPORT_STEP_ROWS, convertChannels: true },
      { maxRows: IMPORT_STEP_ROWS, after: String(IMPORT_STEP_ROWS) },
      { maxRows: IMPORT_STEP_ROWS, after: String(IMPORT_STEP_ROWS * 2) },
    ]);
    await waitFor(() => expect(valueOf(card, 'Already imported')).toBe(String(total)));
    expect(valueOf(card, 'Channels of the official type')).toBe('None');
  });

  it('leaves the channels alone when the admin unticks the conversion; a second run imports nothing new', async () => {
    const fake = renderPage({ official: { messages: 3, channels: ['legacy'] } });
    const card = await panel();
    await waitFor(() => expect(valueOf(card, 'Messages in the official plugin')).toBe('3'));
    fireEvent.click(within(card).getByRole('checkbox'));
    const button = within(card).getByRole('button', { name: 'Import from the official plugin' });
    fireEvent.click(button);
    expect(await within(card).findByText('3 messages imported, 0 skipped')).toBeInTheDocument();
    await waitFor(() => expect(button).not.toHaveClass('ant-btn-loading'));
    fireEvent.click(button);
    expect(await within(card).findByText('0 messages imported, 3 skipped')).toBeInTheDocument();
    expect(fake.callsTo('inboxSettings:importOfficial').map((call) => (call.data as { convertChannels?: boolean }).convertChannels)).toEqual([undefined, undefined]);
    expect(fake.official.channels).toEqual(['legacy']);
  });

  it("shows the server's reason when the import fails", async () => {
    const fake = renderPage({ official: { messages: 3 } });
    const card = await panel();
    await waitFor(() => expect(valueOf(card, 'Messages in the official plugin')).toBe('3'));
    fake.rejections.set('inboxSettings:importOfficial', httpError(400, 'official', 'official: the official in-app message plugin is not enabled'));
    fireEvent.click(within(card).getByRole('button', { name: 'Import from the official plugin' }));
    expect(await screen.findByText('official: the official in-app message plugin is not enabled')).toBeInTheDocument();
  });

  it('says so when the official plugin is not enabled', async () => {
    renderPage({ official: { available: false, messages: 0 } });
    expect(await screen.findByText('The official in-app message plugin is not enabled: enable it to import its messages.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Import from the official plugin' })).toBeNull();
  });
});
