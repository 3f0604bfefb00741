import { describe, expect, it } from 'vitest';
import { recoveryCodesText } from './recovery-codes-text.ts';

describe('recoveryCodesText', () => {
  it('lists every code, numbered, with whose codes they are and the day (dd/mm/yyyy)', () => {
    const text = recoveryCodesText(['aaaa-bbbb', 'cccc-dddd'], { email: 'casey@clinic.example', organisation: 'Jetty Road' }, new Date(2027, 2, 5, 10));
    expect(text.split('\n')).toEqual([
      'Custodian recovery codes for casey@clinic.example (Jetty Road)',
      'Made on 05/03/2027. Each code signs you in once if you lose your phone. Keep them somewhere safe, away from your computer.',
      '',
      ' 1. aaaa-bbbb',
      ' 2. cccc-dddd',
      '',
    ]);
  });
});
