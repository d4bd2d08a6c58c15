/** ISO 639-1 language codes: hreflang accepts only these (Google ignores 3-letter codes). */
const ISO_639_1 = new Set(
  (
    'aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo es et eu ' +
    'fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ' +
    'ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os ' +
    'pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ' +
    'ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu'
  ).split(' '),
);

/** ISO 3166-1 alpha-2 country codes ("UK" and "EU" are deliberately absent: they are the classic hreflang mistakes). */
const ISO_3166_1 = new Set(
  (
    'ad ae af ag ai al am ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bl bm bn bo bq br bs bt bv bw by bz ca cc cd cf cg ' +
    'ch ci ck cl cm cn co cr cu cv cw cx cy cz de dj dk dm do dz ec ee eg eh er es et fi fj fk fm fo fr ga gb gd ge gf gg gh gi gl ' +
    'gm gn gp gq gr gs gt gu gw gy hk hm hn hr ht hu id ie il im in io iq ir is it je jm jo jp ke kg kh ki km kn kp kr kw ky kz la ' +
    'lb lc li lk lr ls lt lu lv ly ma mc md me mf mg mh mk ml mm mn mo mp mq mr ms mt mu mv mw mx my mz na nc ne nf ng ni nl no np ' +
    'nr nu nz om pa pe pf pg ph pk pl pm pn pr ps pt pw py qa re ro rs ru rw sa sb sc sd se sg sh si sj sk sl sm sn so sr ss st sv ' +
    'sx sy sz tc td tf tg th tj tk tl tm tn to tr tt tv tw tz ua ug um us uy uz va vc ve vg vi vn vu wf ws ye yt za zm zw'
  ).split(' '),
);

/** Validates an hreflang value: `x-default`, or language[-Script][-REGION] with ISO 639-1 / ISO 3166-1 alpha-2. */
export function isValidHreflang(value: string): boolean {
  const code = value.trim().toLowerCase();
  if (code === 'x-default') return true;
  const match = /^([a-z]{2})(?:-([a-z]{4}))?(?:-([a-z]{2}))?$/.exec(code);
  if (match === null) return false;
  if (!ISO_639_1.has(match[1] ?? '')) return false;
  return match[3] === undefined || ISO_3166_1.has(match[3]);
}

/**
 * Validates an html lang attribute as a BCP 47 tag: 2-letter codes must be ISO 639-1, 3-letter
 * codes are accepted as ISO 639-2/3 (too many to list), 2-letter regions must be ISO 3166-1.
 */
export function isValidHtmlLang(value: string): boolean {
  const parts = value.trim().toLowerCase().replace(/_/g, '-').split('-');
  const primary = parts[0] ?? '';
  if (primary.length === 2) {
    if (!ISO_639_1.has(primary)) return false;
  } else if (!/^[a-z]{3}$/.test(primary)) {
    return false;
  }
  if (value.includes('_')) return false;
  for (let i = 1; i < parts.length; i++) {
    const part = parts[i] ?? '';
    if (!/^[a-z0-9]{1,8}$/.test(part)) return false;
    if (i === 1 || (i === 2 && (parts[1] ?? '').length === 4)) {
      if (part.length === 2 && !/^\d+$/.test(part) && !ISO_3166_1.has(part)) return false;
    }
  }
  return true;
}

/** Primary language subtag, lower-cased ("en-GB" → "en"). */
export function primaryLanguage(value: string): string {
  return value.trim().toLowerCase().split(/[-_]/)[0] ?? '';
}

/**
 * Two-letter codes sites use as language folders or subdomains (`/de/`, `fr.example.com`). Codes
 * that are also common path words or host labels (id, in, is, it as "IT", my, me, no, to, am, be,
 * do, go, hi, so, or, as, ma) are left out: `/id/42` is not Indonesian.
 */
const FOLDER_LANGUAGES = new Set(
  (
    'ar bg bn ca cs cy da de el en es et eu fa fi fr ga gl gu he hr hu hy ja ka kk kn ko lt lv mk ml mn mr ms mt nb nl nn pl pt ro ' +
    'ru sk sl sq sr sv sw ta te th tr uk ur uz vi zh'
  ).split(' '),
);

/**
 * The language a URL declares by its first path segment (`/en/`, `/pt-br/`, `/zh-hans/`, `/de_DE/`)
 * or its first host label (`fr.example.com`), lower-cased primary subtag; null when it declares none.
 */
export function urlLanguage(url: URL): string | null {
  const segment = url.pathname.split('/')[1] ?? '';
  const fromPath = languageOfLabel(segment);
  if (fromPath !== null) return fromPath;
  const labels = url.hostname.split('.');
  return labels.length >= 3 ? languageOfLabel(labels[0] ?? '') : null;
}

function languageOfLabel(label: string): string | null {
  const match = /^([a-z]{2})(?:[-_](?:[a-z]{2}|[a-z]{4}))?$/i.exec(label);
  if (match === null) return null;
  const primary = (match[1] ?? '').toLowerCase();
  return FOLDER_LANGUAGES.has(primary) ? primary : null;
}
