import * as decoding from 'lib0/decoding';

// Hocuspocus message types (its MessageType enum) and y-protocols sync step types.
const MESSAGE_SYNC = 0;
const MESSAGE_SYNC_REPLY = 4;
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
  if (type !== MESSAGE_SYNC && type !== MESSAGE_SYNC_REPLY) return null;
  const step = decoding.readVarUint(decoder);
  if (step !== SYNC_STEP_2 && step !== SYNC_UPDATE) return null;
  return decoding.readVarUint8Array(decoder);
}
