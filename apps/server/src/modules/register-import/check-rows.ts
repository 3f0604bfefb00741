import {
  importFields,
  kindSheets,
  sheetNames,
  type ImportKind,
  type ImportMapping,
  type ImportProblem,
  type SheetRole,
} from '@custodian/shared/contracts/register-import.ts';
import {
  assetKindLabels,
  assetKinds,
  assetRelationLabels,
  assetRelations,
  ciaLabels,
  recordRef,
  riskStatusLabels,
  riskStatuses,
  taskStatusLabels,
  taskStatuses,
  treatmentLabels,
  treatmentOptions,
  type AssetKind,
  type AssetRelation,
  type ClassificationLevel,
  type RiskStatus,
  type TaskStatus,
  type TreatmentOption,
} from '@custodian/shared/contracts/risk-vocabulary.ts';
import { isWithinAppetite, scoreRisk, type RiskMethodDefinition } from '@custodian/shared/domain/risk-matrix.ts';
import {
  cellText,
  choiceOf,
  choices,
  dateOf,
  dateTimeOf,
  levelOf,
  listOf,
  memberOf,
  ProblemList,
  requiredText,
  shown,
  textOf,
  type RowReader,
} from './cell-values.ts';
import type { ReadSheet } from './read-file.ts';

/** What the rows are checked against: the register as it is and the organisation's words. */
export interface ImportContext {
  assetIds: ReadonlyMap<string, string>;
  riskIds: ReadonlyMap<string, string>;
  /** Member id by lower-case e-mail address. */
  members: ReadonlyMap<string, string>;
  classification: readonly ClassificationLevel[];
  method: RiskMethodDefinition;
  /** Catalogue id of each Annex A control, by "A.5.1" and by its full id. */
  controls: ReadonlyMap<string, string>;
  threatIds: ReadonlySet<string>;
  /** Turns a wall-clock time from the file (in a Date's UTC fields) into the instant in the organisation's time zone. */
  instantOf: (wall: Date) => Date;
}

export interface AssetRow {
  row: number;
  ref: string | null;
  name: string;
  kind: AssetKind;
  classification: string;
  confidentiality: number;
  integrity: number;
  availability: number;
  ownerUserId: string | null;
  location: string;
  description: string;
}

export interface LinkRow {
  fromRef: string;
  toRef: string;
  relation: AssetRelation;
}

export interface Score {
  likelihood: number;
  impact: number;
}

export interface RiskRow {
  row: number;
  ref: string | null;
  title: string;
  threat: string;
  vulnerability: string;
  description: string;
  threatId: string | null;
  ownerUserId: string | null;
  assetRefs: string[];
  inherent: Score;
  current: Score | null;
  residual: Score | null;
  treatment: TreatmentOption | null;
  treatmentNotes: string;
  status: RiskStatus;
  nextReviewOn: string | null;
  /** The standing acceptance of a risk marked "Residual risk accepted". */
  acceptance: { acceptedBy: string; acceptedAt: Date; note: string } | null;
}

export interface TaskRow {
  riskRef: string;
  title: string;
  ownerUserId: string | null;
  dueOn: string | null;
  status: TaskStatus;
  controlIds: string[];
  notes: string;
}

export interface ImportPlan {
  rowCount: number;
  assets: AssetRow[];
  links: LinkRow[];
  risks: RiskRow[];
  tasks: TaskRow[];
  problems: ImportProblem[];
}

const labelled = <K extends string>(keys: readonly K[], labels: Record<K, string>) => choices(keys.map((key) => ({ key, label: labels[key] })));
const kindChoices = labelled(assetKinds, assetKindLabels);
const relationChoices = labelled(assetRelations, assetRelationLabels);
const treatmentChoices = labelled(treatmentOptions, treatmentLabels);
const riskStatusChoices = labelled(riskStatuses, riskStatusLabels);
const taskStatusChoices = labelled(taskStatuses, taskStatusLabels);
const ciaNames = [1, 2, 3, 4, 5].map((n) => ciaLabels[n] ?? String(n));

/** Walks the mapped rows of one sheet; a required field without a column is one problem for the sheet. */
function eachRow(sheet: ReadSheet | undefined, mapping: ImportMapping, problems: ProblemList, visit: (r: RowReader) => void): number {
  if (!sheet) return 0;
  const columns = mapping[sheet.role] ?? {};
  const fields = importFields[sheet.role];
  const missing = fields.filter((f) => f.isRequired && (columns[f.key] === undefined || columns[f.key] === null));
  if (missing.length > 0) {
    for (const f of missing) problems.add(0, `Choose the column that holds ${f.label}.`);
    return sheet.rows.length;
  }
  const labels = new Map(fields.map((f) => [f.key, f.label]));
  for (const { row, cells } of sheet.rows) {
    visit({
      row,
      problems,
      cell: (key) => {
        const at = columns[key];
        return at === undefined || at === null ? null : (cells[at] ?? null);
      },
      label: (key) => labels.get(key) ?? key,
    });
  }
  return sheet.rows.length;
}

/** A ref from the file: kept when given (checked, unique in the register and the file); null when blank. */
function refOf(r: RowReader, register: ReadonlyMap<string, string>, seen: Map<string, number>, what: string): string | null {
  const text = textOf(r, 'ref');
  if (text === '') return null;
  if (!recordRef.safeParse(text).success) {
    r.problems.add(r.row, `Ref '${shown(text)}' must be 1 to 40 letters, digits, dots, dashes or underscores, starting with a letter or digit.`);
    return null;
  }
  if (register.has(text))
    r.problems.add(
      r.row,
      `Ref '${text}' is already used by ${what} in the register; an import adds ${what}s, it does not change them. Leave the ref blank to get the next free one.`,
    );
  else if (seen.has(text)) r.problems.add(r.row, `Ref '${text}' is also used on row ${seen.get(text) ?? 0} of this file.`);
  else seen.set(text, r.row);
  return text;
}

/**
 * Checks an asset file a slice of rows at a time, into `plan`: `checkSlice(from, to)` for the main
 * sheet's rows, then `finish()` for the links (which may point at any row of the file) and the
 * problems. The commit writes each clean slice while the next is checked (commit-assets.ts); the
 * preview checks the whole sheet as one slice. A required field without a column is found before any
 * row (`hasProblems()` is then true at once).
 */
export function assetChecker(sheets: ReadSheet[], mapping: ImportMapping, context: ImportContext, plan: ImportPlan) {
  const [main, linkSheet] = [sheets.find((s) => s.role === 'assets'), sheets.find((s) => s.role === 'asset_links')];
  const problems = new ProblemList(sheetNames.assets, true);
  const seen = new Map<string, number>();
  const classes = choices(context.classification.map((level) => ({ key: level.key, label: level.label })));
  const rows = main?.rows ?? [];
  const isMissingColumns = main !== undefined && eachRow({ ...main, rows: [] }, mapping, problems, () => undefined) === 0 && problems.problems.length > 0;
  const visit = (r: RowReader) => {
    const ref = refOf(r, context.assetIds, seen, 'an asset');
    const name = requiredText(r, 'name', 200);
    const kind = choiceOf(r, 'kind', kindChoices, true);
    const classification = choiceOf(r, 'classification', classes, true);
    const [c, i, a] = (['confidentiality', 'integrity', 'availability'] as const).map((key) => levelOf(r, key, ciaNames, true));
    const ownerUserId = memberOf(r, 'owner', context.members);
    const location = textOf(r, 'location', 500);
    const description = textOf(r, 'description');
    if (name && kind && classification && c && i && a) {
      plan.assets.push({ row: r.row, ref, name, kind, classification, confidentiality: c, integrity: i, availability: a, ownerUserId, location, description });
    }
  };
  return {
    rowCount: rows.length,
    /** The main sheet's refs as given (blank ones left out), for numbering blank refs before every row is checked. */
    givenRefs: (): string[] => {
      const column = mapping.assets?.ref;
      if (column === undefined || column === null) return [];
      return rows.map((row) => cellText(row.cells[column] ?? null)).filter((ref) => ref !== '');
    },
    checkSlice: (from: number, to: number): void => {
      if (!main || isMissingColumns) return;
      eachRow({ ...main, rows: rows.slice(from, to) }, mapping, problems, visit);
    },
    hasProblems: (): boolean => problems.problems.length > 0,
    finish: (): void => {
      plan.rowCount += rows.length;
      plan.problems.push(...problems.problems);
      const linkProblems = new ProblemList(sheetNames.asset_links, false);
      const keys = new Set<string>();
      plan.rowCount += eachRow(linkSheet, mapping, linkProblems, (r) => {
        const [fromRef, toRef] = (['from', 'to'] as const).map((key) => {
          const ref = requiredText(r, key, 40);
          if (ref !== null && !seen.has(ref) && !context.assetIds.has(ref))
            r.problems.add(r.row, `${r.label(key)} '${shown(ref)}' is not an asset in this file or in the register.`);
          return ref;
        });
        const relation = choiceOf(r, 'relation', relationChoices, true);
        if (!fromRef || !toRef || !relation) return;
        if (fromRef === toRef) return r.problems.add(r.row, 'An asset cannot be linked to itself.');
        const key = `${fromRef}\u0000${relation}\u0000${toRef}`;
        if (keys.has(key)) return r.problems.add(r.row, `The link from '${fromRef}' to '${toRef}' is listed twice.`);
        keys.add(key);
        plan.links.push({ fromRef, toRef, relation });
      });
      plan.problems.push(...linkProblems.problems);
    },
  };
}

function checkAssets(sheets: ReadSheet[], mapping: ImportMapping, context: ImportContext, plan: ImportPlan): void {
  const checker = assetChecker(sheets, mapping, context, plan);
  checker.checkSlice(0, checker.rowCount);
  checker.finish();
}

/** A likelihood × impact pair: both given or neither. */
function scoreOf(r: RowReader, prefix: 'inherent' | 'current' | 'residual', method: RiskMethodDefinition): Score | null {
  const isRequired = prefix === 'inherent';
  const likelihood = levelOf(
    r,
    `${prefix}Likelihood`,
    method.likelihood.map((l) => l.label),
    isRequired,
  );
  const impact = levelOf(
    r,
    `${prefix}Impact`,
    method.impact.map((l) => l.label),
    isRequired,
  );
  if (likelihood === undefined && impact === undefined) return null;
  if (likelihood === undefined || impact === undefined) {
    r.problems.add(
      r.row,
      `${r.label(`${prefix}${likelihood === undefined ? 'Likelihood' : 'Impact'}`)} is empty; give both likelihood and impact, or neither.`,
    );
    return null;
  }
  return likelihood && impact ? { likelihood, impact } : null;
}

const acceptedLabel = riskStatusLabels.accepted;

/**
 * The acceptance of a risk marked "Residual risk accepted", by the app's rules: who and when given,
 * the acceptor a member and the risk's owner, a residual score, and a note above the appetite.
 * Acceptance columns on a risk with another status are a problem too.
 */
function acceptanceOf(r: RowReader, status: RiskStatus, ownerUserId: string | null, residual: Score | null, context: ImportContext): RiskRow['acceptance'] {
  const byText = textOf(r, 'acceptedBy');
  const note = textOf(r, 'acceptanceNote');
  const hasAt = r.cell('acceptedAt') !== null && String(r.cell('acceptedAt')).trim() !== '';
  if (status !== 'accepted') {
    if (byText !== '' || hasAt || note !== '')
      r.problems.add(
        r.row,
        `${r.label('acceptedBy')}, ${r.label('acceptedAt')} and ${r.label('acceptanceNote')} are only for a risk marked '${acceptedLabel}'; this risk is '${riskStatusLabels[status]}'. Clear them or change the status.`,
      );
    return null;
  }
  if (byText === '' || !hasAt) {
    r.problems.add(r.row, `a risk marked '${acceptedLabel}' needs who accepted it (${r.label('acceptedBy')}) and when (${r.label('acceptedAt')}).`);
    return null;
  }
  const acceptedBy = memberOf(r, 'acceptedBy', context.members);
  const acceptedAt = dateTimeOf(r, 'acceptedAt', context.instantOf);
  if (acceptedBy !== null) {
    if (ownerUserId === null) r.problems.add(r.row, `a risk marked '${acceptedLabel}' needs an owner (${r.label('owner')}): only its owner can accept it.`);
    else if (acceptedBy !== ownerUserId)
      r.problems.add(r.row, `${r.label('acceptedBy')} '${shown(byText)}' is not the risk's owner; only its owner (${r.label('owner')}) can accept it.`);
  }
  if (residual === null) {
    r.problems.add(r.row, `a risk marked '${acceptedLabel}' needs its residual score (${r.label('residualLikelihood')} and ${r.label('residualImpact')}).`);
    return null;
  }
  if (note === '' && !isWithinAppetite(context.method, scoreRisk(context.method, residual.likelihood, residual.impact).key))
    r.problems.add(r.row, `the residual score is above the organisation's risk appetite: say why it was accepted anyway (${r.label('acceptanceNote')}).`);
  return acceptedBy === null || acceptedAt === null ? null : { acceptedBy, acceptedAt, note };
}

function checkRisks(sheets: ReadSheet[], mapping: ImportMapping, context: ImportContext, plan: ImportPlan): void {
  const [main, taskSheet] = [sheets.find((s) => s.role === 'risks'), sheets.find((s) => s.role === 'treatment_tasks')];
  const problems = new ProblemList(sheetNames.risks, true);
  const seen = new Map<string, number>();
  const method = context.method;
  plan.rowCount += eachRow(main, mapping, problems, (r) => {
    const before = problems.problems.length;
    const ref = refOf(r, context.riskIds, seen, 'a risk');
    const title = requiredText(r, 'title', 200);
    const threatId = textOf(r, 'threatId', 100) || null;
    if (threatId && !context.threatIds.has(threatId))
      r.problems.add(r.row, `Threat library scenario '${shown(threatId)}' is not in the healthcare threat library.`);
    const assetRefs = [...new Set(listOf(r, 'assets'))];
    for (const assetRef of assetRefs)
      if (!context.assetIds.has(assetRef)) r.problems.add(r.row, `Asset '${shown(assetRef)}' is not in the asset register; import the assets first.`);
    const inherent = scoreOf(r, 'inherent', method);
    const current = scoreOf(r, 'current', method);
    const residual = scoreOf(r, 'residual', method);
    const treatment = choiceOf(r, 'treatment', treatmentChoices, false) ?? null;
    const status = choiceOf(r, 'status', riskStatusChoices, false) ?? 'identified';
    const ownerUserId = memberOf(r, 'owner', context.members);
    const acceptance = status ? acceptanceOf(r, status, ownerUserId, residual, context) : null;
    const row: Omit<RiskRow, 'title' | 'inherent' | 'status'> = {
      row: r.row,
      ref,
      threat: textOf(r, 'threat'),
      vulnerability: textOf(r, 'vulnerability'),
      description: textOf(r, 'description'),
      threatId,
      ownerUserId,
      assetRefs,
      current,
      residual,
      treatment,
      treatmentNotes: textOf(r, 'treatmentNotes'),
      nextReviewOn: dateOf(r, 'nextReview'),
      acceptance,
    };
    if (title && inherent && status && problems.problems.length === before) plan.risks.push({ ...row, title, inherent, status });
  });
  plan.problems.push(...problems.problems);
  const taskProblems = new ProblemList(sheetNames.treatment_tasks, false);
  plan.rowCount += eachRow(taskSheet, mapping, taskProblems, (r) => {
    const before = taskProblems.problems.length;
    const riskRef = requiredText(r, 'risk', 40);
    if (riskRef && !seen.has(riskRef) && !context.riskIds.has(riskRef))
      r.problems.add(r.row, `Risk '${shown(riskRef)}' is not a risk in this file or in the register.`);
    const title = requiredText(r, 'title', 200);
    const controlIds: string[] = [];
    for (const control of listOf(r, 'controls')) {
      const id = context.controls.get(control) ?? context.controls.get(control.toUpperCase());
      if (id) controlIds.push(id);
      else r.problems.add(r.row, `Annex A control '${shown(control)}' is not an ISO/IEC 27001:2022 Annex A control (write them like A.5.1; A.8.7).`);
    }
    const task = {
      ownerUserId: memberOf(r, 'owner', context.members),
      dueOn: dateOf(r, 'due'),
      status: choiceOf(r, 'status', taskStatusChoices, false) ?? 'not_started',
      notes: textOf(r, 'notes'),
    };
    if (riskRef && title && task.status && taskProblems.problems.length === before)
      plan.tasks.push({ ...task, status: task.status, riskRef, title, controlIds: [...new Set(controlIds)] });
  });
  plan.problems.push(...taskProblems.problems);
}

/** Checks every row of the kind's sheets against the register and the organisation's words. */
export function checkRows(kind: ImportKind, sheets: ReadSheet[], mapping: ImportMapping, context: ImportContext): ImportPlan {
  const plan: ImportPlan = { rowCount: 0, assets: [], links: [], risks: [], tasks: [], problems: [] };
  const roles: readonly SheetRole[] = kindSheets[kind];
  const ofKind = sheets.filter((s) => roles.includes(s.role));
  if (kind === 'assets') checkAssets(ofKind, mapping, context, plan);
  else checkRisks(ofKind, mapping, context, plan);
  refuseEmpty(plan, sheets);
  return plan;
}

/** A file with a header row and nothing else is a problem too. */
export function refuseEmpty(plan: ImportPlan, sheets: readonly ReadSheet[]): void {
  if (plan.rowCount === 0 && plan.problems.length === 0)
    plan.problems.push({ sheet: sheets[0]?.sheetName ?? '', row: 0, message: 'The file has a header row but no rows to import.' });
}
