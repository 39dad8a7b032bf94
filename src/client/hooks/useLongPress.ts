import type React from 'react';
import { useEffect, useRef } from 'react';

/** How long a finger rests on a message before its actions open (the phones' own long press takes about as long). */
export const LONG_PRESS_MS = 500;
/** A finger that moves farther than this is scrolling the list, not pressing. */
const MOVE_TOLERANCE_PX = 10;

/**
 * Touch handlers that call `onLongPress` once a single finger rests LONG_PRESS_MS in place. Touch only: mouse
 * buttons (a right click's own menu included) and keys go on as before.
 */
export function useLongPress(onLongPress: () => void) {
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const origin = useRef<{ x: number; y: number } | null>(null);
  /** a finger is on the element (from touchstart to touchend) */
  const down = useRef(false);
  const fired = useRef(false);
  const latest = useRef(onLongPress);
  latest.current = onLongPress;

  const stopTimer = () => {
    clearTimeout(timer.current);
    origin.current = null;
  };
  useEffect(() => stopTimer, []);

  const lift = (event: React.TouchEvent) => {
    stopTimer();
    down.current = false;
    // the press opened the actions: the lifted finger must not also tap what it rested on (View, a link)
    if (fired.current && event.cancelable) event.preventDefault();
    fired.current = false;
  };

  return {
    onTouchStart: (event: React.TouchEvent) => {
      stopTimer();
      fired.current = false;
      down.current = true;
      if (event.touches.length !== 1) return;
      const { clientX: x, clientY: y } = event.touches[0];
      origin.current = { x, y };
      timer.current = setTimeout(() => {
        origin.current = null;
        fired.current = true;
        latest.current();
      }, LONG_PRESS_MS);
    },
    onTouchMove: (event: React.TouchEvent) => {
      const touch = event.touches[0];
      if (origin.current && touch && Math.hypot(touch.clientX - origin.current.x, touch.clientY - origin.current.y) > MOVE_TOLERANCE_PX) stopTimer();
    },
    onTouchEnd: lift,
    onTouchCancel: lift,
    // the browser's own long-press menu (Android's) while a finger is down; a mouse's right click keeps its menu
    onContextMenu: (event: React.MouseEvent) => {
      if (down.current) event.preventDefault();
    },
  };
}
