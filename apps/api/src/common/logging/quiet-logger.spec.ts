import { QuietLogger } from './quiet-logger';

describe('QuietLogger', () => {
  function captured(): { logger: QuietLogger; lines: string[] } {
    const lines: string[] = [];
    const logger = new QuietLogger({ logLevels: ['error', 'warn', 'log'], colors: false });
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    return { logger, lines };
  }

  afterEach(() => jest.restoreAllMocks());

  it("drops the framework's boot lines and keeps our own", () => {
    const { logger, lines } = captured();
    logger.log('Mapped {/api/fixes/:id, GET} route', 'RouterExplorer');
    logger.log('AppModule dependencies initialized', 'InstanceLoader');
    logger.log('listening on http://localhost:3000', 'Api');
    jest.restoreAllMocks();
    expect(lines.join('')).not.toContain('Mapped');
    expect(lines.join('')).not.toContain('dependencies initialized');
    expect(lines.join('')).toContain('listening on http://localhost:3000');
  });

  it('keeps warnings and errors from framework contexts', () => {
    const { logger, lines } = captured();
    logger.warn('something odd', 'RouterExplorer');
    logger.error('it broke', undefined, 'NestApplication');
    jest.restoreAllMocks();
    expect(lines.join('')).toContain('something odd');
    expect(lines.join('')).toContain('it broke');
  });
});
