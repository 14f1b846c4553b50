import type { MfaState } from "@/lib/mfa/state";

const looks: Record<MfaState, { label: string; tone: string }> = {
  enforced: { label: "Enforced", tone: "bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100" },
  registered: { label: "Registered, not enforced", tone: "bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100" },
  off: { label: "None", tone: "bg-zinc-200 text-zinc-800 dark:bg-zinc-700 dark:text-zinc-100" },
};

export function MfaBadge({ state, enrolmentPending = false }: { state: MfaState; enrolmentPending?: boolean }) {
  const { label, tone } = looks[state];
  return (
    <span className={`whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-semibold ${tone}`}>
      {enrolmentPending ? "Enforced, enrols at next sign-in" : label}
    </span>
  );
}
