import { useCallback, useEffect, useRef } from 'react';
import { notificationPermission, shouldAlert } from '../desktop-alerts';
import { firstLine } from '../markdown';
import type { InboxMessage, Preferences } from '../../shared/contract';

const TONE_HZ = 880;
const TONE_SECONDS = 0.25;
const TONE_VOLUME = 0.2;

/** A short soft beep: a sine that fades out, synthesised so the plugin ships no audio file. */
function playTone(context: AudioContext): void {
  const oscillator = context.createOscillator();
  const gain = context.createGain();
  const start = context.currentTime;
  oscillator.type = 'sine';
  oscillator.frequency.value = TONE_HZ;
  gain.gain.setValueAtTime(TONE_VOLUME, start);
  gain.gain.exponentialRampToValueAtTime(0.001, start + TONE_SECONDS);
  oscillator.connect(gain).connect(context.destination);
  oscillator.start(start);
  oscillator.stop(start + TONE_SECONDS);
}

/**
 * OS notifications and the tone for new messages, as `shouldAlert` decides. `leader` comes from the caller (the
 * inbox's stream hub); `openMessage` runs when the user clicks a notification, after the tab is brought forward.
 */
export function useDesktopAlerts(openMessage: (message: InboxMessage) => void) {
  const opener = useRef(openMessage);
  opener.current = openMessage;
  // one context for the tab's lifetime: browsers cap how many a page may create
  const audio = useRef<AudioContext | null>(null);
  useEffect(
    () => () => {
      void audio.current?.close();
      audio.current = null;
    },
    [],
  );

  const beep = useCallback(() => {
    if (typeof window.AudioContext !== 'function') return;
    const context = audio.current ?? new window.AudioContext();
    audio.current = context;
    // created before the user touched the page, the context starts suspended; resuming may still be refused
    if (context.state === 'suspended') context.resume().then(() => playTone(context), () => undefined);
    else playTone(context);
  }, []);

  const notify = useCallback((message: InboxMessage) => {
    const notification = new window.Notification(message.title, {
      body: firstLine(message.content) || undefined,
      // one notification per message, even if it is announced again
      tag: `inbox-message-${message.id}`,
    });
    notification.onclick = () => {
      window.focus();
      notification.close();
      opener.current(message);
    };
  }, []);

  /** For each new message; `leader`: whether this tab holds the browser's stream. */
  const alert = useCallback(
    (message: InboxMessage, prefs: Preferences, leader: boolean) => {
      const hidden = document.visibilityState === 'hidden';
      const decision = shouldAlert({ message, prefs, hidden, leader, now: Date.now(), permission: notificationPermission() });
      if (decision.notify) notify(message);
      if (decision.sound) beep();
    },
    [notify, beep],
  );

  return { alert };
}
