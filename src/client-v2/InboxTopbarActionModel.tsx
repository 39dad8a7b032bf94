import { TopbarActionModel } from '@nocobase/client-v2';
import React from 'react';
import { ModernInbox } from './ModernInbox';

/** The bell in the modern client's top bar: the top bar shows every registered subclass of TopbarActionModel. */
export class InboxTopbarActionModel extends TopbarActionModel {
  sort = 300;
  actionId = 'in-app-inbox';

  render() {
    return <ModernInbox context={this.context} />;
  }
}
