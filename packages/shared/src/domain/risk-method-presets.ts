import { defaultRiskMethod, type RiskLevel, type RiskMethodDefinition, type ScaleLevel } from './risk-matrix.ts';

/**
 * Starting points for the method editor (3 × 3, 4 × 4, 5 × 5): a person picks one, then edits any
 * label, description, cell, colour, the appetite and the review frequency. Also the review-date rule.
 */

const threeLikelihood: ScaleLevel[] = [
  { level: 1, label: 'Unlikely', description: 'Not expected in the next few years.' },
  { level: 2, label: 'Possible', description: 'Might happen in the next year.' },
  { level: 3, label: 'Likely', description: 'Expected in the next year, or happening now.' },
];
const threeImpact: ScaleLevel[] = [
  { level: 1, label: 'Minor', description: 'Brief disruption; no patient information disclosed.' },
  { level: 2, label: 'Moderate', description: 'A day of disruption, or some patient information disclosed.' },
  { level: 3, label: 'Major', description: 'Days without clinical systems, patient harm, or a notifiable breach.' },
];
const fourLikelihood: ScaleLevel[] = [
  { level: 1, label: 'Rare', description: 'Not expected in the next five years.' },
  { level: 2, label: 'Unlikely', description: 'Could happen; not expected in the next year.' },
  { level: 3, label: 'Likely', description: 'Will probably happen in the next year.' },
  { level: 4, label: 'Almost certain', description: 'Expected several times a year, or happening now.' },
];
const fourImpact: ScaleLevel[] = [
  { level: 1, label: 'Minor', description: 'Fixed within hours; no patient affected.' },
  { level: 2, label: 'Moderate', description: 'A day of disruption, or a few records exposed.' },
  { level: 3, label: 'Major', description: 'Several days without clinical systems, or a notifiable breach.' },
  { level: 4, label: 'Severe', description: 'Patient harm or a breach affecting the whole practice.' },
];
const threeLevels: RiskLevel[] = [
  { key: 'low', label: 'Low', colour: '#2e7d32' },
  { key: 'medium', label: 'Medium', colour: '#f9a825' },
  { key: 'high', label: 'High', colour: '#c62828' },
];

export const riskMethodPresets: Record<'3x3' | '4x4' | '5x5', { label: string; method: RiskMethodDefinition }> = {
  '3x3': {
    label: '3 × 3 (simple)',
    method: {
      likelihood: threeLikelihood,
      impact: threeImpact,
      levels: threeLevels,
      matrix: [
        ['low', 'low', 'medium'],
        ['low', 'medium', 'high'],
        ['medium', 'high', 'high'],
      ],
      acceptableLevel: 'low',
      reviewMonths: 12,
    },
  },
  '4x4': {
    label: '4 × 4',
    method: {
      likelihood: fourLikelihood,
      impact: fourImpact,
      levels: defaultRiskMethod.levels,
      matrix: [
        ['low', 'low', 'medium', 'medium'],
        ['low', 'medium', 'medium', 'high'],
        ['medium', 'medium', 'high', 'extreme'],
        ['medium', 'high', 'extreme', 'extreme'],
      ],
      acceptableLevel: 'medium',
      reviewMonths: 12,
    },
  },
  '5x5': { label: '5 × 5 (recommended)', method: defaultRiskMethod },
};

/**
 * The calendar date `months` after a yyyy-mm-dd date, the day clamped to the month's length
 * (31/01 + 1 month = 28/02 or 29/02). A risk's next review defaults to its organisation's today plus
 * the method's review frequency.
 */
export function reviewDateAfter(isoDate: string, months: number): string {
  const [year = 1970, month = 1, day = 1] = isoDate.slice(0, 10).split('-').map(Number);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth, 0)).getUTCDate();
  return `${String(targetYear).padStart(4, '0')}-${String(targetMonth).padStart(2, '0')}-${String(Math.min(day, lastDay)).padStart(2, '0')}`;
}
