import { config } from "./config";

export function checkConfigOrExit() {
  try {
    config();
  } catch (e) {
    console.error((e as Error).message);
    process.exit(1);
  }
}
