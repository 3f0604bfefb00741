import { inflateRawSync } from 'node:zlib';
import type { EvidenceFileType } from '@custodian/shared/contracts/evidence.ts';

/**
 * What an uploaded file is, told from its own bytes; its name and the browser's word are never
 * trusted. The allow-list (ADR 0028): PDF, PNG, JPEG, Word (.docx) and Excel (.xlsx) documents — a ZIP
 * whose `[Content_Types].xml` names the main part of one, so macro-enabled files (.docm, .xlsm) and
 * other ZIPs are refused — and plain text or CSV (valid UTF-8 without control characters, and nothing
 * a browser would read as HTML, XML or SVG). Anything else is null, and the upload is refused.
 */
export function sniffEvidenceType(bytes: Buffer, fileName: string): EvidenceFileType | null {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return officeType(bytes);
  if (isPlainText(bytes)) return /\.csv$/i.test(fileName) ? 'text/csv' : 'text/plain';
  return null;
}

/** The extension a file of each type is saved with (a download named "report.exe" holding text becomes "report.exe.txt"). */
const extensions: Record<EvidenceFileType, readonly string[]> = {
  'application/pdf': ['.pdf'],
  'image/png': ['.png'],
  'image/jpeg': ['.jpg', '.jpeg'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['.docx'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['.xlsx'],
  'text/plain': ['.txt', '.text', '.log', '.md'],
  'text/csv': ['.csv'],
};

/** The file name kept: the uploaded one, with its type's extension added when the name does not already end in one. */
export function evidenceFileName(fileName: string, type: EvidenceFileType): string {
  const lower = fileName.toLowerCase();
  const known = extensions[type];
  return known.some((ext) => lower.endsWith(ext)) ? fileName : `${fileName}${known[0] ?? ''}`;
}

function startsWith(bytes: Buffer, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((byte, i) => bytes[i] === byte);
}

const wordMain = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';
const excelMain = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml';

function officeType(bytes: Buffer): EvidenceFileType | null {
  const entries = zipEntries(bytes);
  if (!entries) return null;
  // A Word or Excel file with a macro project is refused even when its main part says otherwise.
  if (entries.some((entry) => /vbaproject\.bin$/i.test(entry.name))) return null;
  const types = entries.find((entry) => entry.name === '[Content_Types].xml');
  if (!types) return null;
  const xml = readEntry(bytes, types);
  if (xml === null) return null;
  const hasPart = (name: string) => entries.some((entry) => entry.name === name);
  if (xml.includes(`ContentType="${wordMain}"`) && hasPart('word/document.xml')) return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  if (xml.includes(`ContentType="${excelMain}"`) && hasPart('xl/workbook.xml')) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  return null;
}

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  localOffset: number;
}

/** The entries of a ZIP's central directory; null when it is not a well-formed ZIP. */
function zipEntries(bytes: Buffer): ZipEntry[] | null {
  // The end-of-central-directory record is in the last 64 KB + 22 bytes.
  const from = Math.max(0, bytes.length - 65_557);
  let end = -1;
  for (let i = bytes.length - 22; i >= from; i -= 1) {
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count; n += 1) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== 0x02014b50) return null;
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    if (at + 46 + nameLength > bytes.length) return null;
    entries.push({
      name: bytes.toString('utf8', at + 46, at + 46 + nameLength),
      method: bytes.readUInt16LE(at + 10),
      compressedSize: bytes.readUInt32LE(at + 20),
      localOffset: bytes.readUInt32LE(at + 42),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** An entry's text (stored or deflated, at most 1 MB unpacked); null when it cannot be read. */
function readEntry(bytes: Buffer, entry: ZipEntry): string | null {
  const at = entry.localOffset;
  if (at + 30 > bytes.length || bytes.readUInt32LE(at) !== 0x04034b50) return null;
  const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (data.length !== entry.compressedSize) return null;
  try {
    if (entry.method === 0) return data.toString('utf8');
    if (entry.method === 8) return inflateRawSync(data, { maxOutputLength: 1024 * 1024 }).toString('utf8');
  } catch {
    return null;
  }
  return null;
}

/** A control character other than tab, line feed, form feed and carriage return. */
function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0c && code !== 0x0d) || code === 0x7f) return true;
  }
  return false;
}

const markup = /<\s*(!doctype|html|head|body|script|iframe|object|embed|svg|\?xml|meta|link|style|a\s|img)/i;

/** UTF-8 text (a BOM allowed) with no control characters but tab, line breaks and form feed, and no markup. */
function isPlainText(bytes: Buffer): boolean {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  if (hasControlCharacter(text)) return false;
  if (text.replace(/^\uFEFF/, '').trimStart().startsWith('<')) return false;
  return !markup.test(text);
}
