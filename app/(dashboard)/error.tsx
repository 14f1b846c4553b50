"use client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

/** Shown instead of a stack trace when a page cannot be built, most often because Keystone is away. */
export default function DashboardError({ reset }: { error: Error; reset: () => void }) {
  return (
    <div className="max-w-xl space-y-4">
      <h1 className="text-2xl font-semibold tracking-tight">This page could not be loaded</h1>
      <Alert tone="error">
        The identity service did not answer as expected. It may be unavailable; your data is unchanged.
      </Alert>
      <Button onClick={reset}>Try again</Button>
    </div>
  );
}
