import { Injectable } from '@nestjs/common';
import { chromium } from 'playwright-core';
import { assertChromium, CHROMIUM_BASE_ARGS, ChromiumUnavailableError } from '@seology/render';
import { AppConfig } from '../config/app-config';

/** No browser to print with: retrying cannot help until someone installs one, so the job fails at once with the fix named. */
export { ChromiumUnavailableError };

/**
 * Prints the report's HTML page to an A4 PDF with headless Chromium. The page is self-contained (inline
 * CSS, SVG charts, the logo as a data URL) and every request it would make is refused, so printing never
 * reaches the network.
 */
@Injectable()
export class ReportPdfRenderer {
  constructor(private readonly config: AppConfig) {}

  async render(html: string, footerLabel: string): Promise<Buffer> {
    const executablePath = this.config.CHROMIUM_PATH;
    assertChromium(executablePath, 'Reports are printed');
    const browser = await chromium.launch({ executablePath, args: [...CHROMIUM_BASE_ARGS], timeout: 30_000 }).catch((error: unknown) => {
      throw new ChromiumUnavailableError(`Chromium at ${executablePath} did not start: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    });
    try {
      const context = await browser.newContext({ javaScriptEnabled: false });
      await context.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
      const page = await context.newPage();
      await page.setContent(html, { waitUntil: 'load', timeout: 30_000 });
      const pdf = await page.pdf({
        format: 'A4',
        printBackground: true,
        preferCSSPageSize: true,
        displayHeaderFooter: true,
        headerTemplate: '<span></span>',
        footerTemplate: `<div style="font-size:8px;color:#6b7280;width:100%;padding:0 14mm;display:flex;justify-content:space-between"><span>${footerLabel.replace(/[<>&"]/g, '')}</span><span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`,
        margin: { top: '16mm', bottom: '18mm', left: '14mm', right: '14mm' },
      });
      return Buffer.from(pdf);
    } finally {
      await browser.close();
    }
  }
}
