import React from 'react';

/** Class of the full-screen inbox and the toasts on phones: everything a finger presses in them is at least 44 px. */
export const TOUCH_CLASS = 'inbox-touch';

// One rule for the inbox's buttons, rows and switches (ours and antd's), rather than a size on each of them;
// !important because antd's small sizes are as specific and injected at run time.
const RULES = `
.${TOUCH_CLASS} .ant-btn, .${TOUCH_CLASS} .ant-drawer-close { min-width: 44px !important; min-height: 44px !important; }
.${TOUCH_CLASS} .ant-radio-button-wrapper { min-height: 44px !important; line-height: 42px !important; }
.${TOUCH_CLASS} .ant-select-selector { min-height: 44px !important; align-items: center; }
.${TOUCH_CLASS} [role="option"] { min-height: 44px; }
.${TOUCH_CLASS} .ant-notification-notice-close { width: 44px !important; height: 44px !important; top: 4px !important; inset-inline-end: 4px !important; }
`;

export function TouchTargets() {
  return <style>{RULES}</style>;
}
