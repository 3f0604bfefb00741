import type { z } from 'zod';
import type { member, invitation, outboxMessage, organisation } from '@custodian/shared/contracts/org.ts';
import type { mfaSetupReply, recoveryCodesReply, loginReply, signUpReply } from '@custodian/shared/contracts/auth.ts';

/** Shapes of API replies, inferred from the shared zod contracts. */
export type Member = z.infer<typeof member>;
export type Invitation = z.infer<typeof invitation>;
export type OutboxMessage = z.infer<typeof outboxMessage>;
export type Organisation = z.infer<typeof organisation>;
export type MfaSetupReply = z.infer<typeof mfaSetupReply>;
export type RecoveryCodesReply = z.infer<typeof recoveryCodesReply>;
export type LoginReply = z.infer<typeof loginReply>;
export type SignUpReply = z.infer<typeof signUpReply>;

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

export interface InvitationPreview {
  organisationName: string;
  email: string;
  role: Member['role'];
  hasAccount: boolean;
}
