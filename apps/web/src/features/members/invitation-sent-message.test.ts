import { renderToStaticMarkup } from 'react-dom/server';
import { createElement, Fragment } from 'react';
import { describe, expect, it } from 'vitest';
import type { SentInvitation } from '@custodian/shared/contracts/org.ts';
import { sentMessage } from './invitation-sent-message.tsx';

const invitation: SentInvitation = {
  id: '0190d6c2-7f00-7000-8000-000000000001',
  email: 'nurse@clinic.example',
  role: 'staff',
  expiresAt: '2027-03-10T00:00:00.000Z',
  status: 'pending',
  createdAt: '2027-03-03T00:00:00.000Z',
  delivery: 'email',
};

const html = (sent: SentInvitation, canReadOutbox: boolean) => renderToStaticMarkup(createElement(Fragment, null, sentMessage(sent, canReadOutbox)));

describe('the message after inviting someone', () => {
  it('says "sent" only when an e-mail goes out', () => {
    expect(html(invitation, true)).toBe('Invitation sent to nurse@clinic.example.');
  });

  it('without a mail server, says no e-mail was sent and links to the Outbox page', () => {
    const text = html({ ...invitation, delivery: 'outbox_only' }, true);
    expect(text).toContain('No e-mail was sent to nurse@clinic.example');
    expect(text).not.toContain('Invitation sent');
    expect(text).toContain('<a href="/outbox">Outbox page</a>');
  });

  it('asks an owner when the person may not see the Outbox', () => {
    const text = html({ ...invitation, delivery: 'outbox_only' }, false);
    expect(text).toContain('No e-mail was sent');
    expect(text).toContain('ask an owner to copy its link from the Outbox page');
    expect(text).not.toContain('<a ');
  });
});
