import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { z } from 'zod';
import { ApiError } from './api/api-error.ts';
import { sessionKey } from './api/session.ts';
import { App } from './app.tsx';
import './styles/index.css';

// The CSP forbids eval: tell zod not to probe for it (the probe itself would be reported as a violation).
z.config({ jitless: true });

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({
    // A session that expired mid-visit: read the session again so the app shows the sign-in page.
    onError: (error, query) => {
      if (!(error instanceof ApiError) || error.status !== 401 || query.queryKey[0] === sessionKey[0]) return;
      void queryClient.invalidateQueries({ queryKey: sessionKey });
    },
  }),
  defaultOptions: {
    queries: {
      retry: (failureCount, error) => !(error instanceof ApiError && error.status > 0 && error.status < 500) && failureCount < 2,
      refetchOnWindowFocus: true,
    },
  },
});

const container = document.getElementById('root');
if (!container) throw new Error('The page has no #root element.');

createRoot(container).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
