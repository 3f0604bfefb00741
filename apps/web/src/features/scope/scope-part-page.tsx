import { scopePages, type ScopePageKey } from '@custodian/shared/contracts/scope.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { Link } from '../../router.tsx';
import { ScopeSectionPanel } from './scope-section-panel.tsx';

const intros: Record<ScopePageKey, string> = {
  context: 'What inside and outside the practice affects how it protects information: staffing, systems, funding, laws, threats aimed at healthcare. Revisit these when the practice changes and at management review.',
  parties: 'Who has a stake in how the practice looks after information, and what each of them needs from it. Add the usual ones with a click, then make them your own.',
  boundaries: 'What the ISMS covers: the sites, systems, processes and information in it, what it connects to and relies on, and anything left out with the reason why.',
};

/** One page of the context and scope (4.1, 4.2 or 4.3): a panel per part. */
export function ScopePartPage({ page }: { page: ScopePageKey }) {
  const definition = scopePages[page];
  return (
    <>
      <p>
        <Link to="/scope">← Back to context and scope</Link>
      </p>
      <PageHeader title={definition.title} intro={<p>{`Clause ${definition.clause}. ${intros[page]}`}</p>} />
      {definition.sections.map((section) => (
        <ScopeSectionPanel key={section} section={section} />
      ))}
    </>
  );
}
