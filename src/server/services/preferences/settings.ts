import type { Database } from '@nocobase/database';
import { COLLECTIONS } from '../../../shared/constants';
import { invalid } from '../errors';
import { InboxSettings, LIMITS } from '../../../shared/contract';

const SETTINGS_ID = 1;

/** Pure: checks an admin's settings update. */
export function checkSettingsPatch(input: unknown): Partial<InboxSettings> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw invalid('values', 'must be an object');
  const { retentionDays, ...rest } = input as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length) throw invalid(unknown[0], 'is not a setting');
  if (retentionDays === undefined) return {};
  if (!Number.isInteger(retentionDays) || (retentionDays as number) < 0 || (retentionDays as number) > LIMITS.retentionDays) {
    throw invalid('retentionDays', `must be a whole number of days from 0 to ${LIMITS.retentionDays}`);
  }
  return { retentionDays: retentionDays as number };
}

export class SettingsStore {
  constructor(private readonly db: Database) {}

  private get model() {
    return this.db.getModel(COLLECTIONS.settings);
  }

  async get(): Promise<InboxSettings> {
    const row = (await this.model.findByPk(SETTINGS_ID, { raw: true })) as unknown as { retentionDays?: unknown } | null;
    return { retentionDays: Number(row?.retentionDays ?? 0) };
  }

  async update(patch: Partial<InboxSettings>): Promise<InboxSettings> {
    const next = { ...(await this.get()), ...patch };
    await this.model.upsert({ id: SETTINGS_ID, ...next });
    return next;
  }
}
