import type { CatalogueItemDto } from '@custodian/shared/contracts/catalogue.ts';

/** The catalogue's plain-language guidance for one item: what it means and what an auditor will ask. */
export function GuidancePanel({ item, headingLevel = 2 }: { item: CatalogueItemDto; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  if (!item.guidance) {
    return (
      <div className="guidance">
        <p className="muted">There is no guidance for this item yet.</p>
      </div>
    );
  }
  return (
    <div className="guidance">
      <Heading>What it means in a clinic</Heading>
      <p>{item.guidance.meaning}</p>
      <Heading>What an auditor asks to see</Heading>
      {item.guidance.evidence.length ? (
        <ul>
          {item.guidance.evidence.map((evidence) => (
            <li key={evidence}>{evidence}</li>
          ))}
        </ul>
      ) : (
        <p className="muted">No specific evidence is listed.</p>
      )}
    </div>
  );
}
