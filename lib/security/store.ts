/** Where the dashboard keeps its security state: attempt counters and one-time claims. */
export interface SecurityStore {
  /** Adds one to a counter whose window starts at its first hit and lasts windowSeconds. */
  hit(key: string, windowSeconds: number): Promise<{ count: number; resetInSeconds: number }>;
  /** Takes one back from a counter (an attempt that turned out not to be a failure); never below 0. */
  release(key: string): Promise<void>;
  /** The counter now (0 and 0 when absent/expired). */
  peek(key: string): Promise<{ count: number; resetInSeconds: number }>;
  /** Sets key for ttlSeconds only if absent; true when this call set it (atomic: two concurrent claims, one wins). */
  claim(key: string, ttlSeconds: number): Promise<boolean>;
  delete(key: string): Promise<void>;
}
