import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';

/**
 * A software passkey authenticator for tests: real P-256 keys (node:crypto), real CBOR attestation
 * objects ("none" attestation) and real ECDSA signatures over authenticator data and the client data
 * hash, exactly what a browser hands the server. The server checks them with @simplewebauthn/server;
 * nothing is stubbed.
 */

type Cbor = number | string | Uint8Array | CborMap | { [key: string]: Cbor };
type CborMap = Map<number | string, Cbor>;

function head(major: number, length: number): Buffer {
  if (length < 24) return Buffer.from([(major << 5) | length]);
  if (length < 0x100) return Buffer.from([(major << 5) | 24, length]);
  if (length < 0x10000) return Buffer.from([(major << 5) | 25, length >> 8, length & 0xff]);
  const b = Buffer.alloc(5);
  b[0] = (major << 5) | 26;
  b.writeUInt32BE(length, 1);
  return b;
}

/** A minimal CBOR encoder: integers, text, byte strings and maps (all attestation objects need). */
export function cbor(value: Cbor): Buffer {
  if (typeof value === 'number') return value >= 0 ? head(0, value) : head(1, -1 - value);
  if (typeof value === 'string') {
    const text = Buffer.from(value, 'utf8');
    return Buffer.concat([head(3, text.length), text]);
  }
  if (value instanceof Uint8Array) return Buffer.concat([head(2, value.length), Buffer.from(value)]);
  const entries = value instanceof Map ? [...value.entries()] : Object.entries(value);
  return Buffer.concat([head(5, entries.length), ...entries.flatMap(([k, v]) => [cbor(k), cbor(v)])]);
}

const b64 = (bytes: Uint8Array | string): string => Buffer.from(bytes).toString('base64url');
const sha256 = (data: Uint8Array | string): Buffer => createHash('sha256').update(data).digest();

interface Credential {
  id: Buffer;
  privateKey: KeyObject;
  publicKey: KeyObject;
  userHandle: string;
  counter: number;
}

interface CreationOptions {
  challenge: string;
  rp: { id: string };
  user: { id: string };
}

interface RequestOptions {
  challenge: string;
  rpId: string;
  allowCredentials?: Array<{ id: string }> | undefined;
}

/** Flags of authenticator data: user present, user verified, attested credential data included. */
const userPresent = 0x01;
const userVerified = 0x04;
const attestedData = 0x40;

export class SoftAuthenticator {
  readonly credentials: Credential[] = [];

  constructor(readonly origin: string) {}

  private authData(rpId: string, flags: number, counter: number, attested?: Buffer): Buffer {
    const count = Buffer.alloc(4);
    count.writeUInt32BE(counter);
    return Buffer.concat([sha256(rpId), Buffer.from([flags]), count, ...(attested ? [attested] : [])]);
  }

  private clientData(type: 'webauthn.create' | 'webauthn.get', challenge: string, origin = this.origin): Buffer {
    return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }));
  }

  /** Makes a new resident credential for the options' person and answers `startRegistration`'s way. */
  register(options: CreationOptions, tweak: { isUserVerified?: boolean; origin?: string } = {}) {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = publicKey.export({ format: 'jwk' });
    const coseKey = cbor(
      new Map<number, Cbor>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, Buffer.from(jwk.x ?? '', 'base64url')],
        [-3, Buffer.from(jwk.y ?? '', 'base64url')],
      ]),
    );
    const id = randomBytes(16);
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(id.length);
    const attested = Buffer.concat([Buffer.alloc(16), idLength, id, coseKey]);
    const flags = userPresent | attestedData | (tweak.isUserVerified === false ? 0 : userVerified);
    const authData = this.authData(options.rp.id, flags, 0, attested);
    const credential: Credential = { id, privateKey, publicKey, userHandle: options.user.id, counter: 0 };
    this.credentials.push(credential);
    return {
      id: b64(id),
      rawId: b64(id),
      type: 'public-key' as const,
      response: {
        clientDataJSON: b64(this.clientData('webauthn.create', options.challenge, tweak.origin)),
        attestationObject: b64(cbor({ fmt: 'none', attStmt: {}, authData })),
        transports: ['internal'],
      },
      authenticatorAttachment: 'platform' as const,
      clientExtensionResults: {},
    };
  }

  /**
   * Signs the options' challenge with an allowed credential (or, with none listed, the newest one: a
   * discoverable credential) and answers `startAuthentication`'s way.
   */
  assert(options: RequestOptions, tweak: { credential?: Credential; isUserVerified?: boolean; origin?: string; counter?: number } = {}) {
    const allowed = options.allowCredentials?.map((c) => c.id);
    const credential = tweak.credential ?? [...this.credentials].reverse().find((c) => !allowed || allowed.includes(b64(c.id)));
    if (!credential) throw new Error('the soft authenticator holds no credential the options allow');
    credential.counter = tweak.counter ?? credential.counter + 1;
    const flags = userPresent | (tweak.isUserVerified === false ? 0 : userVerified);
    const authData = this.authData(options.rpId, flags, credential.counter);
    const clientDataJSON = this.clientData('webauthn.get', options.challenge, tweak.origin);
    const signature = sign('sha256', Buffer.concat([authData, sha256(clientDataJSON)]), credential.privateKey);
    return {
      id: b64(credential.id),
      rawId: b64(credential.id),
      type: 'public-key' as const,
      response: {
        clientDataJSON: b64(clientDataJSON),
        authenticatorData: b64(authData),
        signature: b64(signature),
        userHandle: credential.userHandle,
      },
      authenticatorAttachment: 'platform' as const,
      clientExtensionResults: {},
    };
  }
}
