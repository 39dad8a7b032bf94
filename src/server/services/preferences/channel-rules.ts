import type { Database } from '@nocobase/database';
import type { Transaction } from 'sequelize';
import { CHANNEL_TYPE } from '../../../shared/constants';
import { ChannelSettings, channelSettingsOf } from '../../../shared/channel-settings';
import { invalid } from '../errors';
import type { MessageFields, MessageInput } from '../validation/message-input';
import { fromJson } from '../store/serialize';

const unset = (value: unknown) => value === undefined || value === null || value === '';

/**
 * Pure: a message with its channel's settings applied: the default level and toast duration where the sender set
 * none, and `options.important` on an important channel's messages (the client then always shows their toast).
 */
export function withChannelDefaults(fields: MessageFields, input: MessageInput, settings: ChannelSettings): MessageFields {
  const options = { ...fields.options };
  if (unset(options.toastDuration) && settings.toastDuration !== null) options.toastDuration = settings.toastDuration;
  if (settings.important) options.important = true;
  const level = unset(input.level) && settings.defaultLevel ? settings.defaultLevel : fields.level;
  return { ...fields, level, options };
}

/** Our channels as the admin set them up (Notification Manager's `notificationChannels`). */
export class ChannelRules {
  constructor(private readonly db: Database) {}

  private get model() {
    return this.db.getModel('notificationChannels');
  }

  /** The settings of channel `name`, or a 400 naming `channelName` when it is missing or not one of ours. */
  async settings(name: string, transaction?: Transaction): Promise<ChannelSettings> {
    // the model, not the repository: this runs on every send, and a repository read costs a millisecond more
    const channel = (await this.model.findOne({
      attributes: ['notificationType', 'options'],
      where: { name },
      raw: true,
      transaction,
    })) as { notificationType?: string; options?: unknown } | null;
    if (!channel) throw invalid('channelName', `no channel named "${name}"`);
    if (channel.notificationType !== CHANNEL_TYPE) {
      throw invalid('channelName', `channel "${name}" is not an in-app message channel`);
    }
    return channelSettingsOf(fromJson(channel.options, null));
  }

  /** Names of our channels users cannot mute. */
  async importantNames(): Promise<string[]> {
    return (await this.all()).filter(({ settings }) => settings.important).map(({ name }) => name);
  }

  /** Our channels that keep read messages their own number of days (0: kept), by name. */
  async retentionOverrides(): Promise<Map<string, number>> {
    const overrides = (await this.all()).filter(({ settings }) => settings.retentionDays !== null);
    return new Map(overrides.map(({ name, settings }) => [name, settings.retentionDays as number]));
  }

  private async all(): Promise<{ name: string; settings: ChannelSettings }[]> {
    const rows = (await this.model.findAll({
      attributes: ['name', 'options'],
      where: { notificationType: CHANNEL_TYPE },
      raw: true,
    })) as unknown as { name: string; options?: unknown }[];
    return rows.map((row) => ({ name: row.name, settings: channelSettingsOf(fromJson(row.options, null)) }));
  }
}
