import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One email as the SMTP server received it. */
export interface CapturedEmail {
  /** Recipients from the envelope, lower-cased. */
  to: string[];
  /** The message as sent (headers and body), byte for byte (latin1), so base64 attachments survive. */
  raw: string;
}

export interface MailCapture {
  /** `smtp://127.0.0.1:<port>`, for SMTP_URL. */
  url: string;
  /** Messages accepted so far, in order. */
  inbox: CapturedEmail[];
  /** Deliveries attempted so far, refused ones included. */
  attempts(): number;
  close(): Promise<void>;
}

export interface MailCaptureOptions {
  /** Listen here (0, the default, picks a free port). */
  port?: number;
  /** Refuse this many first deliveries with 451 "try again later", as a busy mail server does. */
  refuseFirst?: number;
}

/**
 * A real SMTP server on loopback for tests and the browser tests: the API and the worker send to it
 * through SMTP_URL exactly as they would to a mail provider, and the test reads what a person would get.
 */
export async function startMailCapture(options: MailCaptureOptions = {}): Promise<MailCapture> {
  const inbox: CapturedEmail[] = [];
  let attempts = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    // close() otherwise waits up to 30 s for clients that linger.
    closeTimeout: 500,
    size: 20 * 1024 * 1024,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        attempts += 1;
        if (attempts <= (options.refuseFirst ?? 0)) {
          callback(Object.assign(new Error('try again later'), { responseCode: 451 }));
          return;
        }
        inbox.push({ to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()), raw: Buffer.concat(chunks).toString('latin1') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    inbox,
    attempts: () => attempts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Undoes quoted-printable soft breaks and escapes, enough to read a link out of a plain-text email. */
export function decodeQuotedPrintable(raw: string): string {
  return raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
