import { generate, generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';

/** A new base32 TOTP secret (160 bits). */
export function newTotpSecret(): string {
  return generateSecret();
}

export async function totpEnrolment(secret: string, account: string): Promise<{ otpauthUrl: string; qrCodeDataUrl: string }> {
  const otpauthUrl = generateURI({ issuer: 'Custodian', label: account, secret });
  const qrCodeDataUrl = await QRCode.toDataURL(otpauthUrl, { errorCorrectionLevel: 'M', margin: 2, width: 240 });
  return { otpauthUrl, qrCodeDataUrl };
}

/**
 * Checks a 6-digit code with 30 seconds of tolerance either side. Returns the time step it matched, so
 * the caller can refuse the same code twice (replay), or null when the code is wrong.
 */
export async function checkTotp(secret: string, code: string, lastStep: number | null, now: Date = new Date()): Promise<number | null> {
  const epoch = Math.floor(now.getTime() / 1000);
  const result = await verify({ secret, token: code, epochTolerance: 30, epoch });
  if (!result.valid) return null;
  const step = Math.floor(epoch / 30) + result.delta;
  if (lastStep !== null && step <= lastStep) return null;
  return step;
}

/** The current code for a secret (tests and the demo use it; never sent to a client). */
export function currentTotp(secret: string, at: Date = new Date()): Promise<string> {
  return generate({ secret, epoch: Math.floor(at.getTime() / 1000) });
}
