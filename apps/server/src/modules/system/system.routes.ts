import { systemApi } from '@custodian/shared/contracts/health.ts';
import { defineRoute } from '../../http/route-kit.ts';
import { getHealth } from './system.service.ts';

export const systemRoutes = [defineRoute(systemApi.health, { handler: (ctx) => getHealth(ctx) })];
