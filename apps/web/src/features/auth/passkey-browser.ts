import { browserSupportsWebAuthn, startAuthentication, startRegistration } from '@simplewebauthn/browser';
import type { authenticationOptionsReply, AuthenticationResponse, registrationOptionsReply, registrationResponse } from '@custodian/shared/contracts/passkeys.ts';
import type { z } from 'zod';
import { ApiError } from '../../api/api-error.ts';

/** Whether this browser can use passkeys at all. */
export function canUsePasskeys(): boolean {
  return typeof window !== 'undefined' && browserSupportsWebAuthn();
}

/** What a person reads when the browser's passkey prompt did not give an answer (never the browser's own wording). */
function passkeyProblem(error: unknown): ApiError {
  const name = error instanceof Error ? error.name : '';
  if (name === 'InvalidStateError') return new ApiError(0, 'unknown', 'This passkey is already registered with Custodian.');
  if (name === 'NotAllowedError' || name === 'AbortError') return new ApiError(0, 'unknown', 'The passkey was not used: the request was cancelled or timed out. Try again.');
  return new ApiError(0, 'unknown', 'Your browser or device could not use a passkey. Try again, or use your password.');
}

/** Asks the browser to create a passkey for the options; its answer for the server. */
export async function createPasskey(options: z.infer<typeof registrationOptionsReply>): Promise<z.input<typeof registrationResponse>> {
  try {
    return (await startRegistration({ optionsJSON: options as Parameters<typeof startRegistration>[0]['optionsJSON'] })) as z.input<typeof registrationResponse>;
  } catch (error) {
    throw passkeyProblem(error);
  }
}

/** Asks the browser to sign the options' challenge with a passkey; its answer for the server. */
export async function signWithPasskey(options: z.infer<typeof authenticationOptionsReply>): Promise<AuthenticationResponse> {
  try {
    return (await startAuthentication({ optionsJSON: options as Parameters<typeof startAuthentication>[0]['optionsJSON'] })) as AuthenticationResponse;
  } catch (error) {
    throw passkeyProblem(error);
  }
}
