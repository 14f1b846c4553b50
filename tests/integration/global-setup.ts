import { ensureTestKeystone } from "../support/test-keystone";

export default function setup() {
  ensureTestKeystone();
}
