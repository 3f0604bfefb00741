import { fileURLToPath } from 'node:url';

/** The package paths every test tier resolves, as tsconfig.json's `paths` do for the type checker. */
export const aliases = {
  '@custodian/shared': fileURLToPath(new URL('./packages/shared/src', import.meta.url)),
  '@custodian/catalogue': fileURLToPath(new URL('./packages/catalogue/src', import.meta.url)),
};
