import { renderToStaticMarkup } from 'react-dom/server';
import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import type { ReadinessReply } from '@custodian/shared/contracts/gap.ts';
import { StageBlockers } from './stage-blockers.tsx';

type Stage = ReadinessReply['stages'][number];

function stage(number: number, blockerCount: number): Stage {
  const blockers = Array.from({ length: blockerCount }, (_, i) => ({
    itemId: `iso27001:2022:doc:item-${i}`,
    kind: 'document' as const,
    ref: `D.${i}`,
    title: `Document ${i}`,
    status: 'not_started' as const,
    reason: 'Not started yet.',
  }));
  return { stage: number, title: `Stage ${number} audit`, isReady: false, blockers };
}

const links = (html: string) => [...html.matchAll(/<a href="([^"]*)">([^<]*)<\/a>/g)].filter((match) => !match[1]?.startsWith('/gap/')).map((match) => [match[1], match[2]]);

describe('StageBlockers', () => {
  it('links Stage 1 to the gap analysis filtered to Stage 1, not to all items', () => {
    expect(links(renderToStaticMarkup(createElement(StageBlockers, { stage: stage(1, 32) })))).toEqual([['/gap?stage=1', 'See every Stage 1 item in the gap analysis']]);
  });

  it('links Stage 2 (which needs every applicable control too) to the whole gap analysis', () => {
    expect(links(renderToStaticMarkup(createElement(StageBlockers, { stage: stage(2, 40) })))).toEqual([['/gap', 'See everything in the gap analysis']]);
  });
});
