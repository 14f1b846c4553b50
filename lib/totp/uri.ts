/**
 * The otpauth:// URI authenticator apps read from the QR code. Keystone's TOTP is fixed at SHA1,
 * 6 digits and 30 seconds; saying so explicitly keeps apps that default otherwise in line.
 */
export function otpauthUri({ issuer, account, secret }: { issuer: string; account: string; secret: string }): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  const query = [
    `secret=${secret}`,
    `issuer=${encodeURIComponent(issuer)}`,
    "algorithm=SHA1",
    "digits=6",
    "period=30",
  ].join("&");
  return `otpauth://totp/${label}?${query}`;
}
