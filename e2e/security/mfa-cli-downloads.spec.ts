import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { adminToken, seed } from "../../tests/support/keystone";
import { createTestUser } from "../../tests/support/users";
import { expect, test } from "../support/fixtures";
import { patchUser, projectRole, signInAt } from "./mfa-support";
import { e2eServers } from "../../tests/support/e2e-servers";

/*
 * Observation 12 of issue 8: openrc.sh and clouds.yaml escape every value in every position. A
 * project name with line breaks (\n, and U+0085 / U+2028 / U+2029, which PyYAML also breaks on),
 * quotes, $() and backticks must neither run a command when openrc.sh is sourced nor change what
 * clouds.yaml says.
 */

test("a hostile project name and username stay inert in openrc.sh and clouds.yaml", async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), "cli-files-"));
  const ran = join(dir, "ran"); // what every payload below would create, in the shell's directory
  const payload = "$(touch ran)`touch ran`";
  // At most 64 characters: Keystone's limit for names.
  const projectName = `p-${randomBytes(3).toString("hex")}\ntouch ran\n${payload}\u2028 e: 1\u0085x: 2\u2029'"\\ #`;
  const token = await adminToken();
  const created = await fetch(`${seed.keystoneUrl}/projects`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Auth-Token": token },
    body: JSON.stringify({ project: { name: projectName, domain_id: seed.domains.Default } }),
  });
  const { project } = (await created.json()) as { project: { id: string; name: string } };
  const user = await createTestUser();
  const userName = `o'b "${randomBytes(3).toString("hex")}" ${payload}`;
  try {
    expect(project.name).toBe(projectName);
    await projectRole("PUT", project.id, user.id, "member");
    await patchUser(user.id, { name: userName, default_project_id: project.id });
    await signInAt(page, e2eServers.main, { ...user, name: userName });

    const openrc = await (await page.request.get("/settings/api-access/openrc.sh")).text();
    writeFileSync(join(dir, "openrc.sh"), openrc);
    const sourced = execFileSync("bash", ["-c", 'source "$1" >/dev/null 2>&1; printf "%s\\0" "$OS_USERNAME" "$OS_PROJECT_ID" "$OS_PASSWORD"', "_", join(dir, "openrc.sh")], {
      input: "the-password\n",
      encoding: "utf8",
      cwd: dir,
    });
    expect(existsSync(ran)).toBe(false);
    expect(sourced.split("\0").slice(0, 3)).toEqual([userName, project.id, "the-password"]);

    const yaml = await (await page.request.get("/settings/api-access/clouds.yaml")).text();
    const parsed = JSON.parse(
      execFileSync("/usr/bin/python3", ["-c", "import json, sys, yaml; print(json.dumps(yaml.safe_load(sys.stdin.read())))"], { input: yaml, encoding: "utf8" }),
    );
    expect(parsed).toEqual({
      clouds: {
        openstack: {
          auth: { auth_url: seed.keystoneUrl, username: userName, user_domain_name: "Default", project_id: project.id },
          identity_api_version: 3,
          interface: "public",
        },
      },
    });
    // The name is still there for a person reading the file, one line, escaped.
    expect(yaml.split("\n").filter((l) => l.includes("p-") && l.includes("touch")).length).toBe(1);
  } finally {
    await user.remove();
    const headers = { "Content-Type": "application/json", "X-Auth-Token": await adminToken() };
    await fetch(`${seed.keystoneUrl}/projects/${project.id}`, { method: "PATCH", headers, body: JSON.stringify({ project: { enabled: false } }) });
    await fetch(`${seed.keystoneUrl}/projects/${project.id}`, { method: "DELETE", headers });
  }
});
