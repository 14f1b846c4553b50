import { ensureTestKeystones, testKeystone } from "../support/test-keystone";

export default function setup() {
  ensureTestKeystones([testKeystone]);
}
