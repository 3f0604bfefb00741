import fc from 'fast-check';

/** Text that has broken servers before: injection, traversal, odd unicode and control characters. */
export const nastyStrings: readonly string[] = [
  "' OR '1'='1",
  "'; drop table gap_entries; --",
  '"; select pg_sleep(5); --',
  '1) union select password_hash from users --',
  '$1',
  "current_setting('app.org_id')",
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '{{7*7}}',
  '${7*7}',
  '%s%s%s%n',
  '../../../../etc/passwd',
  '..\\..\\..\\windows\\win.ini',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '/api/v1/../../etc/passwd',
  'iso27001:2022:../../A.5.1',
  '\u0000',
  'a\u0000b',
  '\u0001\u0002\u0003\u001b[31m\u007f',
  '\r\nSet-Cookie: custodian_session=stolen',
  '\u202egnp.exe',
  '\u200b\u200c\u200d\ufeff',
  '\ud800',
  '\udfff\ud800',
  'e\u0301\u0301\u0301\u0301',
  '🏥👩‍⚕️🇦🇺',
  '\u2028\u2029',
  'ＡＢＣ１２３',
  'İstanbul ß ﬃ',
  '-0',
  'NaN',
  'Infinity',
  '1e309',
  '0x10',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '__proto__',
  'constructor',
  '[object Object]',
  'null',
  'true',
  '',
  ' ',
  '0000-01-01',
  '0000-02-29',
  '9999-12-31',
  '1969-12-31',
  '2026-02-31',
];

/** Values of every JSON type, to put where another type belongs. */
export const wrongTypeValues: readonly unknown[] = [0, -1, 1.5, 2 ** 53 + 1, 1e308, true, false, null, [], [1, 'a'], {}, { a: 1 }, 'text', ''];

/** Strings longer than any field allows; the largest is over the 1 MiB body limit. */
export const hugeLengths: readonly number[] = [201, 1_001, 10_001, 100_000, 1_100_000];

/** Object keys that trip prototype handling or look like operators. */
export const oddKeys: readonly string[] = ['__proto__', 'constructor', 'prototype', '$where', 'org_id', 'orgId', 'isAdmin', '', ' ', 'a.b', 'a[0]'];

/** Whole bodies that are not the JSON object a route expects. */
export function malformedBodies(validText: string): string[] {
  const firstKey = /^\{"([^"]+)":/.exec(validText)?.[1];
  return [
    validText.slice(0, Math.max(1, Math.floor(validText.length / 2))),
    `${validText}}`,
    `${validText} trailing`,
    `\ufeff${validText}`,
    validText.replace(/"/g, "'"),
    validText.replace(/}$/, ',}'),
    firstKey ? `{"${firstKey}":0,${validText.slice(1)}` : '{"a":1,"a":2}',
    firstKey ? `${validText.slice(0, -1)},"${firstKey}":null}` : '{"a":1,"a":null}',
    '{"__proto__":{"isAdmin":true}}',
    '{"constructor":{"prototype":{"isAdmin":true}}}',
    'null',
    'true',
    '42',
    '"text"',
    '[]',
    '[{}]',
    '{',
    '}',
    '',
    ' ',
    '{"a":1e999999}',
    '{"a":"\\ud800"}',
    '{"a":"\\u0000"}',
    `${'['.repeat(5_000)}${']'.repeat(5_000)}`,
    `${'{"a":'.repeat(3_000)}1${'}'.repeat(3_000)}`,
    `{"a":"${'x'.repeat(1_100_000)}"}`,
  ];
}

/** Content types a JSON route should refuse or tolerate, never crash on. */
export const oddContentTypes: readonly string[] = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'application/jsonx',
  'application/vnd.api+json',
  '',
  ';;;',
];

/** Path segments for an id: traversal, encodings, overlong (beyond the 2000-character limit). */
export const oddPathSegments: readonly string[] = [
  '..',
  '.',
  '%2e%2e',
  '..%2f..%2fetc%2fpasswd',
  '%00',
  '%zz',
  '%',
  ' ',
  '%20',
  'a'.repeat(1_999),
  'a'.repeat(2_001),
  'b'.repeat(10_000),
  '%F0%9F%8F%A5',
  '%C0%AF',
  ';',
  'x?y=1',
  'x#y',
];

/** Query strings that bend URL parsing: repeats, brackets, bad escapes, length. */
export const oddQueries: readonly string[] = [
  'page=1&page=2',
  'page[]=1',
  'a[b]=1',
  '__proto__[x]=1',
  'constructor=1',
  '%zz=1',
  'page=%zz',
  'page=1e3',
  'page=-1',
  'page=0x10',
  'pageSize=',
  '=',
  '&&&',
  `q=${'x'.repeat(10_000)}`,
  `${'k'.repeat(5_000)}=1`,
];

/** Headers the server reads itself: the session cookie, the CSRF token, the origin check, the accepted types. */
export const oddHeaderNames: readonly string[] = ['cookie', 'x-csrf-token', 'origin', 'accept', 'x-forwarded-for'];

/** A random text value: mostly the list above, sometimes random (including control characters and lone surrogates). */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...nastyStrings) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom('\u0000', '\u0007', '\u001f', '\ud800', '\u202e', '\ufeff', 'a', "'"), maxLength: 20 }) },
);
