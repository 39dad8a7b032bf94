import { MailOutlined } from '@ant-design/icons';
import { Badge } from 'antd';
import React from 'react';
import { useHref, useLocation, useNavigate } from 'react-router-dom';
import { MOBILE_TAB } from '../../shared/constants';
import { useInboxTranslation } from '../hooks/useInboxTranslation';
import { useMobileInbox } from './MobileInbox';

const VISUALLY_HIDDEN: React.CSSProperties = { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clipPath: 'inset(50%)', whiteSpace: 'nowrap' };

/**
 * The Messages item of the mobile tab bar, with the live unread badge. It is a link (keyboard and screen readers
 * know it) styled with plugin-mobile's own tab-bar classes so it sits among the other tabs.
 */
export function MobileInboxTab({ title }: { title?: string }) {
  const { t } = useInboxTranslation();
  const navigate = useNavigate();
  const href = useHref(MOBILE_TAB.url);
  const { pathname } = useLocation();
  const inbox = useMobileInbox();
  const unread = inbox?.state.counts.unread ?? 0;
  const selected = pathname.startsWith(MOBILE_TAB.url);
  const name = t(title || 'Messages');
  return (
    <a
      href={href}
      aria-current={selected ? 'page' : undefined}
      className={`adm-tab-bar-item${selected ? ' adm-tab-bar-item-active' : ''}`}
      style={{ lineHeight: 1, minHeight: 44, color: 'inherit' }}
      onClick={(event) => {
        event.preventDefault();
        navigate(MOBILE_TAB.url);
      }}
    >
      <span aria-hidden>
        <Badge count={unread} overflowCount={99} size="small">
          <span className="adm-tab-bar-item-icon" style={{ color: selected ? 'var(--adm-color-primary)' : undefined }}>
            <MailOutlined />
          </span>
        </Badge>
      </span>
      <span aria-hidden className="adm-tab-bar-item-title adm-tab-bar-item-title-with-icon" style={{ fontSize: 12 }}>
        {name}
      </span>
      {/* the link's name, from its content (no aria-label): the title with the count the badge shows */}
      <span style={VISUALLY_HIDDEN}>{unread ? t('Messages, {{count}} unread', { count: unread }) : name}</span>
    </a>
  );
}
