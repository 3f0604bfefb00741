import { useEffect, type ReactNode } from 'react';

interface PageHeaderProps {
  title: string;
  intro?: ReactNode;
  actions?: ReactNode;
}

/** The page's one <h1>; also sets the browser tab title. The heading takes focus after navigation. */
export function PageHeader({ title, intro, actions }: PageHeaderProps) {
  useEffect(() => {
    document.title = `${title} · Custodian`;
  }, [title]);
  return (
    <div className="page-header">
      <div>
        <h1 id="page-title" tabIndex={-1}>
          {title}
        </h1>
        {intro ? <div className="page-intro">{intro}</div> : null}
      </div>
      {actions ? <div className="page-actions">{actions}</div> : null}
    </div>
  );
}
