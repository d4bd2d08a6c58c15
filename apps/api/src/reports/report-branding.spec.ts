import { logoDataUrl, MAX_LOGO_BYTES, parseLogoDataUrl } from './report-branding';

const PNG_1PX = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

describe('agency logo validation', () => {
  it('accepts a real PNG and gives the same data URL back', () => {
    const checked = parseLogoDataUrl(`data:image/png;base64,${PNG_1PX}`);
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(checked.type).toBe('image/png');
    expect(logoDataUrl(checked.bytes, checked.type)).toBe(`data:image/png;base64,${PNG_1PX}`);
  });

  it('accepts a JPEG by its magic bytes', () => {
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]).toString('base64');
    expect(parseLogoDataUrl(`data:image/jpeg;base64,${jpeg}`)).toMatchObject({ ok: true, type: 'image/jpeg' });
  });

  it('refuses other formats, a declared type the bytes contradict, URLs and oversized files', () => {
    expect(parseLogoDataUrl('data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=')).toMatchObject({ ok: false, reason: expect.stringContaining('PNG or JPEG') as unknown });
    expect(parseLogoDataUrl(`data:image/jpeg;base64,${PNG_1PX}`)).toEqual({ ok: false, reason: 'The file is not a JPEG image.' });
    expect(parseLogoDataUrl(`data:image/png;base64,${Buffer.from('<script>alert(1)</script>').toString('base64')}`)).toEqual({ ok: false, reason: 'The file is not a PNG image.' });
    expect(parseLogoDataUrl('https://example.com/logo.png')).toMatchObject({ ok: false });
    const big = Buffer.concat([Buffer.from(PNG_1PX, 'base64'), Buffer.alloc(MAX_LOGO_BYTES)]).toString('base64');
    expect(parseLogoDataUrl(`data:image/png;base64,${big}`)).toMatchObject({ ok: false, reason: expect.stringContaining('at most 256 KB') as unknown });
  });
});
