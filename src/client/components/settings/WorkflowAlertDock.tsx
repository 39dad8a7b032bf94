import React, { CSSProperties } from 'react';
import type { ApiClient } from '../../api';
import type { Compile, Translate } from '../../types';
import { AccessibleTheme } from '../AccessibleTheme';
import { useSettingsEnv } from './useSettingsEnv';
import { WorkflowAlertButton } from './WorkflowAlertButton';

/**
 * plugin-workflow 2.2.15's canvases (classic and modern) have no slot of their own (the header, its "⋯" menu and the
 * workflow's edit drawer are fixed), so the workflow's failure alert sits over the canvas's free corner (its zoom
 * is top right).
 */
const DOCK_STYLE: CSSProperties = { position: 'fixed', right: 24, bottom: 24, zIndex: 100 };

/** On a workflow's canvas, either client: the button of that workflow's failure alert, over the canvas. */
export function WorkflowAlertDock({ api, t, compile, workflowId }: { api: ApiClient; t: Translate; compile: Compile; workflowId: string }) {
  const { env, holder } = useSettingsEnv(api, t, compile);
  return (
    <AccessibleTheme>
      {holder}
      <div style={DOCK_STYLE}>
        <WorkflowAlertButton env={env} workflowId={workflowId} />
      </div>
    </AccessibleTheme>
  );
}
