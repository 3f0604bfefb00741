import type { RiskLevel, RiskMethodDefinition, ScaleLevel } from '@custodian/shared/domain/risk-matrix.ts';

/** Pure edits of a method draft in the editor: scales grow or shrink, levels come and go, the matrix follows. */

/** The matrix resized to the scales: kept cells stay, new cells take the nearest cell's level. */
export function fitMatrix(method: RiskMethodDefinition): string[][] {
  const fallback = method.levels[0]?.key ?? '';
  const keys = new Set(method.levels.map((level) => level.key));
  return method.likelihood.map((_, l) =>
    method.impact.map((__, i) => {
      const row = method.matrix[Math.min(l, method.matrix.length - 1)] ?? [];
      const cell = row[Math.min(i, row.length - 1)];
      return cell !== undefined && keys.has(cell) ? cell : fallback;
    }),
  );
}

function renumber(scale: ScaleLevel[]): ScaleLevel[] {
  return scale.map((entry, index) => ({ ...entry, level: index + 1 }));
}

export function addScaleLevel(method: RiskMethodDefinition, scale: 'likelihood' | 'impact'): RiskMethodDefinition {
  const next = { ...method, [scale]: renumber([...method[scale], { level: 0, label: 'New level', description: '' }]) };
  return { ...next, matrix: fitMatrix(next) };
}

export function removeScaleLevel(method: RiskMethodDefinition, scale: 'likelihood' | 'impact'): RiskMethodDefinition {
  const next = { ...method, [scale]: method[scale].slice(0, -1) };
  return { ...next, matrix: fitMatrix(next) };
}

export function setScaleText(method: RiskMethodDefinition, scale: 'likelihood' | 'impact', index: number, field: 'label' | 'description', value: string): RiskMethodDefinition {
  return { ...method, [scale]: method[scale].map((entry, i) => (i === index ? { ...entry, [field]: value } : entry)) };
}

/** A key for a new level that no other level has ("level_5"). */
function freshKey(levels: RiskLevel[]): string {
  let n = levels.length + 1;
  while (levels.some((level) => level.key === `level_${n}`)) n += 1;
  return `level_${n}`;
}

export function addRiskLevel(method: RiskMethodDefinition): RiskMethodDefinition {
  return { ...method, levels: [...method.levels, { key: freshKey(method.levels), label: 'New level', colour: '#6a1b9a' }] };
}

/** Removes the highest level; its cells and the appetite fall to the level below. */
export function removeRiskLevel(method: RiskMethodDefinition): RiskMethodDefinition {
  const removed = method.levels[method.levels.length - 1];
  const levels = method.levels.slice(0, -1);
  const below = levels[levels.length - 1]?.key ?? '';
  return {
    ...method,
    levels,
    matrix: method.matrix.map((row) => row.map((cell) => (cell === removed?.key ? below : cell))),
    acceptableLevel: method.acceptableLevel === removed?.key ? below : method.acceptableLevel,
  };
}

export function setRiskLevel(method: RiskMethodDefinition, index: number, field: 'label' | 'colour', value: string): RiskMethodDefinition {
  return { ...method, levels: method.levels.map((level, i) => (i === index ? { ...level, [field]: value } : level)) };
}

export function setCell(method: RiskMethodDefinition, likelihood: number, impact: number, key: string): RiskMethodDefinition {
  return { ...method, matrix: method.matrix.map((row, l) => (l === likelihood ? row.map((cell, i) => (i === impact ? key : cell)) : row)) };
}
