"use client";
import { useEffect, useState } from "react";
import { timeLeft } from "@/lib/i18n/duration";

const secondsUntil = (iso: string) => Math.max(0, Math.floor((Date.parse(iso) - Date.now()) / 1000));

/** "4:05" with the locale's digits; the composed duration ("4 min 5 sec") is the timer's accessible name. */
function clock(locale: string, s: number) {
  const two = new Intl.NumberFormat(locale, { minimumIntegerDigits: 2, useGrouping: false });
  return `${new Intl.NumberFormat(locale, { useGrouping: false }).format(Math.floor(s / 60))}:${two.format(s % 60)}`;
}

export interface CountdownLabels {
  /** "Time left to enter it: {time}" */
  timeLeft: string;
  expired: string;
}

/** Time left on Keystone's auth receipt. Server-rendered first, so it shows without script too. */
export function Countdown({ expiresAt, locale, labels }: { expiresAt: string; locale: string; labels: CountdownLabels }) {
  const [left, setLeft] = useState(() => secondsUntil(expiresAt));
  useEffect(() => {
    const timer = setInterval(() => setLeft(secondsUntil(expiresAt)), 1000);
    return () => clearInterval(timer);
  }, [expiresAt]);

  if (left === 0) {
    return (
      <p role="alert" className="text-sm font-medium text-red-700 dark:text-red-400">
        {labels.expired}
      </p>
    );
  }
  const [before, after = ""] = labels.timeLeft.split("{time}");
  return (
    <p className="text-sm text-zinc-600 dark:text-zinc-400">
      {before}
      <span role="timer" aria-label={timeLeft(locale, left)} suppressHydrationWarning className="font-mono font-medium text-zinc-900 dark:text-zinc-100">
        {clock(locale, left)}
      </span>
      {after}
    </p>
  );
}
