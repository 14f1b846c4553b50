/** New recovery codes as a text file, for "Download (.txt)". Control characters never reach the file. */
export function recoveryCodesText(codes: string[], account: string, issuer: string, date: Date): string {
  const plain = (s: string) => s.replace(/[\p{Cc}\u2028\u2029]/gu, " ");
  return [
    `Recovery codes for ${plain(account)} (${plain(issuer)})`,
    `Made on ${date.toISOString().slice(0, 10)}. Each code signs you in once if you lose your authenticator app.`,
    "",
    ...codes.map((code, i) => `${String(i + 1).padStart(2)}. ${code}`),
    "",
  ].join("\n");
}
