import React, { useEffect, useRef } from 'react';

/** An invisible mark at the end of a list: scrolling it into view calls `onReached` (while `active`). */
export function InfiniteScroll({ active, onReached }: { active: boolean; onReached: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  const reached = useRef(onReached);
  reached.current = onReached;
  useEffect(() => {
    const node = ref.current;
    if (!active || !node) return undefined;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) reached.current();
    });
    observer.observe(node);
    return () => observer.disconnect();
  }, [active]);
  return <div ref={ref} aria-hidden style={{ height: 1 }} />;
}
