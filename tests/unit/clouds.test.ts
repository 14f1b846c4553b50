import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { asciiQuoted, cloudsYaml, openrc, type CliProfile } from "@/lib/clouds";

const profile: CliProfile = {
  cloudName: "openstack",
  authUrl: "http://127.0.0.1:5000/v3",
  username: "o'brien",
  userDomain: "Default",
  project: { id: "p1", name: "demo" },
  mfa: false,
};

/** clouds.yaml as Debian's python3-yaml (YAML 1.1, the CLI's parser) reads it. */
function parseYaml(yaml: string): unknown {
  const script = "import json, sys, yaml; print(json.dumps(yaml.safe_load(sys.stdin.read())))";
  return JSON.parse(execFileSync("/usr/bin/python3", ["-c", script], { input: yaml, encoding: "utf8" }));
}

/** Sources openrc.sh in bash in an empty directory: the variables it set, and the files anything created. */
function sourceOpenrc(rc: string) {
  const dir = mkdtempSync(join(tmpdir(), "openrc-"));
  writeFileSync(join(dir, "openrc.sh"), rc);
  const out = execFileSync(
    "bash",
    ["-c", 'source ./openrc.sh >/dev/null 2>&1; rm openrc.sh; printf "%s\\0" "$OS_USERNAME" "$OS_USER_DOMAIN_NAME" "$OS_PROJECT_ID" "$OS_PASSWORD"'],
    { cwd: dir, input: "pw\n", encoding: "utf8" },
  );
  const [username, domain, projectId, password] = out.split("\0");
  return { username, domain, projectId, password, created: readdirSync(dir) };
}

// Every way a value could leave its line or its quotes, in a shell or in YAML 1.1.
const HOSTILE = [
  "demo\ntouch pwned",
  "demo\r\ntouch pwned",
  "x\u2028touch pwned",
  "x\u0085evil: 1",
  "x\u2029- item",
  "$(touch pwned)",
  "`touch pwned`",
  "'; touch pwned; '",
  '"; touch pwned; "',
  "a\\\" b",
  "tab\there # not a comment",
  "del\u007f and c1 \u009b31m",
  "emoji 🔐 and 日本",
  "key: value\n  injected: true",
];

describe("CLI files", () => {
  it("uses the password method without MFA", () => {
    const yaml = cloudsYaml(profile);
    expect(yaml).toContain('username: "o\'brien"');
    expect(yaml).toContain('project_id: "p1"');
    expect(yaml).toContain('# project "demo"');
    expect(yaml).not.toContain("project_name");
    expect(yaml).not.toContain("v3multifactor");
    expect(openrc(profile)).toContain("export OS_USERNAME='o'\\''brien'");
    expect(openrc(profile)).not.toContain("OS_PASSCODE");
  });

  it("uses v3multifactor with password and totp when MFA is required", () => {
    const yaml = cloudsYaml({ ...profile, mfa: true });
    expect(yaml).toMatch(/auth_type: v3multifactor\n\s+auth_methods:\n\s+- v3password\n\s+- v3totp/);
    const rc = openrc({ ...profile, mfa: true });
    expect(rc).toContain("export OS_AUTH_TYPE=v3multifactor");
    expect(rc).toContain("export OS_AUTH_METHODS=v3password,v3totp");
    expect(rc).toContain("OS_PASSCODE");
  });

  it("never writes a password", () => {
    expect(cloudsYaml(profile)).not.toMatch(/^\s*password:/m);
    expect(cloudsYaml({ ...profile, mfa: true })).not.toMatch(/^\s*password:/m);
  });

  it.each(HOSTILE)("keeps %j inert in openrc.sh, sourced by bash", (value) => {
    const hostile = { ...profile, username: value, userDomain: value, project: { id: value, name: value } };
    const sourced = sourceOpenrc(openrc(hostile));
    expect(sourced.created).toEqual([]);
    expect(sourced).toMatchObject({ username: value, domain: value, projectId: value, password: "pw" });
  });

  it.each(HOSTILE)("keeps %j inert in clouds.yaml, parsed by PyYAML", (value) => {
    const hostile = { ...profile, cloudName: value, username: value, userDomain: value, authUrl: value, project: { id: value, name: value } };
    expect(parseYaml(cloudsYaml({ ...hostile, mfa: true }))).toEqual({
      clouds: {
        [value]: {
          auth_type: "v3multifactor",
          auth_methods: ["v3password", "v3totp"],
          auth: { auth_url: value, username: value, user_domain_name: value, project_id: value },
          identity_api_version: 3,
          interface: "public",
        },
      },
    });
  });

  it("quotes in printable ASCII only, one line whatever the value", () => {
    for (const value of HOSTILE) {
      const quoted = asciiQuoted(value);
      expect(quoted).toMatch(/^"[\x20-\x7e]*"$/);
      expect(JSON.parse(quoted.replace(/\\U([0-9A-F]{8})/g, (_, hex) => String.fromCodePoint(parseInt(hex, 16))))).toBe(value);
    }
    expect(asciiQuoted("🔐")).toBe('"\\U0001F510"');
  });
});
