"use client";
import { useEffect, useState } from "react";

const secondsUntil = (iso: string) => Math.max(0, Math.floor((Date.parse(iso) - Date.now()) / 1000));
const clock = (s: number) => `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;

/** Time left on Keystone's auth receipt. Server-rendered first, so it shows without script too. */
export function Countdown({ expiresAt }: { expiresAt: string }) {
  const [left, setLeft] = useState(() => secondsUntil(expiresAt));
  useEffect(() => {
    const timer = setInterval(() => setLeft(secondsUntil(expiresAt)), 1000);
    return () => clearInterval(timer);
  }, [expiresAt]);

  if (left === 0) {
    return (
      <p role="alert" className="text-sm font-medium text-red-700 dark:text-red-400">
        This sign-in has expired. Start over to enter your password again.
      </p>
    );
  }
  return (
    <p className="text-sm text-zinc-600 dark:text-zinc-400">
      Time left to enter it: <span role="timer" suppressHydrationWarning className="font-mono font-medium text-zinc-900 dark:text-zinc-100">{clock(left)}</span>
    </p>
  );
}
