import { describe, expect, it } from 'vitest';
import { createBody, emptyRiskValues, joinAssetIds, splitAssetIds, updateBody } from './risk-form-values.ts';

const a = '0b9e3c8e-7d2a-4f57-9a53-3f0f0e2d1a01';
const b = '0b9e3c8e-7d2a-4f57-9a53-3f0f0e2d1a02';

describe("a risk's assets in the form", () => {
  it('round-trips the chosen ids and sends them on create', () => {
    expect(splitAssetIds(joinAssetIds([a, b]))).toEqual([a, b]);
    expect(splitAssetIds('')).toEqual([]);
    const values = { ...emptyRiskValues('2027-12-03'), title: 'Ransomware', inherentLikelihood: '3', inherentImpact: '5', assetIds: joinAssetIds([a]) };
    expect(createBody(values, { threatId: null }).assetIds).toEqual([a]);
  });

  it('sends the assets on an edit only when they changed, and an emptied list as none', () => {
    const values = { ...emptyRiskValues('2027-12-03'), assetIds: '' };
    expect(updateBody(4, { title: 'New title' }, values)).toEqual({ version: 4, title: 'New title' });
    expect(updateBody(4, { assetIds: '' }, values)).toEqual({ version: 4, assetIds: [] });
  });
});
