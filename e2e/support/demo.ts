// The demo's names and logins, read from the scripts that seed it, plus API access for setting up and checking.
import { waitUntil } from '../../testing/poll';
import type { Login } from './browser';
import { appUrl } from './paths';

/* eslint-disable @typescript-eslint/no-var-requires */
const { createApiClient } = require('../../scripts/demo/api-client');
const demoData = require('../../scripts/demo/demo-data');
const { DEMO_ROOT } = require('../../scripts/app/env-file');
/* eslint-enable @typescript-eslint/no-var-requires */

export const CHANNEL: { name: string; title: string } = demoData.CHANNEL;
export const LEADS_MENU: string = demoData.LEADS.pageTitle;
export const ADMIN: Login = { account: DEMO_ROOT.email, password: DEMO_ROOT.password };
export const SALES: (Login & { nickname: string })[] = demoData.SALES_USERS.map(
  (user: { email: string; password: string; nickname: string }) => ({ account: user.email, password: user.password, nickname: user.nickname }),
);

export interface Api {
  get(action: string, params?: Record<string, unknown>): Promise<any>;
  post(action: string, values?: unknown, params?: Record<string, unknown>): Promise<any>;
}

/** The user's unread count as the server has it: what the badge must come to show. */
export async function unreadOf(api: Api): Promise<number> {
  return (await api.get('myInboxMessages:count')).unread;
}

export async function apiAs(login: Login): Promise<Api> {
  const api = createApiClient(appUrl());
  await api.signIn(login.account, login.password);
  return api;
}

export interface Lead {
  name: string;
  company: string;
  email: string;
}

let leadSerial = 0;

/** A lead no other step uses, so its message can be told apart. */
export function uniqueLead(label: string): Lead {
  leadSerial += 1;
  const id = `${Date.now().toString(36)}${leadSerial}`;
  return { name: `${label} ${id}`, company: `Company ${id}`, email: `lead-${id}@example.com` };
}

export const leadMessageTitle = (lead: Lead) => `New lead: ${lead.name}`;

/** Reads until `done` accepts what `read` answers (server-side effects of asynchronous workflows); fails saying what it last read. */
export async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20000): Promise<T> {
  let last: T | undefined;
  const accepted = async () => {
    last = await read();
    return done(last) && { value: last };
  };
  const lastRead = () => `the app to come round; last read: ${JSON.stringify(last)?.slice(0, 500)}`;
  return (await waitUntil(accepted, lastRead, { timeoutMs, everyMs: 300 })).value;
}
