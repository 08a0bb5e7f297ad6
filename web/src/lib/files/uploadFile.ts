import {
  ALLOWED_SENTENCE,
  ALLOWED_TYPES,
  fileUploadPath,
  formatBytes,
  nameFitsPurpose,
  SNIFF_BYTES,
  sniffFileType,
  type FilePurpose,
  type FileRef,
  type Problem,
} from '@roster/shared';

/** A stored file as the upload route answers it. */
export interface UploadedFile {
  id: string;
  name: string;
  size: number;
  type: string;
  sha256: string;
}

export type UploadResult = { ok: true; file: UploadedFile } | { ok: false; error: Problem };

export interface UploadHandle {
  /** Settles with the stored file or the refusal (never rejects). */
  done: Promise<UploadResult>;
  /** Stops the upload; `done` then settles with an "upload stopped" problem. */
  abort(): void;
}

/** The cells' reference to an uploaded file (`contractFile`, a draft's `file`). */
export function fileRefOf(file: UploadedFile): FileRef {
  return { fileId: file.id, name: file.name, size: file.size, type: file.type };
}

/**
 * Checks a chosen file in the browser the way the server will (name, first bytes, size), so a
 * wrong file is refused at once instead of after uploading it. The server checks again.
 */
export async function checkFile(file: File, purpose: FilePurpose, maxBytes?: number): Promise<Problem | null> {
  const wrongType = { code: 'file_type_not_allowed', message: `“${file.name}” is not ${ALLOWED_SENTENCE[purpose]}.` };
  if (!nameFitsPurpose(file.name, purpose)) return wrongType;
  if (maxBytes !== undefined && file.size > maxBytes)
    return {
      code: 'file_too_large',
      message: `“${file.name}” is ${formatBytes(file.size)}, larger than ${formatBytes(maxBytes)}, the most this server accepts.`,
    };
  if (file.size === 0) return { code: 'file_empty', message: 'The file is empty.' };
  const head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
  const sniffed = sniffFileType(head);
  // A .docx starts like any ZIP; only the server, reading all of it, tells the two apart.
  const allowed = ALLOWED_TYPES[purpose] as readonly string[];
  const fits = sniffed === 'application/zip' ? purpose === 'contract' : sniffed !== null && allowed.includes(sniffed);
  return fits ? null : wrongType;
}

/**
 * Uploads a file to a board with progress (XMLHttpRequest: fetch reports no upload progress).
 * `onProgress` gets the fraction sent, 0–1.
 */
export function uploadFile(
  boardId: string,
  purpose: FilePurpose,
  file: File,
  onProgress: (fraction: number) => void = () => {},
): UploadHandle {
  const request = new XMLHttpRequest();
  const done = new Promise<UploadResult>((resolve) => {
    request.open('POST', fileUploadPath(boardId, purpose));
    request.setRequestHeader('x-file-name', encodeURIComponent(file.name));
    request.setRequestHeader('content-type', 'application/octet-stream');
    request.responseType = 'json';
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    request.onload = () => {
      const body = request.response as { file?: UploadedFile; error?: Problem } | null;
      if (request.status === 201 && body?.file) resolve({ ok: true, file: body.file });
      else
        resolve({
          ok: false,
          error: body?.error ?? { code: 'upload_failed', message: `The upload failed (${request.status}).` },
        });
    };
    request.onerror = () =>
      resolve({
        ok: false,
        error: { code: 'upload_failed', message: 'The upload failed: the connection was lost. Try again.' },
      });
    request.onabort = () => resolve({ ok: false, error: { code: 'upload_stopped', message: 'Upload stopped.' } });
    request.send(file);
  });
  return { done, abort: () => request.abort() };
}
