import { describe, expect, it } from "vitest";
import { cloudsYaml, openrc, type CliProfile } from "@/lib/clouds";

const profile: CliProfile = {
  cloudName: "openstack",
  authUrl: "http://127.0.0.1:5000/v3",
  username: "o'brien",
  userDomain: "Default",
  project: { id: "p1", name: "demo" },
  mfa: false,
};

describe("CLI files", () => {
  it("uses the password method without MFA", () => {
    const yaml = cloudsYaml(profile);
    expect(yaml).toContain('username: "o\'brien"');
    expect(yaml).toContain('project_id: "p1"  # demo');
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
});
