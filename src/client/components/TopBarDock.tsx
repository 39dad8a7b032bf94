import React from 'react';

/** Width of the host's "⋯" button at the right end of its top bar (16 px padding either side of a 20 px icon). */
const MORE_MENU_WIDTH = 52;

/**
 * On phones NocoBase folds the top bar's pinned items into its "⋯" menu, where a badge cannot be seen: this pins
 * its content on the top bar itself, just left of that menu, in both the classic and the modern client.
 */
export function TopBarDock({ children }: { children: React.ReactNode }) {
  return (
    <div
      data-inbox-dock
      style={{
        position: 'fixed',
        top: 0,
        right: MORE_MENU_WIDTH,
        height: 'var(--nb-header-height, 46px)',
        display: 'flex',
        alignItems: 'center',
        // above the top bar (z-index 19), below every popup
        zIndex: 20,
      }}
    >
      {children}
    </div>
  );
}
