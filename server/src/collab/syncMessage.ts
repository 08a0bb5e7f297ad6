import { MessageType } from '@hocuspocus/server';
import * as decoding from 'lib0/decoding';

// y-protocols sync step types (messageYjsSyncStep2, messageYjsUpdate).
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

/**
 * The Yjs update carried by a raw Hocuspocus message, or null when the message carries none
 * (awareness, auth, sync step 1, …). Throws on a malformed message; the caller refuses it.
 */
export function readDocumentUpdate(message: Uint8Array): Uint8Array | null {
  const decoder = decoding.createDecoder(message);
  decoding.readVarString(decoder); // document name
  const type = decoding.readVarUint(decoder);
  if (type !== MessageType.Sync && type !== MessageType.SyncReply) return null;
  const step = decoding.readVarUint(decoder);
  if (step !== SYNC_STEP_2 && step !== SYNC_UPDATE) return null;
  return decoding.readVarUint8Array(decoder);
}
