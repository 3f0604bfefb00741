import { useEffect, useRef } from 'react';
import type { CatalogueItemDto, CatalogueReply } from '@custodian/shared/contracts/catalogue.ts';
import { useCan } from '../../api/session.ts';
import { DetailRow, DetailsList } from '../../components/details-list.tsx';
import { Link } from '../../router.tsx';
import { kindLabels } from './catalogue-api.ts';
import { attributeLabels, attributeText, type AttributeKey } from './catalogue-filter.ts';
import { GuidancePanel } from './guidance-panel.tsx';

interface CatalogueDetailProps {
  item: CatalogueItemDto;
  themes: CatalogueReply['themes'];
}

/** One catalogue item: facts, control attributes and plain-language guidance. Takes focus when opened. */
export function CatalogueDetail({ item, themes }: CatalogueDetailProps) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const canReadGap = useCan('gap.read');
  const theme = themes.find((candidate) => candidate.id === item.theme);

  useEffect(() => {
    headingRef.current?.focus();
  }, [item.id]);

  return (
    <article className="panel catalogue-detail" aria-labelledby="catalogue-detail-heading">
      <h2 id="catalogue-detail-heading" ref={headingRef} tabIndex={-1}>
        {item.ref} {item.title}
      </h2>
      <DetailsList>
        <DetailRow term="Kind">
          {kindLabels[item.kind]}
          {item.documentKind ? ` (${item.documentKind === 'record' ? 'a record' : 'a document'})` : ''}
        </DetailRow>
        {theme ? (
          <DetailRow term="Theme">
            {theme.ref} {theme.title}
          </DetailRow>
        ) : null}
        {item.stage ? <DetailRow term="Needed by">Stage {item.stage} audit</DetailRow> : null}
        {item.clauseRefs.length ? <DetailRow term="Related clauses">{item.clauseRefs.join(', ')}</DetailRow> : null}
        {(Object.keys(attributeLabels) as AttributeKey[]).map((key) => {
          const values = item.attributes?.[key] ?? [];
          if (values.length === 0) return null;
          return (
            <DetailRow key={key} term={attributeLabels[key]}>
              {values.map(attributeText).join(', ')}
            </DetailRow>
          );
        })}
      </DetailsList>
      <GuidancePanel item={item} headingLevel={3} />
      {canReadGap && item.hasRequirements ? (
        <p>
          <Link to={`/gap/${encodeURIComponent(item.id)}`} className="button button-secondary">
            Open in gap analysis
          </Link>
        </p>
      ) : null}
    </article>
  );
}
