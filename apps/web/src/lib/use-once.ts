import { useEffect, useRef } from 'react';

/**
 * Runs `run` once, the first time `isReady` is true, and never again for this component (a link's token
 * is checked or spent once, even when React renders the page twice).
 */
export function useOnceWhen(isReady: boolean, run: () => void): void {
  const hasRun = useRef(false);
  useEffect(() => {
    if (hasRun.current || !isReady) return;
    hasRun.current = true;
    run();
  }, [isReady, run]);
}
