"use client";
import { buttonClass } from "@/components/ui/button";

/** Opens the browser's print dialog (the page's print styles leave only what should be on paper). */
export function PrintButton({ children }: { children: React.ReactNode }) {
  return (
    <button type="button" onClick={() => window.print()} className={buttonClass("secondary")}>
      {children}
    </button>
  );
}
