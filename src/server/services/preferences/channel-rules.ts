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

/**
 * How long a node trusts its copy of our channels' settings. A change on this node clears the copy at once (the
 * channel's hooks); another node's copy is this old at most, as no message crosses nodes for it.
 */
export const CHANNEL_SETTINGS_TTL_MS = 5000;

type OurChannels = Map<string, ChannelSettings>;

/**
 * Our channels as the admin set them up (Notification Manager's `notificationChannels`), read once per
 * CHANNEL_SETTINGS_TTL_MS: every send needs its channel's settings, and a read per send was a round trip.
 */
export class ChannelRules {
  private cached: { channels: Promise<OurChannels>; until: number } | null = null;

  constructor(private readonly db: Database) {
    type HookOptions = { transaction?: Transaction } | undefined;
    const forget = (options: HookOptions) => {
      this.cached = null;
      // a send reading meanwhile still sees the old row until the change commits: forget that copy too
      options?.transaction?.afterCommit(() => {
        this.cached = null;
      });
    };
    // a row's hooks get (row, options), a bulk change's get (options)
    for (const event of ['afterSave', 'afterDestroy']) db.on(`notificationChannels.${event}`, (_row: unknown, options: HookOptions) => forget(options));
    for (const event of ['afterBulkUpdate', 'afterBulkDestroy']) db.on(`notificationChannels.${event}`, forget);
  }

  private get model() {
    return this.db.getModel('notificationChannels');
  }

  /**
   * The settings of channel `name`, or a 400 naming `channelName` when it is missing or not one of ours. Inside a
   * caller's transaction a channel missing from the copy is read in that transaction (the caller may have just
   * made it), and not kept: the transaction may still roll back.
   */
  async settings(name: string, transaction?: Transaction): Promise<ChannelSettings> {
    const known = (await this.ours(transaction)).get(name);
    if (known) return known;
    // the model, not the repository: a repository read costs a millisecond more
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
    return [...(await this.ours()).entries()].filter(([, settings]) => settings.important).map(([name]) => name);
  }

  /** Our channels that keep read messages their own number of days (0: kept), by name. */
  async retentionOverrides(): Promise<Map<string, number>> {
    const overrides = [...(await this.ours()).entries()].filter(([, settings]) => settings.retentionDays !== null);
    return new Map(overrides.map(([name, settings]) => [name, settings.retentionDays as number]));
  }

  /** The copy, read again once it is older than the TTL or a channel changed; never read inside a caller's transaction. */
  private ours(transaction?: Transaction): Promise<OurChannels> {
    if (this.cached && this.cached.until > Date.now()) return this.cached.channels;
    if (transaction) return Promise.resolve(new Map());
    const channels = this.readAll();
    const entry = { channels, until: Date.now() + CHANNEL_SETTINGS_TTL_MS };
    this.cached = entry;
    // a failed read is not kept
    channels.catch(() => {
      if (this.cached === entry) this.cached = null;
    });
    return channels;
  }

  private async readAll(): Promise<OurChannels> {
    const rows = (await this.model.findAll({
      attributes: ['name', 'options'],
      where: { notificationType: CHANNEL_TYPE },
      raw: true,
    })) as unknown as { name: string; options?: unknown }[];
    return new Map(rows.map((row) => [row.name, channelSettingsOf(fromJson(row.options, null))]));
  }
}
