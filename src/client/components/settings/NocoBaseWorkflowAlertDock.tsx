import { useAPIClient, useApp, useCompile } from '@nocobase/client';
import { getWorkflowDetailPath } from '@nocobase/plugin-workflow/client';
import React, { ReactNode } from 'react';
import { useMatch } from 'react-router-dom';
import { PLUGIN_NAME } from '../../../shared/constants';
import { useInboxTranslation } from '../../hooks/useInboxTranslation';
import { WorkflowAlertDock } from './WorkflowAlertDock';

/**
 * An app provider of the classic client (inside NocoBase's router): on a workflow's canvas, for roles granted our
 * settings page (its ACL snippet), the "Failure alert" button of that workflow.
 */
export function NocoBaseWorkflowAlertDock({ children }: { children?: ReactNode }) {
  const app = useApp();
  const api = useAPIClient();
  const compile = useCompile();
  const { t } = useInboxTranslation();
  // the canvas route as plugin-workflow registers it: `getWorkflowDetailPath(':id')`
  const workflowId = useMatch(getWorkflowDetailPath(':id'))?.params.id;
  return (
    <>
      {children}
      {workflowId && app.pluginSettingsManager.has(PLUGIN_NAME) ? (
        <WorkflowAlertDock key={workflowId} api={api} t={t} compile={compile} workflowId={workflowId} />
      ) : null}
    </>
  );
}
