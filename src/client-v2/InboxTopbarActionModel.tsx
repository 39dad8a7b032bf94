import { TopbarActionModel } from '@nocobase/client-v2';
import type { FlowContext } from '@nocobase/flow-engine';
import React from 'react';
import { usePhoneLayout } from '../client/hooks/usePhoneLayout';
import { ModernInbox } from './ModernInbox';

/** On wide screens; on phones the action would sit hidden in the "⋯" menu, so ModernPhoneInbox takes over. */
function TopbarInbox({ context }: { context: FlowContext }) {
  return usePhoneLayout() ? null : <ModernInbox context={context} />;
}

/** The bell in the modern client's top bar: the top bar shows every registered subclass of TopbarActionModel. */
export class InboxTopbarActionModel extends TopbarActionModel {
  sort = 300;
  actionId = 'in-app-inbox';

  render() {
    return <TopbarInbox context={this.context} />;
  }
}
