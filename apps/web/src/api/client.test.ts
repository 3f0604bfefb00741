import { afterEach, describe, expect, it, vi } from 'vitest';
import { authApi } from '@custodian/shared/contracts/auth.ts';
import { gapApi } from '@custodian/shared/contracts/gap.ts';
import { orgApi } from '@custodian/shared/contracts/org.ts';
import { ApiError } from './api-error.ts';
import { call, parseReply, setCsrfToken, setStepUpHandler, toQueryString, unexpectedReplyMessage, urlOf } from './client.ts';

const okReply = { ok: true };

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('toQueryString', () => {
  it('leaves out undefined, null and empty values and keeps numbers and false', () => {
    expect(toQueryString({ q: '', status: undefined, owner: null, limit: 50, isOverdue: false, sort: 'ref' })).toBe('?limit=50&isOverdue=false&sort=ref');
  });

  it('is empty when nothing is left', () => {
    expect(toQueryString({ q: '' })).toBe('');
    expect(toQueryString(undefined)).toBe('');
  });
});

describe('urlOf', () => {
  it('fills and encodes path parameters under /api/v1', () => {
    expect(urlOf(gapApi.get, { params: { itemId: 'iso27001:2022:A.5.1' } })).toBe('/api/v1/gap/items/iso27001%3A2022%3AA.5.1');
  });

  it('adds the query of a list, skipping blanks', () => {
    expect(urlOf(gapApi.list, { query: { status: 'partial', q: '', sort: 'title', order: 'desc', cursor: undefined } })).toBe('/api/v1/gap/items?status=partial&sort=title&order=desc');
  });

  it('needs no input for a route without parameters (the XLSX export link)', () => {
    expect(urlOf(gapApi.export)).toBe('/api/v1/gap/export.xlsx');
  });
});

describe('parseReply', () => {
  it('returns a reply that matches the contract', () => {
    expect(parseReply(orgApi.removeMember, okReply)).toEqual(okReply);
  });

  it('turns a reply that does not match into a message for a practice manager, never zod wording', () => {
    const attempt = () => parseReply(orgApi.members, { items: [{ name: 'Sam' }], page: 1, pageSize: 50, total: 1 });
    expect(attempt).toThrow(ApiError);
    try {
      attempt();
    } catch (error) {
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).code).toBe('unexpected_reply');
      expect((error as ApiError).message).toBe(unexpectedReplyMessage);
      expect((error as ApiError).message).not.toMatch(/expected|invalid_type|received/i);
    }
  });

  it('refuses to parse a file route as JSON', () => {
    expect(() => parseReply(gapApi.export, 'PK')).toThrow(unexpectedReplyMessage);
  });
});

describe('call', () => {
  it('sends the contract method, JSON body and CSRF token, and parses the reply', async () => {
    const fetchMock = vi.fn(async () => jsonResponse(200, okReply));
    vi.stubGlobal('fetch', fetchMock);
    setCsrfToken('token-1');
    await expect(call(orgApi.removeMember, { params: { userId: '6f1c1f4e-3b7a-4a55-9d8e-6d3f9d6a2b10' } })).resolves.toEqual(okReply);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/v1/members/6f1c1f4e-3b7a-4a55-9d8e-6d3f9d6a2b10');
    expect(init.method).toBe('DELETE');
    expect((init.headers as Record<string, string>)['X-CSRF-Token']).toBe('token-1');
  });

  it('reads a fresh CSRF token and retries once when the token went stale', async () => {
    const replies = [jsonResponse(403, { error: { code: 'csrf_failed', message: 'stale' } }), jsonResponse(200, { csrfToken: 'token-2' }), jsonResponse(200, { status: 'signed_in' })];
    const fetchMock = vi.fn(async () => replies.shift() ?? jsonResponse(500, {}));
    vi.stubGlobal('fetch', fetchMock);
    setCsrfToken('token-1');
    await expect(call(authApi.logIn, { body: { email: 'a@b.example', password: 'x' } })).resolves.toEqual({ status: 'signed_in' });
    const retry = fetchMock.mock.calls[2] as unknown as [string, RequestInit];
    expect((retry[1].headers as Record<string, string>)['X-CSRF-Token']).toBe('token-2');
    expect(retry[1].body).toBe(JSON.stringify({ email: 'a@b.example', password: 'x' }));
  });

  it('asks the person to confirm it is them when a sensitive action needs it, then sends the action again', async () => {
    const stepUp = { error: { code: 'step_up_required', message: "Confirm it's you" } };
    const replies = [jsonResponse(403, stepUp), jsonResponse(200, okReply)];
    const fetchMock = vi.fn(async () => replies.shift() ?? jsonResponse(500, {}));
    vi.stubGlobal('fetch', fetchMock);
    setCsrfToken('token-1');
    const handler = vi.fn(async () => true);
    setStepUpHandler(handler);
    try {
      await expect(call(authApi.mfaDisable)).resolves.toEqual(okReply);
      expect(handler).toHaveBeenCalledTimes(1);
      expect(fetchMock).toHaveBeenCalledTimes(2);
      // Cancelled: the action stays refused, and it is not sent again.
      replies.push(jsonResponse(403, stepUp));
      handler.mockResolvedValueOnce(false);
      const failure = await call(authApi.mfaDisable).catch((error: unknown) => error);
      expect((failure as ApiError).code).toBe('step_up_required');
      expect(fetchMock).toHaveBeenCalledTimes(3);
    } finally {
      setStepUpHandler(null);
    }
  });

  it('throws the server error with its code and details (an edit conflict keeps the current record)', async () => {
    const details = { current: { version: 3 } };
    vi.stubGlobal('fetch', vi.fn(async () => jsonResponse(409, { error: { code: 'edit_conflict', message: 'Someone else saved it.', details } })));
    setCsrfToken('token-1');
    const failure = await call(orgApi.update, { body: { version: 2, name: 'Harbourside' } }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).code).toBe('edit_conflict');
    expect((failure as ApiError).details).toEqual(details);
  });
});

describe('the CSRF token of a write', () => {
  it('is the one in the CSRF cookie, which the server replaced at sign-in: no 403 and no retry', async () => {
    const fetchMock = vi.fn(async (_url: string, init: RequestInit) => {
      const sent = (init.headers as Record<string, string>)['X-CSRF-Token'];
      return sent === 'after-sign-in' ? jsonResponse(200, okReply) : jsonResponse(403, { error: { code: 'csrf_failed', message: 'stale' } });
    });
    vi.stubGlobal('fetch', fetchMock);
    vi.stubGlobal('document', { cookie: 'theme=dark; custodian_csrf=after-sign-in' });
    setCsrfToken('before-sign-in');
    await expect(call(orgApi.removeMember, { params: { userId: '6f1c1f4e-3b7a-4a55-9d8e-6d3f9d6a2b10' } })).resolves.toEqual(okReply);
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('is read from the session before the first write of a page that has none', async () => {
    const cookie = { value: '' };
    vi.stubGlobal('document', {
      get cookie() {
        return cookie.value;
      },
    });
    const fetchMock = vi.fn(async (url: string) => {
      if (url === '/api/v1/auth/session') {
        cookie.value = 'custodian_csrf=fresh';
        return jsonResponse(200, { csrfToken: 'fresh' });
      }
      return jsonResponse(200, okReply);
    });
    vi.stubGlobal('fetch', fetchMock);
    setCsrfToken(null);
    await expect(call(orgApi.removeMember, { params: { userId: '6f1c1f4e-3b7a-4a55-9d8e-6d3f9d6a2b10' } })).resolves.toEqual(okReply);
    expect(fetchMock.mock.calls.map(([url]) => url)).toEqual(['/api/v1/auth/session', '/api/v1/members/6f1c1f4e-3b7a-4a55-9d8e-6d3f9d6a2b10']);
    expect(((fetchMock.mock.calls[1] as unknown as [string, RequestInit])[1].headers as Record<string, string>)['X-CSRF-Token']).toBe('fresh');
  });
});
