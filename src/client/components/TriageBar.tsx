import { Button, Checkbox, Input, InputRef, Select } from 'antd';
import React, { useEffect, useRef, useState } from 'react';
import { LEVELS, Level } from '../../shared/constants';
import type { Inbox } from '../hooks/useInbox';
import { LEVEL_LABELS } from '../schemas/message-fields';
import { useInboxEnv } from './InboxEnv';

/** Typing pauses this long before the list is searched. */
export const SEARCH_DEBOUNCE_MS = 300;

/** Search box, level filter, unread-first order and the archive, above the messages. */
export function TriageBar({ inbox, searchRef }: { inbox: Inbox; searchRef?: React.Ref<InputRef> }) {
  const { t } = useInboxEnv();
  const { search } = inbox.state;
  const [text, setText] = useState(search.q);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const setSearch = useRef(inbox.setSearch);
  setSearch.current = inbox.setSearch;

  useEffect(() => {
    if (text === search.q) return undefined;
    timer.current = setTimeout(() => setSearch.current({ q: text }), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer.current);
  }, [text, search.q]);

  return (
    <div role="search" style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8, padding: '8px 16px' }}>
      <Input
        ref={searchRef}
        size="small"
        allowClear
        type="search"
        value={text}
        placeholder={t('Search messages')}
        aria-label={t('Search messages')}
        onChange={(event) => setText(event.target.value)}
        style={{ flex: '1 1 160px', minWidth: 120 }}
      />
      <Select<Level[]>
        size="small"
        mode="multiple"
        allowClear
        value={search.levels}
        placeholder={t('Level')}
        aria-label={t('Level')}
        onChange={(levels) => inbox.setSearch({ levels })}
        options={LEVELS.map((level) => ({ value: level, label: t(LEVEL_LABELS[level]) }))}
        style={{ minWidth: 120 }}
      />
      <Checkbox checked={search.sort === 'unread'} onChange={(event) => inbox.setSearch({ sort: event.target.checked ? 'unread' : 'newest' })}>
        {t('Unread first')}
      </Checkbox>
      <Button
        size="small"
        type={search.archived ? 'primary' : 'default'}
        aria-pressed={search.archived}
        onClick={() => inbox.setSearch({ archived: !search.archived })}
      >
        {t('Archived')}
      </Button>
    </div>
  );
}
