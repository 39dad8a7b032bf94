import { useFlowEngine } from '@nocobase/flow-engine';
import { WORKFLOW_CANVAS_ROUTE_PATH, WORKFLOW_CANVAS_SETTINGS_ROUTE_PATH } from '@nocobase/plugin-workflow/client-v2';
import React, { ReactNode } from 'react';
import { useMatch } from 'react-router-dom';
import { PLUGIN_NAME } from '../shared/constants';
import { WorkflowAlertDock } from '../client/components/settings/WorkflowAlertDock';
import { useInboxTranslation } from '../client/hooks/useInboxTranslation';
import { useTvalCompile } from './tval';

/**
 * An app provider of the modern client (`/v/`, inside its router): on a workflow's canvas, under settings or not,
 * for roles granted our settings' ACL snippet (`pm.in-app-message`), the same "Failure alert" button as the classic
 * canvas.
 */
export function ModernWorkflowAlertDock({ children }: { children?: ReactNode }) {
  const { context } = useFlowEngine();
  const { t } = useInboxTranslation();
  const compile = useTvalCompile();
  const inSettings = useMatch(WORKFLOW_CANVAS_SETTINGS_ROUTE_PATH);
  const outside = useMatch(WORKFLOW_CANVAS_ROUTE_PATH);
  const workflowId = (inSettings ?? outside)?.params.id;
  // the modern client has no settings page of ours: a name it does not know checks the snippet `pm.<name>`
  const allowed = context.app.pluginSettingsManager.hasAuth(PLUGIN_NAME);
  return (
    <>
      {children}
      {workflowId && allowed ? <WorkflowAlertDock key={workflowId} api={context.api} t={t} compile={compile} workflowId={workflowId} /> : null}
    </>
  );
}
