/**
 * Files people attach to a board (contracts, content drafts): what each purpose accepts and how a
 * file's real type is told from its first bytes. Shared so the page can refuse a wrong file before
 * uploading it; the server decides again from the bytes it receives (a name or a Content-Type
 * header is whatever the client says).
 */

/** Why a file is uploaded; each purpose has its own allowlist. */
export const FILE_PURPOSES = ['contract', 'draft'] as const;
export type FilePurpose = (typeof FILE_PURPOSES)[number];

/** The types Roster stores, by their MIME type, with the name endings that go with each. */
export const FILE_TYPES = {
  'application/pdf': { label: 'PDF', extensions: ['pdf'] },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
    label: 'Word document (.docx)',
    extensions: ['docx'],
  },
  'image/png': { label: 'PNG image', extensions: ['png'] },
  'image/jpeg': { label: 'JPEG image', extensions: ['jpg', 'jpeg'] },
  'image/gif': { label: 'GIF image', extensions: ['gif'] },
  'image/webp': { label: 'WebP image', extensions: ['webp'] },
  'video/mp4': { label: 'MP4 video', extensions: ['mp4', 'm4v'] },
  'video/quicktime': { label: 'QuickTime video (.mov)', extensions: ['mov'] },
  'video/webm': { label: 'WebM video', extensions: ['webm'] },
} as const;
export type FileType = keyof typeof FILE_TYPES;

/** What each purpose accepts. */
export const ALLOWED_TYPES: Record<FilePurpose, readonly FileType[]> = {
  contract: ['application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  draft: ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'video/mp4', 'video/quicktime', 'video/webm'],
};

/** What the people choosing a file are told each purpose takes. */
export const ALLOWED_SENTENCE: Record<FilePurpose, string> = {
  contract: 'a PDF or a Word document (.docx)',
  draft: 'an image (PNG, JPEG, GIF, WebP) or a video (MP4, MOV, WebM)',
};

/** The `accept` attribute of a file input for a purpose. */
export function acceptAttribute(purpose: FilePurpose): string {
  return ALLOWED_TYPES[purpose].flatMap((type) => [type, ...FILE_TYPES[type].extensions.map((e) => `.${e}`)]).join(',');
}

/** How many leading bytes `sniffFileType` needs. */
export const SNIFF_BYTES = 16;

/**
 * The type a file's first bytes say it is (null: none we store). A DOCX starts like any ZIP
 * archive; `isDocxArchive` tells the rest once the whole file was seen.
 */
export function sniffFileType(head: Uint8Array): FileType | 'application/zip' | null {
  const starts = (bytes: number[], at = 0) => bytes.every((byte, i) => head[at + i] === byte);
  const ascii = (text: string, at = 0) =>
    starts(
      [...text].map((c) => c.charCodeAt(0)),
      at,
    );
  if (ascii('%PDF-')) return 'application/pdf';
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (ascii('GIF87a') || ascii('GIF89a')) return 'image/gif';
  if (ascii('RIFF') && ascii('WEBP', 8)) return 'image/webp';
  if (starts([0x1a, 0x45, 0xdf, 0xa3])) return 'video/webm';
  if (ascii('ftyp', 4)) return ascii('qt  ', 8) ? 'video/quicktime' : 'video/mp4';
  if (starts([0x50, 0x4b, 0x03, 0x04])) return 'application/zip';
  return null;
}

/** The name ending of a file name, lower-cased ('' without one). */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/** Whether a name's ending fits a purpose at all (the bytes are checked too). */
export function nameFitsPurpose(name: string, purpose: FilePurpose): boolean {
  const extension = extensionOf(name);
  return ALLOWED_TYPES[purpose].some((type) => (FILE_TYPES[type].extensions as readonly string[]).includes(extension));
}

// A stored file as cells refer to it is `FileRef` (board/deals/deal.ts): { fileId, name, size, type }.

/** The session API path a file is downloaded from by members. */
export function fileDownloadPath(boardId: string, fileId: string): string {
  return `/api/boards/${boardId}/files/${fileId}`;
}

/** The path a file is downloaded from through a share link (only files its creator's cells name). */
export function linkFileDownloadPath(token: string, fileId: string): string {
  return `/api/links/${token}/files/${fileId}`;
}

/** The upload path of a board; the body is the file itself, its name in `X-File-Name` (percent-encoded). */
export function fileUploadPath(boardId: string, purpose: FilePurpose): string {
  return `/api/boards/${boardId}/files?purpose=${purpose}`;
}
