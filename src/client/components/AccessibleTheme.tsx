import { ConfigProvider, theme } from 'antd';
import React from 'react';

/**
 * The host's theme with the colours antd's defaults leave below WCAG AA contrast (4.5:1) on white and on the unread
 * rows' tint: secondary text (times, channel previews), placeholders, links (View), white text on primary buttons (also
 * under the pointer: antd's hover shade is lighter, and a toggle such as Archived stays hovered after its click), danger text.
 * Taken from the host's own tokens, so a dark or custom theme keeps its look. Links inside a message's markdown are
 * plain anchors, outside antd's components: a rule gives them the same link colour, underlined so that a link
 * inside a sentence is told apart by more than its colour (WCAG 1.4.1).
 */
export function AccessibleTheme({ children }: { children: React.ReactNode }) {
  const { token } = theme.useToken();
  return (
    <ConfigProvider
      theme={{
        token: {
          // seeds: antd derives the rest (buttons' white text, danger text) from these two, one step darker
          colorPrimary: token.colorPrimaryActive,
          colorPrimaryHover: token.colorPrimaryActive,
          colorError: token.colorErrorActive,
          colorTextDescription: token.colorTextSecondary,
          colorTextPlaceholder: token.colorTextSecondary,
          colorLink: token.colorPrimaryTextActive,
          colorLinkHover: token.colorPrimaryText,
        },
      }}
    >
      <style>{`.inbox-message-content a{color:${token.colorPrimaryTextActive};text-decoration:underline}`}</style>
      {children}
    </ConfigProvider>
  );
}
