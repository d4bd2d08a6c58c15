import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { AppConfig } from '../config/app-config';
import { JobHandler, type JobContext } from '../jobs/job-handler.decorator';
import { JobsService } from '../jobs/jobs.service';

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export interface EmailAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
}

/**
 * Nodemailer's defaults wait up to 2 minutes to connect and 10 minutes on a silent socket; a stuck SMTP
 * server would hold a worker slot (and a graceful shutdown) that long. A send that times out fails and
 * the job is retried with backoff instead.
 */
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 };

/** Emails go out through the queue (SEND_EMAIL), so a slow or failing SMTP server never blocks a request. */
@Injectable()
export class EmailService implements OnModuleDestroy {
  private readonly logger = new Logger(EmailService.name);
  private readonly transport: Transporter;

  constructor(
    private readonly config: AppConfig,
    private readonly jobs: JobsService,
  ) {
    this.transport = config.SMTP_URL
      ? nodemailer.createTransport({ url: config.SMTP_URL, ...SMTP_TIMEOUTS })
      : nodemailer.createTransport({ jsonTransport: true });
  }

  onModuleDestroy(): void {
    this.transport.close();
  }

  async queue(email: OutgoingEmail, userId?: string): Promise<void> {
    await this.jobs.enqueue('SEND_EMAIL', email, { userId, priority: 6, maxAttempts: 5 });
  }

  /**
   * Sends at once, for a job that already runs in the worker and has files to attach (a report's PDF):
   * attachments do not belong in a job payload. A failure throws, so the calling job is retried.
   */
  async sendWithAttachments(email: OutgoingEmail, attachments: EmailAttachment[]): Promise<{ messageId: string; delivered: boolean }> {
    const info = (await this.transport.sendMail({ from: this.config.EMAIL_FROM, ...email, attachments })) as { messageId: string };
    if (!this.config.SMTP_URL) {
      this.logger.log(`SMTP_URL is not set; email to ${email.to} ("${email.subject}", ${attachments.length} attachment(s)) written here instead of sent`);
    }
    return { messageId: info.messageId, delivered: Boolean(this.config.SMTP_URL) };
  }

  @JobHandler('SEND_EMAIL')
  async send(ctx: JobContext<'SEND_EMAIL'>): Promise<{ messageId: string; delivered: boolean }> {
    const info = (await this.transport.sendMail({ from: this.config.EMAIL_FROM, ...ctx.payload })) as { messageId: string };
    if (!this.config.SMTP_URL) {
      this.logger.log(`SMTP_URL is not set; email to ${ctx.payload.to} ("${ctx.payload.subject}") written here instead of sent:\n${ctx.payload.text}`);
    }
    return { messageId: info.messageId, delivered: Boolean(this.config.SMTP_URL) };
  }
}
