import { useFlowEngine } from '@nocobase/flow-engine';
import React from 'react';
import { TopBarDock } from '../client/components/TopBarDock';
import { usePhoneLayout } from '../client/hooks/usePhoneLayout';
import { ModernInbox } from './ModernInbox';

/** The docked bell, for a signed-in user (the flow context holds the user once the app checked the session). */
function DockedBell() {
  const engine = useFlowEngine();
  const phone = usePhoneLayout();
  if (!phone || !engine.context.user?.id) return null;
  return (
    <TopBarDock>
      <ModernInbox context={engine.context} />
    </TopBarDock>
  );
}

/**
 * An app provider (it renders the app, `children`): on phones the modern client folds its top-bar actions into a
 * "⋯" menu too, so the bell docks on the top bar beside it.
 */
export function ModernPhoneInbox({ children }: { children?: React.ReactNode }) {
  return (
    <>
      {children}
      <DockedBell />
    </>
  );
}
