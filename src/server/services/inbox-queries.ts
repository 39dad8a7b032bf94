import type { Database } from '@nocobase/database';
import { Op, WhereOptions, col, where as sqlWhere } from 'sequelize';
import { COLLECTIONS, Status } from '../../constants';
import type { InboxMessage } from './inbox-events';
import { toMessage } from './serialize';

export interface Page {
  status: Status;
  before?: number;
  limit: number;
}

export interface ChannelSummary {
  name: string;
  title: string;
  unreadCount: number;
  totalCount: number;
  latestMessage: { id: number; title: string; createdAt: string } | null;
}

export interface Counts {
  unread: number;
  total: number;
  channels: Record<string, { unread: number; total: number; muted: boolean }>;
}

const readFilter = (status: Status): WhereOptions =>
  status === 'unread' ? { readAt: null } : status === 'read' ? { readAt: { [Op.ne]: null } } : {};

/** Reads of one user's inbox; each query is bounded by the user's own index prefix. */
export class InboxQueries {
  constructor(private readonly db: Database) {}

  private model(name: string) {
    return this.db.getModel(name);
  }

  private field(collection: string, attribute: string): string {
    return this.model(collection).getAttributes()[attribute].field ?? attribute;
  }

  async messages(userId: number, page: Page & { channelName?: string }): Promise<InboxMessage[]> {
    const rows = await this.model(COLLECTIONS.messages).findAll({
      where: {
        userId,
        ...(page.channelName ? { channelName: page.channelName } : {}),
        ...readFilter(page.status),
        ...(page.before ? { id: { [Op.lt]: page.before } } : {}),
      },
      order: [['id', 'DESC']],
      limit: page.limit,
    });
    return rows.map((row) => toMessage(row.get({ plain: true })));
  }

  async channels(userId: number, page: Page): Promise<ChannelSummary[]> {
    const statusWhere =
      page.status === 'unread'
        ? { unreadCount: { [Op.gt]: 0 } }
        : page.status === 'read'
          ? sqlWhere(col(this.field(COLLECTIONS.counters, 'totalCount')), Op.gt, col(this.field(COLLECTIONS.counters, 'unreadCount')))
          : {};
    const counters = (await this.model(COLLECTIONS.counters).findAll({
      where: {
        [Op.and]: [
          { userId, totalCount: { [Op.gt]: 0 } },
          statusWhere,
          page.before ? { lastMessageId: { [Op.lt]: page.before } } : {},
        ],
      },
      order: [['lastMessageId', 'DESC']],
      limit: page.limit,
      raw: true,
    })) as unknown as { channelName: string; unreadCount: number; totalCount: number; lastMessageId: number }[];
    if (!counters.length) return [];
    const [latest, channels] = await Promise.all([
      this.model(COLLECTIONS.messages).findAll({
        attributes: ['id', 'title', 'createdAt'],
        where: { userId, id: { [Op.in]: counters.map((c) => c.lastMessageId) } },
      }),
      this.model('notificationChannels').findAll({
        attributes: ['name', 'title'],
        where: { name: { [Op.in]: counters.map((c) => c.channelName) } },
        raw: true,
      }),
    ]);
    const latestById = new Map(latest.map((m) => [Number(m.get('id')), m]));
    const titleByName = new Map((channels as any[]).map((c) => [c.name, c.title]));
    return counters.map((c) => {
      const message = latestById.get(Number(c.lastMessageId));
      return {
        name: c.channelName,
        title: titleByName.get(c.channelName) || c.channelName,
        unreadCount: Number(c.unreadCount),
        totalCount: Number(c.totalCount),
        latestMessage: message
          ? {
              id: Number(message.get('id')),
              title: message.get('title') as string,
              createdAt: new Date(message.get('createdAt') as string).toISOString(),
            }
          : null,
      };
    });
  }

  /** Unread and total per channel; muted channels are listed but left out of the totals. */
  async counts(userId: number, mutedChannels: string[]): Promise<Counts> {
    const rows = (await this.model(COLLECTIONS.counters).findAll({
      attributes: ['channelName', 'unreadCount', 'totalCount'],
      where: { userId },
      raw: true,
    })) as unknown as { channelName: string; unreadCount: number; totalCount: number }[];
    const muted = new Set(mutedChannels);
    const counts: Counts = { unread: 0, total: 0, channels: {} };
    for (const row of rows) {
      const entry = { unread: Number(row.unreadCount), total: Number(row.totalCount), muted: muted.has(row.channelName) };
      counts.channels[row.channelName] = entry;
      if (!entry.muted) {
        counts.unread += entry.unread;
        counts.total += entry.total;
      }
    }
    return counts;
  }
}
