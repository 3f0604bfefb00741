import { describe, expect, it } from 'vitest';
import { addMonths, certificateStatusOf, defaultExpiry, dueByOf } from './certification-cycle.ts';

describe('certification cycle dates', () => {
  it('adds months on the calendar, keeping to the last day of a short month', () => {
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2027-05-15', 12)).toBe('2028-05-15');
    expect(addMonths('2030-03-14', -3)).toBe('2029-12-14');
  });

  it('expires the day before the third anniversary of issue', () => {
    expect(defaultExpiry('2027-03-15')).toBe('2030-03-14');
    expect(defaultExpiry('2028-02-29')).toBe('2031-02-27');
  });

  it('puts surveillance 12 and 24 months after the decision and recertification 3 months before expiry', () => {
    const dates = { issuedOn: '2027-03-15', expiresOn: '2030-03-14', stage2On: '2027-02-20' };
    expect(dueByOf('surveillance1', dates)).toBe('2028-03-15');
    expect(dueByOf('surveillance2', dates)).toBe('2029-03-15');
    expect(dueByOf('recertification', dates)).toBe('2029-12-14');
    expect(dueByOf('stage1', dates)).toBeNull();
    expect(dueByOf('stage2', dates)).toBeNull();
  });

  it('counts from the Stage 2 audit before a certificate is issued, and says nothing without either', () => {
    const planned = { issuedOn: null, expiresOn: null, stage2On: '2027-06-01' };
    expect(dueByOf('surveillance1', planned)).toBe('2028-06-01');
    expect(dueByOf('recertification', planned)).toBeNull();
    expect(dueByOf('surveillance1', { issuedOn: null, expiresOn: null, stage2On: null })).toBeNull();
    expect(dueByOf('recertification', { issuedOn: '2027-03-15', expiresOn: null, stage2On: null })).toBe('2029-12-14');
  });

  it('says where a certificate stands', () => {
    expect(certificateStatusOf({ isCurrent: false, issuedOn: '2027-01-01', expiresOn: '2029-12-31' }, '2028-01-01')).toBe('superseded');
    expect(certificateStatusOf({ isCurrent: true, issuedOn: null, expiresOn: null }, '2028-01-01')).toBe('working_towards');
    expect(certificateStatusOf({ isCurrent: true, issuedOn: '2027-01-01', expiresOn: '2029-12-31' }, '2029-12-31')).toBe('certified');
    expect(certificateStatusOf({ isCurrent: true, issuedOn: '2027-01-01', expiresOn: '2029-12-31' }, '2030-01-01')).toBe('expired');
  });
});
