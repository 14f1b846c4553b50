/**
 * Durations in the user's language. Node 20 has no Intl.DurationFormat, so they are composed:
 * each unit with Intl.NumberFormat, the units joined with Intl.ListFormat.
 */

const unit = (locale: string, name: "minute" | "second", n: number, display: "long" | "short") =>
  new Intl.NumberFormat(locale, { style: "unit", unit: name, unitDisplay: display }).format(n);

/** A wait: whole minutes, rounded up ("3 minutes"), or seconds below one minute ("45 seconds"). */
export function waitDuration(locale: string, seconds: number): string {
  const s = Math.max(1, Math.ceil(seconds));
  return s < 60 ? unit(locale, "second", s, "long") : unit(locale, "minute", Math.ceil(s / 60), "long");
}

/** Time left, to the second ("4 min 5 sec" in English): for the sign-in countdown. */
export function timeLeft(locale: string, seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const parts = [];
  if (s >= 60) parts.push(unit(locale, "minute", Math.floor(s / 60), "short"));
  parts.push(unit(locale, "second", s % 60, "short"));
  return new Intl.ListFormat(locale, { type: "unit", style: "narrow" }).format(parts);
}
