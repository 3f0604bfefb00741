/**
 * The part of the OSCAL 1.1.x catalog model the importer reads, as zod schemas. Unknown keys are kept
 * out of the way rather than rejected, so a valid catalog that uses more of OSCAL still imports; the
 * full NIST JSON schema is the authority on validity (tests check our own output against it).
 */
import { z } from 'zod';

const token = z.string().regex(/^[\p{L}_][\p{L}\p{N}_.-]*$/u, 'must be an OSCAL token (a letter or _ first)');
const nonEmpty = z.string().trim().min(1, 'must not be empty');

export interface OscalProperty {
  name: string;
  value: string;
  ns?: string | undefined;
  class?: string | undefined;
}

export interface OscalParam {
  id: string;
  label?: string | undefined;
  values?: string[] | undefined;
}

export interface OscalPart {
  id?: string | undefined;
  name: string;
  title?: string | undefined;
  prose?: string | undefined;
  props?: OscalProperty[] | undefined;
  parts?: OscalPart[] | undefined;
}

export interface OscalControl {
  id: string;
  class?: string | undefined;
  title: string;
  params?: OscalParam[] | undefined;
  props?: OscalProperty[] | undefined;
  parts?: OscalPart[] | undefined;
  controls?: OscalControl[] | undefined;
}

export interface OscalGroup {
  id?: string | undefined;
  class?: string | undefined;
  title: string;
  params?: OscalParam[] | undefined;
  props?: OscalProperty[] | undefined;
  parts?: OscalPart[] | undefined;
  groups?: OscalGroup[] | undefined;
  controls?: OscalControl[] | undefined;
}

export const oscalPropertySchema: z.ZodType<OscalProperty> = z.looseObject({
  name: token,
  value: nonEmpty,
  ns: z.string().optional(),
  class: z.string().optional(),
});

export const oscalParamSchema: z.ZodType<OscalParam> = z.looseObject({
  id: token,
  label: z.string().optional(),
  values: z.array(z.string()).optional(),
});

export const oscalPartSchema: z.ZodType<OscalPart> = z.looseObject({
  id: token.optional(),
  name: token,
  title: z.string().optional(),
  prose: z.string().optional(),
  props: z.array(oscalPropertySchema).optional(),
  get parts() {
    return z.array(oscalPartSchema).optional();
  },
});

export const oscalControlSchema: z.ZodType<OscalControl> = z.looseObject({
  id: token,
  class: z.string().optional(),
  title: nonEmpty,
  params: z.array(oscalParamSchema).optional(),
  props: z.array(oscalPropertySchema).optional(),
  parts: z.array(oscalPartSchema).optional(),
  get controls() {
    return z.array(oscalControlSchema).optional();
  },
});

export const oscalGroupSchema: z.ZodType<OscalGroup> = z.looseObject({
  id: token.optional(),
  class: z.string().optional(),
  title: nonEmpty,
  params: z.array(oscalParamSchema).optional(),
  props: z.array(oscalPropertySchema).optional(),
  parts: z.array(oscalPartSchema).optional(),
  get groups() {
    return z.array(oscalGroupSchema).optional();
  },
  get controls() {
    return z.array(oscalControlSchema).optional();
  },
});

const uuid = z.string().regex(/^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[45][0-9A-Fa-f]{3}-[89ABab][0-9A-Fa-f]{3}-[0-9A-Fa-f]{12}$/, 'must be a version 4 or 5 UUID');

/** An OSCAL catalog document: `{ "catalog": { … } }`. */
export const oscalCatalogDocumentSchema = z.looseObject({
  catalog: z.looseObject({
    uuid,
    metadata: z.looseObject({
      title: nonEmpty,
      'last-modified': z.string().min(1),
      version: nonEmpty,
      'oscal-version': z.string().regex(/^1\.1\.[0-9]+$/, 'this importer reads OSCAL 1.1.x; the file declares another version'),
      props: z.array(oscalPropertySchema).optional(),
    }),
    params: z.array(oscalParamSchema).optional(),
    controls: z.array(oscalControlSchema).optional(),
    groups: z.array(oscalGroupSchema).optional(),
  }),
});

export type OscalCatalogDocument = z.infer<typeof oscalCatalogDocumentSchema>;
