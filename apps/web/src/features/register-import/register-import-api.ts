import { registerImportApi, type ImportKind, type ImportMapping, type ImportProgressReply } from '@custodian/shared/contracts/register-import.ts';
import { call, urlOf } from '../../api/client.ts';

/** The address of the register workbook (a plain link: the session cookie authenticates the GET). */
export const registerExportUrl = urlOf(registerImportApi.export);

/** A chosen file's bytes as base64 (what the import routes take). */
export async function fileAsBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

export interface ChosenFile {
  kind: ImportKind;
  fileName: string;
  content: string;
}

export const analyseFile = (file: ChosenFile) => call(registerImportApi.analyse, { body: file });
export const previewFile = (file: ChosenFile, mapping: ImportMapping) => call(registerImportApi.preview, { body: { ...file, mapping } });

/**
 * Commits the file, asking the server how far it has got every half second meanwhile (on the
 * embedded database the answers wait for the commit, so the bar may jump to the end).
 */
export async function commitFile(file: ChosenFile, mapping: ImportMapping, onProgress: (progress: ImportProgressReply) => void) {
  const progressId = crypto.randomUUID();
  let isRunning = true;
  const poll = async () => {
    while (isRunning) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      if (!isRunning) return;
      const progress = await call(registerImportApi.progress, { params: { progressId } }).catch(() => null);
      if (progress && isRunning && progress.phase !== 'waiting') onProgress(progress);
    }
  };
  void poll();
  try {
    return await call(registerImportApi.commit, { body: { ...file, mapping, progressId } });
  } finally {
    isRunning = false;
  }
}
