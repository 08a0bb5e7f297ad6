import net from 'node:net';
import { randomBytes } from 'node:crypto';
import { COLLAB_PATH } from '@roster/shared';

/** One WebSocket frame as a client would send it, or as a hostile one would bend it. */
export interface FrameSpec {
  opcode: number;
  payload?: Buffer;
  fin?: boolean;
  /** Reserved bits, 0–7 (RSV1 = 4, RSV2 = 2, RSV3 = 1). */
  rsv?: number;
  /** Clients must mask; false sends an unmasked frame. */
  masked?: boolean;
  /** Writes this 64-bit length instead of the payload's (the payload still follows). */
  declaredLength?: bigint;
}

/** Encodes a frame byte for byte (RFC 6455 §5.2), without any of `ws`'s checks. */
export function frame({
  opcode,
  payload = Buffer.alloc(0),
  fin = true,
  rsv = 0,
  masked = true,
  declaredLength,
}: FrameSpec) {
  const first = (fin ? 0x80 : 0) | ((rsv & 7) << 4) | (opcode & 0x0f);
  const maskBit = masked ? 0x80 : 0;
  let header: Buffer;
  if (declaredLength !== undefined) {
    header = Buffer.alloc(10);
    header[1] = maskBit | 127;
    header.writeBigUInt64BE(declaredLength, 2);
  } else if (payload.length < 126) {
    header = Buffer.alloc(2);
    header[1] = maskBit | payload.length;
  } else if (payload.length < 65536) {
    header = Buffer.alloc(4);
    header[1] = maskBit | 126;
    header.writeUInt16BE(payload.length, 2);
  } else {
    header = Buffer.alloc(10);
    header[1] = maskBit | 127;
    header.writeBigUInt64BE(BigInt(payload.length), 2);
  }
  header[0] = first;
  if (!masked) return Buffer.concat([header, payload]);
  const mask = randomBytes(4);
  const body = Buffer.from(payload.map((byte, i) => byte ^ mask[i % 4]!));
  return Buffer.concat([header, mask, body]);
}

export const Opcode = { continuation: 0, text: 1, binary: 2, close: 8, ping: 9, pong: 10 } as const;

const closePayload = (code: number, reason: Buffer = Buffer.alloc(0)) => {
  const buffer = Buffer.alloc(2);
  buffer.writeUInt16BE(code);
  return Buffer.concat([buffer, reason]);
};
const INVALID_UTF8 = Buffer.from([0xc3, 0x28, 0xff]);

/** Every kind of frame `ws` rejects as invalid, each of which once became an unhandled 'error'. */
export const MALFORMED_FRAMES: Record<string, Buffer> = {
  'continuation without a first fragment (opcode 0)': frame({ opcode: Opcode.continuation, payload: Buffer.from('x') }),
  'reserved data opcode 3': frame({ opcode: 3, payload: Buffer.from('x') }),
  'reserved control opcode 11': frame({ opcode: 11 }),
  'RSV1 set without compression': frame({ opcode: Opcode.binary, payload: Buffer.from('x'), rsv: 4 }),
  'RSV2 and RSV3 set': frame({ opcode: Opcode.binary, payload: Buffer.from('x'), rsv: 3 }),
  'unmasked client frame': frame({ opcode: Opcode.binary, payload: Buffer.from('x'), masked: false }),
  'control frame longer than 125 bytes': frame({ opcode: Opcode.ping, payload: Buffer.alloc(126, 1) }),
  'fragmented control frame': frame({ opcode: Opcode.ping, fin: false }),
  'close frame with a 1-byte payload': frame({ opcode: Opcode.close, payload: Buffer.from([3]) }),
  'close frame with an invalid code': frame({ opcode: Opcode.close, payload: closePayload(1005) }),
  'close frame with invalid UTF-8 in its reason': frame({
    opcode: Opcode.close,
    payload: closePayload(1000, INVALID_UTF8),
  }),
  'text frame with invalid UTF-8': frame({ opcode: Opcode.text, payload: INVALID_UTF8 }),
  'new message inside a fragmented one': Buffer.concat([
    frame({ opcode: Opcode.binary, payload: Buffer.from('a'), fin: false }),
    frame({ opcode: Opcode.text, payload: Buffer.from('b') }),
  ]),
  'payload length above 2^53 - 1': frame({ opcode: Opcode.binary, declaredLength: 2n ** 63n - 1n }),
  'payload length above MAX_MESSAGE_BYTES': frame({ opcode: Opcode.binary, declaredLength: 2n ** 40n }),
  'plain bytes that are no frame': Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n'),
};

/** An HTTP upgrade request to /collab, as raw text. */
export function upgradeRequest(url: string, headers: Record<string, string> = {}): Buffer {
  const { host } = new URL(url);
  const lines = [
    `GET ${COLLAB_PATH} HTTP/1.1`,
    `Host: ${host}`,
    'Upgrade: websocket',
    'Connection: Upgrade',
    `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
    'Sec-WebSocket-Version: 13',
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ];
  return Buffer.from(`${lines.join('\r\n')}\r\n\r\n`);
}

export interface RawSocket {
  socket: net.Socket;
  /** Every byte received so far. */
  received(): Buffer;
  /** Resolves once the server has closed or reset the TCP connection. */
  ended: Promise<void>;
  isEnded(): boolean;
}

/** A plain TCP connection to the server, for bytes no WebSocket library would send. */
export async function rawConnect(url: string): Promise<RawSocket> {
  const { hostname, port } = new URL(url);
  const socket = net.connect({ host: hostname, port: Number(port) });
  let received = Buffer.alloc(0);
  let ended = false;
  socket.on('data', (chunk) => (received = Buffer.concat([received, chunk])));
  // The server may reset the connection: that is an answer, not a test failure.
  socket.on('error', () => {});
  const endedPromise = new Promise<void>((resolve) =>
    socket.on('close', () => {
      ended = true;
      resolve();
    }),
  );
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  return { socket, received: () => received, ended: endedPromise, isEnded: () => ended };
}

/** The close code of the first close frame the server sent after its 101 response, if any. */
export function serverCloseCode(received: Buffer): number | undefined {
  const headerEnd = received.indexOf('\r\n\r\n');
  if (headerEnd < 0) return undefined;
  let offset = headerEnd + 4;
  while (offset + 2 <= received.length) {
    const opcode = received[offset]! & 0x0f;
    let length = received[offset + 1]! & 0x7f;
    let start = offset + 2;
    if (length === 126) {
      length = received.readUInt16BE(start);
      start += 2;
    } else if (length === 127) {
      length = Number(received.readBigUInt64BE(start));
      start += 8;
    }
    if (opcode === Opcode.close) return length >= 2 ? received.readUInt16BE(start) : 1005;
    offset = start + length;
  }
  return undefined;
}
