/** Runs once when the server starts: a bad environment stops it with a message naming the variable. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { config } = await import("./lib/config");
  try {
    config();
  } catch (e) {
    console.error((e as Error).message);
    process.exit(1);
  }
}
