"use client";
import { useFormStatus } from "react-dom";
import { Button } from "./button";

/** A submit button that disables itself while its form is being sent (no double submits). */
export function SubmitButton({ children, pendingText, variant, className }: {
  children: React.ReactNode;
  pendingText?: string;
  variant?: "primary" | "secondary" | "danger";
  className?: string;
}) {
  const { pending } = useFormStatus();
  return (
    <Button type="submit" variant={variant} className={className} disabled={pending} aria-disabled={pending}>
      {pending ? (pendingText ?? children) : children}
    </Button>
  );
}
