import type { UserOptions } from "@/lib/keystone";
import { describeRule } from "./methods";
import { activeRules, requiresTotp } from "./rules";

/**
 * - enforced: every way in needs a passcode;
 * - registered: an authenticator exists but no rule requires it (a passcode alone could log in);
 * - off: no authenticator and no rule that needs one.
 */
export type MfaState = "enforced" | "registered" | "off";

export function mfaState(options: UserOptions, authenticators: number): MfaState {
  if (requiresTotp(options)) return "enforced";
  return authenticators > 0 ? "registered" : "off";
}

/** "password and a passcode from an authenticator app", one sentence per rule. */
export const rulesInWords = (options: UserOptions) =>
  activeRules(options).map(describeRule);
