/**
 * New recovery codes as a text file, for "Download (.txt)": a heading (in the user's language, the
 * caller's words for `title` and `note`), then the codes numbered. Control characters never reach the file.
 */
export function recoveryCodesText(codes: string[], heading: { title: string; note: string }): string {
  const plain = (s: string) => s.replace(/[\p{Cc}\u2028\u2029]/gu, " ");
  return [plain(heading.title), plain(heading.note), "", ...codes.map((code, i) => `${String(i + 1).padStart(2)}. ${code}`), ""].join("\n");
}
