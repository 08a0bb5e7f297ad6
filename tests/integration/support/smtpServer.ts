import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** One email the test SMTP server accepted. */
export interface ReceivedMail {
  to: string;
  subject: string;
  text: string;
  messageId: string;
  /** When the server accepted it (ms since the epoch). */
  at: number;
  /** When the client started the message (its MAIL FROM), ms since the epoch. */
  startedAt: number;
}

export interface TestSmtpServer {
  port: number;
  received: ReceivedMail[];
  close(): Promise<void>;
}

/**
 * A real SMTP server (the `smtp-server` package) on a free loopback port that keeps what it
 * accepts. `reject(address)` returning a message refuses that recipient with 550; `auth` makes it
 * require that user and password.
 */
export async function startSmtpServer(
  options: { reject?: (address: string) => string | null; auth?: { user: string; pass: string } } = {},
): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  const started = new Map<string, number>();
  const server = new SMTPServer({
    disabledCommands: options.auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    allowInsecureAuth: true,
    authOptional: !options.auth,
    logger: false,
    onAuth(auth, _session, callback) {
      if (options.auth && auth.username === options.auth.user && auth.password === options.auth.pass)
        callback(null, { user: auth.username });
      else callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onMailFrom(_address, session, callback) {
      started.set(session.id, Date.now());
      callback();
    },
    onRcptTo(address, _session, callback) {
      const refusal = options.reject?.(address.address);
      if (refusal) callback(Object.assign(new Error(refusal), { responseCode: 550 }));
      else callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (mail) => {
          const to = Array.isArray(mail.to) ? mail.to[0] : mail.to;
          received.push({
            to: to?.value[0]?.address ?? '',
            subject: mail.subject ?? '',
            text: (mail.text ?? '').trim(),
            messageId: mail.messageId ?? '',
            at: Date.now(),
            startedAt: started.get(session.id) ?? Date.now(),
          });
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { port, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
