import { execFile, execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import {
  applicationCredentialCloudsYaml,
  applicationCredentialOpenrc,
  asciiQuoted,
  cloudNameFor,
  cloudsYaml,
  openrc,
  type ApplicationCredentialProfile,
  type CliProfile,
} from "@/lib/clouds";

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
    expect(openrc(profile)).not.toMatch(/Passcode|v3token|export OS_AUTH_TYPE/);
  });

  it("uses v3multifactor with password and totp when MFA is required, and says where the password goes", () => {
    const yaml = cloudsYaml({ ...profile, mfa: true });
    expect(yaml).toMatch(/auth_type: v3multifactor\n\s+auth_methods:\n\s+- v3password\n\s+- v3totp/);
    expect(yaml).toContain("--os-password, OS_PASSWORD and the password prompt do not reach it");
    expect(yaml).toContain("secure.yaml");
    expect(yaml).toContain('openstack --os-cloud "openstack" --os-passcode 123456 project list');
    expect(yaml).not.toContain("let the CLI prompt");
  });

  it("signs in itself in the MFA openrc and hands the CLI a token: v3token, no OS_AUTH_METHODS", () => {
    const rc = openrc({ ...profile, mfa: true });
    expect(rc).toContain("export OS_AUTH_TYPE=v3token");
    expect(rc).not.toMatch(/export OS_AUTH_METHODS|export OS_PASSWORD|export OS_USERNAME/);
    expect(rc).toMatch(/unset [^\n]*OS_PASSWORD/);
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

/** A stand-in for Keystone's token endpoint: records what the MFA openrc sends and answers with a token. */
async function fakeKeystone(answer: number) {
  const bodies: unknown[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      bodies.push(JSON.parse(body));
      res.writeHead(answer, { "Content-Type": "application/json", ...(answer === 201 ? { "X-Subject-Token": "the-token" } : {}) });
      res.end(JSON.stringify(answer === 201 ? { token: { expires_at: "2030-01-01T00:00:00Z" } } : { error: { code: answer } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v3`;
  return { url, bodies, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** Sources the MFA openrc in bash, with the password and passcode piped in: the variables it left. */
async function sourceMfaOpenrc(rc: string, answers: string) {
  const dir = mkdtempSync(join(tmpdir(), "openrc-mfa-"));
  writeFileSync(join(dir, "openrc.sh"), rc);
  const script = 'source ./openrc.sh >/dev/null 2>&1; rm openrc.sh; printf "%s\\0" "$OS_AUTH_TYPE" "$OS_TOKEN" "$OS_PROJECT_ID" "${OS_PASSWORD-unset}" "${OS_USERNAME-unset}" "${_os_password-unset}"; env | grep -c "the-password" || true';
  const child = promisify(execFile)("bash", ["-c", script], { cwd: dir, encoding: "utf8" });
  child.child.stdin!.end(answers);
  const [authType, token, projectId, password, username, shellPassword, inEnvironment] = (await child).stdout.split("\0");
  return { authType, token, projectId, password, username, shellPassword, inEnvironment: inEnvironment.trim(), created: readdirSync(dir) };
}

describe("the MFA openrc", () => {
  it("asks for the password and a passcode, signs in with both at once, and keeps only the token", async () => {
    const keystone = await fakeKeystone(201);
    try {
      const sourced = await sourceMfaOpenrc(openrc({ ...profile, authUrl: keystone.url, mfa: true }), "the-password\n123456\n");
      expect(sourced).toEqual({ authType: "v3token", token: "the-token", projectId: "p1", password: "unset", username: "unset", shellPassword: "unset", inEnvironment: "0", created: [] });
      const user = { name: "o'brien", domain: { name: "Default" } };
      expect(keystone.bodies).toEqual([
        {
          auth: {
            identity: { methods: ["password", "totp"], password: { user: { ...user, password: "the-password" } }, totp: { user: { ...user, passcode: "123456" } } },
            scope: { project: { id: "p1" } },
          },
        },
      ]);
    } finally {
      await keystone.close();
    }
  });

  it("leaves no token and no token auth type when Keystone refuses", async () => {
    const keystone = await fakeKeystone(401);
    try {
      const sourced = await sourceMfaOpenrc(openrc({ ...profile, authUrl: keystone.url, mfa: true }), "wrong\n000000\n");
      expect(sourced).toMatchObject({ authType: "", token: "", password: "unset" });
    } finally {
      await keystone.close();
    }
  });

  it.each(HOSTILE)("keeps %j inert and sends it to Keystone unchanged", async (value) => {
    const keystone = await fakeKeystone(201);
    try {
      const hostile = { ...profile, authUrl: keystone.url, username: value, userDomain: value, project: { id: value, name: value }, mfa: true };
      const sourced = await sourceMfaOpenrc(openrc(hostile), `${value.split("\n")[0]}\n123456\n`);
      expect(sourced.created).toEqual([]);
      expect(sourced).toMatchObject({ authType: "v3token", token: "the-token", projectId: value });
      const sent = keystone.bodies[0] as { auth: { identity: { password: { user: { name: string; domain: { name: string } } } }; scope: unknown } };
      expect(sent.auth.identity.password.user).toMatchObject({ name: value, domain: { name: value } });
      expect(sent.auth.scope).toEqual({ project: { id: value } });
    } finally {
      await keystone.close();
    }
  });
});

describe("the files of an application credential", () => {
  const credential: ApplicationCredentialProfile = { authUrl: "http://127.0.0.1:5000/v3", name: "ci deploy", id: "a1", secret: "s3cr3t-_x", projectName: "demo" };

  it("use v3applicationcredential under a cloud name that needs no quoting on a command line", () => {
    expect(cloudNameFor("ci deploy")).toBe("ci-deploy");
    expect(cloudNameFor("--$(touch x)`y`")).toBe("touch-x-y");
    expect(cloudNameFor("日本")).toBe("application-credential");
    const yaml = applicationCredentialCloudsYaml(credential);
    expect(yaml).toContain("#   openstack --os-cloud ci-deploy token issue");
    expect(parseYaml(yaml)).toEqual({
      clouds: {
        "ci-deploy": {
          auth_type: "v3applicationcredential",
          auth: { auth_url: credential.authUrl, application_credential_id: "a1", application_credential_secret: "s3cr3t-_x" },
          identity_api_version: 3,
          interface: "public",
        },
      },
    });
    // YAML 1.1 reads a bare yes as true: the key is quoted.
    expect(Object.keys((parseYaml(applicationCredentialCloudsYaml({ ...credential, name: "yes" })) as { clouds: object }).clouds)).toEqual(["yes"]);
  });

  it.each(HOSTILE)("keep %j inert in the openrc, sourced by bash, and in clouds.yaml", (value) => {
    const hostile = { authUrl: value, name: value, id: value, secret: value, projectName: value };
    const dir = mkdtempSync(join(tmpdir(), "openrc-ac-"));
    writeFileSync(join(dir, "openrc.sh"), applicationCredentialOpenrc(hostile));
    const out = execFileSync("bash", ["-c", 'source ./openrc.sh >/dev/null 2>&1; rm openrc.sh; printf "%s\\0" "$OS_AUTH_TYPE" "$OS_AUTH_URL" "$OS_APPLICATION_CREDENTIAL_ID" "$OS_APPLICATION_CREDENTIAL_SECRET"'], { cwd: dir, encoding: "utf8" });
    expect(out.split("\0").slice(0, 4)).toEqual(["v3applicationcredential", value, value, value]);
    expect(readdirSync(dir)).toEqual([]);
    const parsed = parseYaml(applicationCredentialCloudsYaml(hostile)) as { clouds: Record<string, { auth: Record<string, string> }> };
    expect(parsed.clouds[cloudNameFor(value)].auth).toEqual({ auth_url: value, application_credential_id: value, application_credential_secret: value });
  });
});
