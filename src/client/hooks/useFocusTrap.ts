import { RefObject, useEffect, useRef } from 'react';

const FOCUSABLE = 'a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])';

const focusableIn = (node: HTMLElement) =>
  Array.from(node.querySelectorAll<HTMLElement>(FOCUSABLE)).filter(
    (element) => !element.hasAttribute('disabled') && element.getAttribute('aria-hidden') !== 'true',
  );

/**
 * While `active`: moves focus into `ref`, keeps Tab and Shift+Tab inside it and calls `onEscape` on Esc
 * (whose handler gives focus back to the control that opened it).
 */
export function useFocusTrap(ref: RefObject<HTMLElement>, active: boolean, onEscape: () => void): void {
  const escape = useRef(onEscape);
  escape.current = onEscape;

  useEffect(() => {
    const node = ref.current;
    if (!active || !node) return undefined;
    // a popup's portal is attached to the document after its content mounts, and a popup opened again is shown
    // only once its animation starts: try until focus lands inside (up to half a second)
    let tries = 0;
    let entry: ReturnType<typeof setTimeout>;
    const enter = () => {
      (focusableIn(node)[0] ?? node).focus();
      if (!node.contains(document.activeElement) && ++tries < 20) entry = setTimeout(enter, 25);
    };
    entry = setTimeout(enter);

    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.stopPropagation();
        escape.current();
        return;
      }
      if (event.key !== 'Tab') return;
      const items = focusableIn(node);
      const first = items[0];
      const last = items[items.length - 1];
      if (!first) {
        event.preventDefault();
      } else if (event.shiftKey && document.activeElement === first) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault();
        first.focus();
      }
    };
    node.addEventListener('keydown', onKeyDown);
    return () => {
      clearTimeout(entry);
      node.removeEventListener('keydown', onKeyDown);
    };
  }, [active, ref]);
}
