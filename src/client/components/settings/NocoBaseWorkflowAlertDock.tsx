import { useAPIClient, useApp, useCompile } from '@nocobase/client';
import { getWorkflowDetailPath } from '@nocobase/plugin-workflow/client';
import React, { CSSProperties, ReactNode } from 'react';
import { useMatch } from 'react-router-dom';
import { PLUGIN_NAME } from '../../../shared/constants';
import { useInboxTranslation } from '../../hooks/useInboxTranslation';
import { AccessibleTheme } from '../AccessibleTheme';
import { useSettingsEnv } from './useSettingsEnv';
import { WorkflowAlertButton } from './WorkflowAlertButton';

/**
 * plugin-workflow 2.2.15's classic canvas has no slot of its own (its header, "⋯" menu and the workflow's edit
 * drawer are fixed), so the workflow's failure alert sits over the canvas's free corner (its zoom is top right).
 */
const DOCK_STYLE: CSSProperties = { position: 'fixed', right: 24, bottom: 24, zIndex: 100 };

function CanvasAlertDock({ workflowId }: { workflowId: string }) {
  const { t } = useInboxTranslation();
  const { env, holder } = useSettingsEnv(useAPIClient(), t, useCompile());
  return (
    <AccessibleTheme>
      {holder}
      <div style={DOCK_STYLE}>
        <WorkflowAlertButton env={env} workflowId={workflowId} />
      </div>
    </AccessibleTheme>
  );
}

/**
 * An app provider (inside NocoBase's router): on a workflow's canvas, for those who may set alerts (our settings
 * page's ACL snippet), the "Failure alert" button of that workflow.
 */
export function NocoBaseWorkflowAlertDock({ children }: { children?: ReactNode }) {
  const app = useApp();
  // the canvas route as plugin-workflow registers it: `getWorkflowDetailPath(':id')`
  const workflowId = useMatch(getWorkflowDetailPath(':id'))?.params.id;
  return (
    <>
      {children}
      {workflowId && app.pluginSettingsManager.has(PLUGIN_NAME) ? <CanvasAlertDock key={workflowId} workflowId={workflowId} /> : null}
    </>
  );
}
