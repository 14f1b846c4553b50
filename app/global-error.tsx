"use client";
import "./globals.css";

/** Last resort when even the root layout fails: plain HTML, no details. */
export default function GlobalError({ reset }: { error: Error; reset: () => void }) {
  return (
    <html lang="en">
      <body className="p-12 text-center font-sans">
        <h1 className="text-xl font-semibold">Something went wrong</h1>
        <p className="mt-2">The dashboard could not show this page. Nothing was changed.</p>
        <button type="button" onClick={reset} className="mt-4 underline">
          Try again
        </button>
      </body>
    </html>
  );
}
