/** The dashboard's mark: a shield over a key, drawn inline so it costs no request. */
export function Logo({ className = "" }: { className?: string }) {
  return (
    <svg viewBox="0 0 48 48" className={className} aria-hidden="true" focusable="false">
      <rect width="48" height="48" rx="12" className="fill-brand-600" />
      <path d="M24 9l12 4.5v9.2c0 7.6-5.1 14.3-12 16.3-6.9-2-12-8.7-12-16.3v-9.2z" fill="none" stroke="white" strokeWidth="2.5" strokeLinejoin="round" />
      <circle cx="24" cy="21.5" r="3.5" fill="white" />
      <path d="M24 25v7" stroke="white" strokeWidth="2.5" strokeLinecap="round" />
    </svg>
  );
}
