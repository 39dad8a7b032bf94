import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { Button, Form } from 'antd';
import React from 'react';
import { translate } from './render-inbox';

jest.mock('react-i18next', () => ({ useTranslation: () => ({ t: translate, i18n: { language: 'en-US' } }) }), { virtual: true });

import { LEVELS } from '../../shared/constants';
import { CHANNEL_SETTING_LIMITS, channelSettingsOf } from '../../shared/channel-settings';
import { ChannelSettingsFields } from '../components/config/ChannelSettingsFields';
import { channelSettingsSchema } from '../schemas/channel-settings';

describe('the channel settings form (Notification Manager → our channel)', () => {
  // the fields' props, read as the schema's consumer (Formily) reads them
  const properties = channelSettingsSchema().properties as Record<string, any>;

  it('edits exactly the settings the server reads back, each labelled', () => {
    const saved = { important: true, defaultLevel: 'warning', toastDuration: 12.5, retentionDays: 7, allowedRoles: ['admin'] };
    expect(Object.keys(properties).sort()).toEqual(Object.keys(saved).sort());
    expect(channelSettingsOf(saved)).toEqual(saved);
    for (const field of Object.values<any>(properties)) expect(field.title).toMatch(/^\{\{t\(/);
  });

  it('holds the numbers to the limits the server accepts', () => {
    expect(properties.toastDuration['x-component-props']).toMatchObject({ min: 0, max: CHANNEL_SETTING_LIMITS.maxToastSeconds });
    expect(properties.retentionDays['x-component-props']).toMatchObject({ min: 0, max: CHANNEL_SETTING_LIMITS.maxRetentionDays, precision: 0 });
    expect(channelSettingsOf({ toastDuration: CHANNEL_SETTING_LIMITS.maxToastSeconds + 1 }).toastDuration).toBeNull();
  });

  it('offers every level, clearable, and picks roles by name from the roles resource', () => {
    expect(properties.defaultLevel.enum.map((o: any) => o.value)).toEqual([...LEVELS]);
    expect(properties.defaultLevel['x-component-props'].allowClear).toBe(true);
    expect(properties.allowedRoles['x-component-props']).toMatchObject({
      mode: 'multiple',
      fieldNames: { value: 'name' },
      service: { resource: 'roles' },
    });
  });
});

describe('the channel settings in the modern client (antd Form under `options`)', () => {
  it('saves what the admin sets where the server reads it', async () => {
    const onFinish = jest.fn();
    render(
      <Form onFinish={onFinish}>
        <ChannelSettingsFields />
        <Button htmlType="submit">Save</Button>
      </Form>,
    );
    fireEvent.click(screen.getByRole('checkbox', { name: 'Important' }));
    fireEvent.change(screen.getByLabelText('Keep read messages (days)'), { target: { value: '30' } });
    fireEvent.click(screen.getByText('Save'));
    await waitFor(() => expect(onFinish).toHaveBeenCalled());
    const { options } = onFinish.mock.calls[0][0];
    expect(channelSettingsOf(options)).toMatchObject({ important: true, retentionDays: 30, allowedRoles: [] });
  });
});
