// Seeds the local Keystone with demo domains, projects, users and bob's TOTP MFA.
// Idempotent: objects are found by name; generated passwords and the TOTP secret
// are kept in $KEYSTONE_HOME/seed.json and reused on later runs.
// Plain Node 20 (global fetch, node:crypto), no dependencies.
import { createHmac, randomBytes, randomInt } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const home = resolve(process.env.KEYSTONE_HOME || join(dirname(fileURLToPath(import.meta.url)), '../../.keystone'));
const env = Object.fromEntries(
  readFileSync(join(home, 'instance.env'), 'utf8').split('\n').filter((l) => l.includes('='))
    .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
);
const url = env.KEYSTONE_URL;
const seedFile = join(home, 'seed.json');
const previous = existsSync(seedFile) ? JSON.parse(readFileSync(seedFile, 'utf8')) : { users: {} };

// ---------- helpers ----------
let token;
async function api(method, path, body, { ok = [200, 201, 204], headers = {} } = {}) {
  const res = await fetch(url + path, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token && { 'X-Auth-Token': token }), ...headers },
    body: body && JSON.stringify(body),
  });
  const text = await res.text();
  if (!ok.includes(res.status)) throw new Error(`${method} ${path} -> ${res.status} ${text}`);
  return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : null };
}

function password() {
  const a = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from({ length: 20 }, () => a[randomInt(a.length)]).join('');
}

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
function base32(buf) {
  let bits = '';
  for (const b of buf) bits += b.toString(2).padStart(8, '0');
  return bits.match(/.{1,5}/g).map((c) => B32[parseInt(c.padEnd(5, '0'), 2)]).join('');
}
function unbase32(s) {
  const bits = [...s].map((c) => B32.indexOf(c).toString(2).padStart(5, '0')).join('');
  return Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
}
// RFC 6238: HMAC-SHA1, 6 digits, 30 s steps (what Keystone checks).
function totp(secret, t = Date.now()) {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(Math.floor(t / 30000)));
  const h = createHmac('sha1', unbase32(secret)).update(msg).digest();
  const o = h[h.length - 1] & 15;
  return String((h.readUInt32BE(o) & 0x7fffffff) % 1e6).padStart(6, '0');
}

// Find by name (list filters), create if missing.
async function ensure(collection, key, filter, body) {
  const qs = new URLSearchParams(filter).toString();
  const found = (await api('GET', `/${collection}?${qs}`)).json[collection];
  if (found.length) return found[0];
  console.log(`created ${key} ${body.name}`);
  return (await api('POST', `/${collection}`, { [key]: body })).json[key];
}


function authBody(user, methods, extra = {}) {
  return {
    auth: {
      identity: { methods, password: { user: { id: user.id, password: user.password } }, ...extra },
      scope: { project: { id: user.projectId } },
    },
  };
}

// ---------- admin token ----------
{
  const res = await api('POST', '/auth/tokens?nocatalog', {
    auth: {
      identity: { methods: ['password'], password: { user: { name: env.OS_USERNAME, domain: { name: env.OS_USER_DOMAIN_NAME }, password: env.OS_PASSWORD } } },
      scope: { project: { name: env.OS_PROJECT_NAME, domain: { name: env.OS_PROJECT_DOMAIN_NAME } } },
    },
  });
  token = res.headers.get('x-subject-token');
}

// ---------- domains, projects, group, roles ----------
const domains = {
  Default: (await api('GET', '/domains/default')).json.domain.id,
  Research: (await ensure('domains', 'domain', { name: 'Research' }, { name: 'Research', description: 'Second demo domain' })).id,
};
const projects = {};
for (const [name, domain] of [['admin', 'Default'], ['demo', 'Default'], ['web', 'Default'], ['service', 'Default'], ['lab', 'Research']]) {
  projects[name] = (await ensure('projects', 'project', { name, domain_id: domains[domain] }, { name, domain_id: domains[domain] })).id;
}
const groups = {
  operators: (await ensure('groups', 'group', { name: 'operators', domain_id: domains.Default }, { name: 'operators', domain_id: domains.Default })).id,
};
const roles = {};
for (const name of ['admin', 'member']) {
  const [r] = (await api('GET', `/roles?name=${name}`)).json.roles;
  if (!r) throw new Error(`role ${name} missing (bootstrap creates it)`);
  roles[name] = r.id;
}

// ---------- users ----------
// key: name in seed.json; roles: [role, project]; project: default project (also used for checks).
const specs = [
  { key: 'admin', name: 'demo-admin', domain: 'Default', project: 'demo', roles: [['admin', 'demo'], ['admin', 'admin'], ['member', 'web']], groups: ['operators'] },
  { key: 'member', name: 'alice', domain: 'Default', project: 'demo', roles: [['member', 'demo'], ['member', 'web']] },
  { key: 'mfa', name: 'bob', domain: 'Default', project: 'demo', roles: [['member', 'demo']], mfa: true },
  { key: 'research', name: 'dana', domain: 'Research', scope: 'lab', roles: [['member', 'lab']] },
  { key: 'service', name: 'dashboard-svc', domain: 'Default', scope: 'service', roles: [['admin', 'service']] },
];

const users = {};
const checks = [];
for (const s of specs) {
  const domainId = domains[s.domain];
  const old = previous.users?.[s.key];
  let pw = old?.name === s.name && old.password;
  const found = (await api('GET', `/users?${new URLSearchParams({ name: s.name, domain_id: domainId })}`)).json.users[0];
  let user = found;
  if (!found) {
    pw ||= password();
    user = (await api('POST', '/users', { user: { name: s.name, domain_id: domainId, password: pw, ...(s.project && { default_project_id: projects[s.project] }) } })).json.user;
    console.log(`created user ${s.name}`);
  } else if (!pw) {
    // Exists but its password was never recorded (seed.json lost): set a new one.
    pw = password();
    await api('PATCH', `/users/${user.id}`, { user: { password: pw } });
    console.log(`reset password of ${s.name} (not in seed.json)`);
  }
  if (s.project && user.default_project_id !== projects[s.project]) {
    await api('PATCH', `/users/${user.id}`, { user: { default_project_id: projects[s.project] } });
  }
  // List what exists first so a re-run issues no writes (a HEAD miss would log a 404 traceback).
  const have = new Set((await api('GET', `/role_assignments?user.id=${user.id}`)).json.role_assignments
    .map((a) => `${a.role.id}@${a.scope.project?.id}`));
  for (const [role, project] of s.roles) {
    if (!have.has(`${roles[role]}@${projects[project]}`)) await api('PUT', `/projects/${projects[project]}/users/${user.id}/roles/${roles[role]}`);
  }
  const inGroups = new Set((await api('GET', `/users/${user.id}/groups`)).json.groups.map((g) => g.id));
  for (const g of s.groups ?? []) if (!inGroups.has(groups[g])) await api('PUT', `/groups/${groups[g]}/users/${user.id}`);
  users[s.key] = { id: user.id, name: s.name, password: pw, domain: s.domain };
  checks.push({ ...users[s.key], projectId: projects[s.project ?? s.scope], mfa: !!s.mfa, options: user.options ?? {} });
}

// bob: TOTP credential first, MFA rules after (rules without a credential lock him out).
{
  const bob = users.mfa;
  const creds = (await api('GET', `/credentials?user_id=${bob.id}&type=totp`)).json.credentials;
  let secret = creds[0]?.blob;
  if (!secret) {
    secret = previous.users?.mfa?.totpSecret || base32(randomBytes(20)); // 32 chars, A-Z2-7, no padding
    await api('POST', '/credentials', { credential: { type: 'totp', user_id: bob.id, blob: secret } });
    console.log('created totp credential for bob');
  }
  bob.totpSecret = secret;
  const o = checks.find((c) => c.id === bob.id).options;
  if (o.multi_factor_auth_enabled !== true || JSON.stringify(o.multi_factor_auth_rules) !== '[["password","totp"]]') {
    await api('PATCH', `/users/${bob.id}`, { user: { options: { multi_factor_auth_enabled: true, multi_factor_auth_rules: [['password', 'totp']] } } });
    console.log('set MFA rules for bob');
  }
}

// ---------- seed.json ----------
const superuser = { id: (await api('GET', `/users?name=admin&domain_id=${domains.Default}`)).json.users[0].id, name: 'admin', password: env.OS_PASSWORD, domain: 'Default' };
const out = { keystoneUrl: url, domains, projects, groups, users: { superuser, ...users } };
const json = JSON.stringify(out, null, 2) + '\n';
if (!existsSync(seedFile) || readFileSync(seedFile, 'utf8') !== json) writeFileSync(seedFile, json, { mode: 0o600 });
chmodSync(seedFile, 0o600);

// ---------- verify logins through the API ----------
token = undefined;
for (const c of checks.filter((c) => !c.mfa)) await api('POST', '/auth/tokens?nocatalog', authBody(c, ['password']), { ok: [201] });
{
  const bob = { ...users.mfa, projectId: projects.demo };
  const first = await api('POST', '/auth/tokens?nocatalog', authBody(bob, ['password']), { ok: [401] });
  const receipt = first.headers.get('openstack-auth-receipt');
  if (!receipt) throw new Error(`bob: password-only login gave 401 without Openstack-Auth-Receipt: ${JSON.stringify(first.json)}`);
  const second = await api('POST', '/auth/tokens?nocatalog', {
    auth: {
      identity: { methods: ['totp'], totp: { user: { id: bob.id, passcode: totp(bob.totpSecret) } } },
      scope: { project: { id: bob.projectId } },
    },
  }, { ok: [201], headers: { 'Openstack-Auth-Receipt': receipt } });
  const methods = second.json.token.methods.sort().join(',');
  if (methods !== 'password,totp') throw new Error(`bob: token methods ${methods}`);
}

// ---------- human summary ----------
console.log(`\nKeystone ${url}  (seed data: ${seedFile}; all logins verified)`);
console.table([superuser, ...Object.values(users)].map((u) => ({
  username: u.name, domain: u.domain, password: u.password, MFA: u.totpSecret ? 'password+totp' : 'no',
})));
console.log(`bob TOTP secret: ${users.mfa.totpSecret}  current code: ${totp(users.mfa.totpSecret)}`);
