/** Logos are stored in the database and inlined into every PDF: small, and only formats Chromium draws without scripts. */
export const MAX_LOGO_BYTES = 256 * 1024;

export type LogoCheck = { ok: true; bytes: Buffer; type: 'image/png' | 'image/jpeg' } | { ok: false; reason: string };

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff]);

/** Accepts a PNG or JPEG data URL whose bytes really are that format (the declared type alone proves nothing). */
export function parseLogoDataUrl(value: string): LogoCheck {
  const match = /^data:(image\/png|image\/jpeg);base64,([A-Za-z0-9+/]+={0,2})$/.exec(value.trim());
  if (!match) return { ok: false, reason: 'The logo must be a PNG or JPEG image sent as a data URL (data:image/png;base64,...).' };
  const type = match[1] as 'image/png' | 'image/jpeg';
  const bytes = Buffer.from(match[2]!, 'base64');
  if (bytes.length > MAX_LOGO_BYTES) return { ok: false, reason: `The logo is ${Math.ceil(bytes.length / 1024)} KB; at most ${MAX_LOGO_BYTES / 1024} KB.` };
  const magic = type === 'image/png' ? PNG : JPEG;
  if (bytes.length < magic.length || !bytes.subarray(0, magic.length).equals(magic)) {
    return { ok: false, reason: `The file is not a ${type === 'image/png' ? 'PNG' : 'JPEG'} image.` };
  }
  return { ok: true, bytes, type };
}

export function logoDataUrl(bytes: Uint8Array | null, type: string | null): string | null {
  return bytes && type ? `data:${type};base64,${Buffer.from(bytes).toString('base64')}` : null;
}
