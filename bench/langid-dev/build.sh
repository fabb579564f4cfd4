#!/usr/bin/env bash
# Builds bench/langid-dev/{uz-Latn,uz-Cyrl,ky,ne,km,my}.txt: language-identification development data (single words
# and 1-5 word phrases) from openly licensed localisation data. See SOURCES.md beside this script.
# UDHR texts are not used, in any form.
#
# Inputs (downloaded once; the build itself runs offline):
#   $LANGID_WORK/debs/  these Debian 12 (bookworm) packages, as fetched by `apt-get download NAME=VERSION`:
#     iso-codes 4.15.0-1, locales 2.36-9+deb12u14, libgtk-3-common 3.24.38-2~deb12u3,
#     libgtk2.0-common 2.24.33-2+deb12u1, libgdk-pixbuf2.0-common 2.42.10+dfsg-1+deb12u4, at-spi2-common 2.46.0-5,
#     notification-daemon 3.20.0-4+b1, libglib2.0-data 2.74.6-2+deb12u9, apt 2.6.2, dpkg 1.21.23,
#     libpam-runtime 1.5.2-6+deb12u3, grep 3.8-5, tar 1.34+dfsg-1.2+deb12u1, xkb-data 2.35.1-1, xdg-user-dirs 0.18-1,
#     firefox-esr-l10n-uz, firefox-esr-l10n-ne-np, firefox-esr-l10n-km, firefox-esr-l10n-my 153.8.0esr-1~deb12u1,
#     firefox-esr 153.8.0esr-1~deb12u1 (only its en-US strings, to drop untranslated strings of the language packs)
#   $LANGID_WORK/npm/   these npm tarballs, as fetched by `npm pack NAME@VERSION`:
#     cldr-localenames-full, cldr-dates-full, cldr-numbers-full, cldr-units-full, cldr-misc-full,
#     cldr-annotations-full, all @48.2.0
# LANGID_WORK defaults to /tmp/langid-work. `bench/langid-dev/build.sh --fetch` downloads the inputs first (needs
# the Debian archive and the npm registry); without --fetch nothing is downloaded.
# Needs bash, dpkg-deb, tar and python3 (standard library only). Writes only the six .txt files beside this script
# (plus scratch in $LANGID_WORK: unpacked packages, build-stats.json with per-source counts and dropped examples, and
# candidates-<tag>.tsv with every candidate, selected or not, which bench/langid-ngrams/build.py reads).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
WORK="${LANGID_WORK:-/tmp/langid-work}"

DEBS=(
  iso-codes=4.15.0-1
  locales=2.36-9+deb12u14
  libgtk-3-common=3.24.38-2~deb12u3
  libgtk2.0-common=2.24.33-2+deb12u1
  libgdk-pixbuf2.0-common=2.42.10+dfsg-1+deb12u4
  at-spi2-common=2.46.0-5
  notification-daemon=3.20.0-4+b1
  libglib2.0-data=2.74.6-2+deb12u9
  apt=2.6.2
  dpkg=1.21.23
  libpam-runtime=1.5.2-6+deb12u3
  grep=3.8-5
  tar=1.34+dfsg-1.2+deb12u1
  xkb-data=2.35.1-1
  xdg-user-dirs=0.18-1
  firefox-esr-l10n-uz=153.8.0esr-1~deb12u1
  firefox-esr-l10n-ne-np=153.8.0esr-1~deb12u1
  firefox-esr-l10n-km=153.8.0esr-1~deb12u1
  firefox-esr-l10n-my=153.8.0esr-1~deb12u1
  firefox-esr=153.8.0esr-1~deb12u1
)
NPMS=(
  cldr-localenames-full@48.2.0
  cldr-dates-full@48.2.0
  cldr-numbers-full@48.2.0
  cldr-units-full@48.2.0
  cldr-misc-full@48.2.0
  cldr-annotations-full@48.2.0
)

mkdir -p "$WORK/debs" "$WORK/npm"
if [[ "${1:-}" == "--fetch" ]]; then
  (cd "$WORK/debs" && apt-get download "${DEBS[@]}")
  (cd "$WORK/npm" && for p in "${NPMS[@]}"; do npm pack --silent "$p" >/dev/null; done)
fi

# check that every input is there (exactly one file per package)
missing=0
for d in "${DEBS[@]}"; do
  n="${d%%=*}"
  c=$(ls "$WORK/debs/" | grep -c "^${n//./\\.}_.*\\.deb$" || true)
  if [[ "$c" != 1 ]]; then echo "need exactly one $WORK/debs/${n}_*.deb (found $c)" >&2; missing=1; fi
done
for p in "${NPMS[@]}"; do
  f="$WORK/npm/${p%@*}-${p##*@}.tgz"
  [[ -f "$f" ]] || { echo "need $f" >&2; missing=1; }
done
[[ $missing == 0 ]] || { echo "inputs missing: run $0 --fetch once (online)" >&2; exit 1; }

# unpack
rm -rf "$WORK/x" "$WORK/cldr"
mkdir -p "$WORK/x" "$WORK/cldr"
for d in "${DEBS[@]}"; do
  f=$(ls "$WORK/debs/${d%%=*}"_*.deb)
  dpkg-deb -x "$f" "$WORK/x/$(basename "$f" .deb)"
done
for p in "${NPMS[@]}"; do
  b="${p%@*}-${p##*@}"
  mkdir -p "$WORK/cldr/$b"
  tar xzf "$WORK/npm/$b.tgz" -C "$WORK/cldr/$b"
done

python3 - "$WORK" "$HERE" <<'PY'
"""Builds the language-identification development lists (standard library only).
Arguments: WORK OUTDIR. WORK holds x/<deb file name without .deb>/ (unpacked .debs) and
cldr/<npm tarball name without .tgz>/package/ (unpacked CLDR npm tarballs); build.sh lays them out."""
import glob, hashlib, json, os, re, struct, sys, unicodedata, zipfile
from collections import OrderedDict, Counter, defaultdict

WORK, OUT = sys.argv[1], sys.argv[2]
CAP = 2000          # items per tag at most
MAX_WORDS = 5       # whitespace-separated tokens per item at most
MAX_CHARS = {'km': 30, 'my': 30}   # scripts written without spaces between words
MAX_CHARS_DEFAULT = 60
TAGS = ['uz-Latn', 'uz-Cyrl', 'ky', 'ne', 'km', 'my']

def one(pattern):
    hits = sorted(glob.glob(os.path.join(WORK, pattern)))
    if len(hits) != 1:
        sys.exit('expected exactly one match for %s, got %r' % (pattern, hits))
    return hits[0]

# ---------------------------------------------------------------- readers
def read_mo(path):
    """(msgctxt+msgid, [msgstr forms]) pairs of a GNU .mo file."""
    data = open(path, 'rb').read()
    e = '<' if struct.unpack('<I', data[:4])[0] == 0x950412de else '>'
    _, _, n, o, t = struct.unpack(e + '5I', data[:20])
    out = []
    for i in range(n):
        l, off = struct.unpack(e + '2I', data[o + 8 * i:o + 8 * i + 8]); k = data[off:off + l]
        l, off = struct.unpack(e + '2I', data[t + 8 * i:t + 8 * i + 8]); v = data[off:off + l]
        if not k:
            continue  # header
        k = k.decode('utf-8', 'replace')
        ctx, _, mid = k.rpartition('\x04')
        mid = mid.split('\x00')[0]
        out.append((mid, [s for s in v.decode('utf-8', 'replace').split('\x00') if s]))
    return out

def ftl_values(text):
    """Simple values of a Fluent file: message values and attribute values (one string each)."""
    vals, cur = [], None
    for line in text.split('\n'):
        if line.startswith('#') or not line.strip():
            if cur is not None: vals.append(cur); cur = None
            continue
        m = re.match(r'^(-?[A-Za-z][\w-]*)\s*=\s*(.*)$', line) or re.match(r'^\s+\.([\w-]+)\s*=\s*(.*)$', line)
        if m:
            if cur is not None: vals.append(cur)
            cur = m.group(2).strip()
            continue
        s = line.strip()
        if line[:1].isspace() and cur is not None and not s.startswith(('[', '*[', '}', '.')):
            cur = (cur + ' ' + s).strip()
        else:
            if cur is not None: vals.append(cur)
            cur = None
    if cur is not None: vals.append(cur)
    return [v for v in vals if v]

def properties_values(text):
    vals = []
    for line in text.split('\n'):
        line = line.strip()
        if not line or line.startswith(('#', '!')) or '=' not in line:
            continue
        v = line.split('=', 1)[1].strip()
        v = re.sub(r'\\u([0-9a-fA-F]{4})', lambda m: chr(int(m.group(1), 16)), v)
        vals.extend(p for p in v.split(';') if p.strip())   # plural forms are ;-separated
    return vals

def glibc_values(path):
    """Wide month/day names, yes/no words, country and language names of a glibc locale source."""
    keys = {'mon', 'day', 'alt_mon', 'country_name', 'lang_name', 'yesstr', 'nostr'}
    lines = open(path, encoding='utf-8').read().split('\n')
    out, i = [], 0
    while i < len(lines):
        m = re.match(r'^(\w+)\s+(.*)$', lines[i])
        if m and m.group(1) in keys:
            buf = m.group(2)
            while buf.rstrip().endswith('/') and i + 1 < len(lines):
                i += 1; buf = buf.rstrip()[:-1] + lines[i]
            for s in re.findall(r'"([^"]*)"', buf):
                s = re.sub(r'<U([0-9A-Fa-f]{4,6})>', lambda mm: chr(int(mm.group(1), 16)), s)
                if s: out.append(s)
        i += 1
    return out

def walk_strings(obj, keyfilter=lambda path: True, path=()):
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from walk_strings(v, keyfilter, path + (k,))
    elif isinstance(obj, list):
        for v in obj:
            yield from walk_strings(v, keyfilter, path)
    elif isinstance(obj, str):
        if keyfilter(path):
            yield obj

# ---------------------------------------------------------------- sources
# Each source: (lang, group, label, [(text, english_or_None, strip_mnemonic)])
SOURCES = []
def add(lang, group, label, items):
    SOURCES.append((lang, group, label, list(items)))

CLDR_LOCALES = {'uz': 'uz-Latn', 'uz-Cyrl': 'uz-Cyrl', 'ky': 'ky', 'ne': 'ne', 'km': 'km', 'my': 'my'}

def cldr(pkg):
    return one('cldr/%s-*/package' % pkg)

def cldr_main(pkg, loc, name):
    p = os.path.join(cldr(pkg), 'main', loc, name + '.json')
    return json.load(open(p, encoding='utf-8'))['main'][loc] if os.path.exists(p) else None

def pkgver(pkg):
    return json.load(open(os.path.join(cldr(pkg), 'package.json')))['version']

WIDE = lambda path: 'wide' in path and 'abbreviated' not in path and 'narrow' not in path and 'short' not in path
for loc, lang in CLDR_LOCALES.items():
    ln = 'cldr-localenames-full'
    for name in ['languages', 'territories', 'scripts', 'variants', 'localeDisplayNames']:
        d = cldr_main(ln, loc, name)
        if d: add(lang, 'cldr-names', '%s@%s main/%s/%s.json' % (ln, pkgver(ln), loc, name),
                  ((s, None, False) for s in walk_strings(d)))
    dt = 'cldr-dates-full'
    d = cldr_main(dt, loc, 'ca-gregorian')
    if d:
        g = d['dates']['calendars']['gregorian']
        sel = {k: g[k] for k in ('months', 'days', 'dayPeriods', 'eras', 'quarters') if k in g}
        add(lang, 'cldr-dates', '%s@%s main/%s/ca-gregorian.json (wide month/day/day-period/era/quarter names)' % (dt, pkgver(dt), loc),
            ((s, None, False) for s in walk_strings(sel, lambda p: WIDE(p) or 'eraNames' in p)))
    d = cldr_main(dt, loc, 'dateFields')
    if d: add(lang, 'cldr-dates', '%s@%s main/%s/dateFields.json' % (dt, pkgver(dt), loc),
              ((s, None, False) for s in walk_strings(d, lambda p: not any('short' in x or 'narrow' in x for x in p))))
    d = cldr_main(dt, loc, 'timeZoneNames')
    if d: add(lang, 'cldr-tz', '%s@%s main/%s/timeZoneNames.json (long zone names, exemplar cities)' % (dt, pkgver(dt), loc),
              ((s, None, False) for s in walk_strings(d, lambda p: 'short' not in p and p[-1] not in ('hourFormat', 'gmtFormat', 'gmtZeroFormat', 'gmtUnknownFormat', 'regionFormat', 'fallbackFormat'))))
    nm = 'cldr-numbers-full'
    d = cldr_main(nm, loc, 'currencies')
    if d: add(lang, 'cldr-other', '%s@%s main/%s/currencies.json (display names)' % (nm, pkgver(nm), loc),
              ((s, None, False) for s in walk_strings(d, lambda p: p[-1].startswith('displayName'))))
    un = 'cldr-units-full'
    d = cldr_main(un, loc, 'units')
    if d: add(lang, 'cldr-other', '%s@%s main/%s/units.json (long display names)' % (un, pkgver(un), loc),
              ((s, None, False) for s in walk_strings(d.get('units', {}).get('long', {}), lambda p: p[-1] == 'displayName')))
    d = cldr_main(un, loc, 'measurementSystemNames')
    if d: add(lang, 'cldr-other', '%s@%s main/%s/measurementSystemNames.json' % (un, pkgver(un), loc),
              ((s, None, False) for s in walk_strings(d)))
    ms = 'cldr-misc-full'
    for name in ['characterLabels', 'typographic', 'posix']:
        d = cldr_main(ms, loc, name)
        if d: add(lang, 'cldr-other', '%s@%s main/%s/%s.json' % (ms, pkgver(ms), loc, name),
                  ((s, None, False) for s in walk_strings(d)))
    an = 'cldr-annotations-full'
    p = os.path.join(cldr(an), 'annotations', loc, 'annotations.json')
    if os.path.exists(p):
        a = json.load(open(p, encoding='utf-8'))['annotations']['annotations']
        add(lang, 'cldr-annotations', '%s@%s annotations/%s/annotations.json (emoji keywords and names)' % (an, pkgver(an), loc),
            ((s, None, False) for v in a.values() for s in v.get('default', []) + v.get('tts', [])))

# GNU gettext catalogues in Debian packages: (deb glob, locale dir, lang)
MO = [
    ('iso-codes_*', ['iso_3166-1', 'iso_3166-2', 'iso_3166-3'], {'uz': 'uz-Latn', 'ky': 'ky', 'ne': 'ne', 'km': 'km', 'my': 'my'}),
    ('libgtk2.0-common_*', ['gtk20', 'gtk20-properties'], {'uz': 'uz-Latn', 'uz@cyrillic': 'uz-Cyrl', 'ne': 'ne', 'my': 'my'}),
    ('libgtk-3-common_*', ['gtk30', 'gtk30-properties'], {'uz': 'uz-Latn', 'uz@cyrillic': 'uz-Cyrl', 'ky': 'ky', 'ne': 'ne', 'km': 'km', 'my': 'my'}),
    ('libgdk-pixbuf2.0-common_*', ['gdk-pixbuf'], {'uz': 'uz-Latn', 'uz@cyrillic': 'uz-Cyrl', 'ne': 'ne', 'km': 'km', 'my': 'my'}),
    ('at-spi2-common_*', ['at-spi2-core'], {'uz@cyrillic': 'uz-Cyrl', 'ne': 'ne', 'km': 'km'}),
    ('notification-daemon_*', ['notification-daemon'], {'uz@cyrillic': 'uz-Cyrl', 'km': 'km'}),
    ('libglib2.0-data_*', ['glib20'], {'ne': 'ne'}),
    ('apt_*', ['apt'], {'ne': 'ne', 'km': 'km'}),
    ('dpkg_*', ['dpkg'], {'ne': 'ne', 'km': 'km'}),
    ('libpam-runtime_*', ['Linux-PAM'], {'km': 'km'}),
    ('grep_*', ['grep'], {'ky': 'ky'}),
    ('tar_*', ['tar'], {'ky': 'ky'}),
    ('xkb-data_*', ['xkeyboard-config'], {'ky': 'ky'}),
    ('xdg-user-dirs_*', ['xdg-user-dirs'], {'ky': 'ky'}),
]
def debver(d):
    """package and version from an unpacked deb dir name like name_1%3a2.3-1_all"""
    b = os.path.basename(d)
    name, ver = b.split('_')[:2]
    return name, ver.replace('%3a', ':')

for debglob, domains, locs in MO:
    d = one('x/' + debglob)
    name, ver = debver(d)
    for locdir, lang in locs.items():
        for dom in domains:
            p = os.path.join(d, 'usr/share/locale', locdir, 'LC_MESSAGES', dom + '.mo')
            if not os.path.exists(p):
                continue
            items = []
            for mid, forms in read_mo(p):
                if ' ' not in mid and (':' in mid or '_' in mid.strip('_')):
                    continue  # identifiers such as calendar:week_start, not messages
                mn = '_' in mid
                for s in forms:
                    items.append((s, mid, mn))
            group = 'iso-codes' if name == 'iso-codes' else 'ui'
            add(lang, group, 'Debian %s %s /usr/share/locale/%s/LC_MESSAGES/%s.mo' % (name, ver, locdir, dom), items)

d = one('x/locales_*')
name, ver = debver(d)
for f, lang in [('uz_UZ', 'uz-Latn'), ('uz_UZ@cyrillic', 'uz-Cyrl'), ('ky_KG', 'ky'), ('ne_NP', 'ne'), ('km_KH', 'km'), ('my_MM', 'my')]:
    add(lang, 'glibc', 'Debian %s %s /usr/share/i18n/locales/%s (mon, day, alt_mon, yesstr, nostr, country_name, lang_name)' % (name, ver, f),
        ((s, None, False) for s in glibc_values(os.path.join(d, 'usr/share/i18n/locales', f))))

# Firefox: English strings of the same release, to drop untranslated (en-US fallback) strings of the langpacks
ff = one('x/firefox-esr_*')
EN_FF = set()
for omni in ['usr/lib/firefox-esr/browser/omni.ja', 'usr/lib/firefox-esr/omni.ja']:
    z = zipfile.ZipFile(os.path.join(ff, omni))
    for n in z.namelist():
        if '/en-US/' not in n: continue
        if n.endswith('.ftl'):
            EN_FF.update(ftl_values(z.read(n).decode('utf-8', 'replace')))
        elif n.endswith('.properties'):
            EN_FF.update(properties_values(z.read(n).decode('utf-8', 'replace')))
EN_FF_NORM = {v.strip().lower() for v in EN_FF}
FF_ITEMS = {}
for locpkg, lang in [('uz', 'uz-Latn'), ('ne-np', 'ne'), ('km', 'km'), ('my', 'my')]:
    d = one('x/firefox-esr-l10n-%s_*' % locpkg)
    name, ver = debver(d)
    xpi = one('%s/usr/lib/firefox-esr/browser/extensions/langpack-*.xpi' % os.path.relpath(d, WORK))
    z = zipfile.ZipFile(xpi)
    items, fallback = [], 0
    for n in sorted(z.namelist()):
        if n.endswith('.ftl'):
            vals = ftl_values(z.read(n).decode('utf-8', 'replace'))
        elif n.endswith('.properties'):
            vals = properties_values(z.read(n).decode('utf-8', 'replace'))
        else:
            continue
        for v in vals:
            if v.strip().lower() in EN_FF_NORM:
                fallback += 1; continue
            items.append((v, None, False))
    add(lang, 'firefox', 'Debian %s %s %s (.ftl and .properties; %d values equal to an en-US string of firefox-esr %s dropped)'
        % (name, ver, '/usr/lib/firefox-esr/browser/extensions/' + os.path.basename(xpi), fallback, debver(ff)[1]), items)

# English vocabulary (tokens of 2+ letters) from English msgids, Firefox en-US and CLDR English, used to drop English
# or international words from the Latin-script Uzbek list.
EN_VOCAB = set()
def en_tokens(s):
    return {t.lower() for t in re.findall(r"[A-Za-z]{2,}", s)}
for s in EN_FF: EN_VOCAB |= en_tokens(s)
for lang, group, label, items in SOURCES:
    for _, mid, _ in items:
        if mid: EN_VOCAB |= en_tokens(mid)
for pkg, name in [('cldr-localenames-full', 'languages'), ('cldr-localenames-full', 'territories'), ('cldr-localenames-full', 'scripts'),
                  ('cldr-dates-full', 'ca-gregorian'), ('cldr-dates-full', 'dateFields'), ('cldr-dates-full', 'timeZoneNames'),
                  ('cldr-numbers-full', 'currencies'), ('cldr-units-full', 'units'), ('cldr-misc-full', 'characterLabels')]:
    for s in walk_strings(cldr_main(pkg, 'en', name)): EN_VOCAB |= en_tokens(s)
for v in json.load(open(os.path.join(cldr('cldr-annotations-full'), 'annotations/en/annotations.json')))['annotations']['annotations'].values():
    for s in v.get('default', []) + v.get('tts', []): EN_VOCAB |= en_tokens(s)

# ---------------------------------------------------------------- cleaning
SPLIT = re.compile(r'[\n\t.,;:!?()\[\]"“”„«»‹›/|\\…。·•–—\u0964\u0965\u17d4\u17d5\u17d6\u104a\u104b]|\s-\s|\.\.\.')
PLACEHOLDER = re.compile(r'%|\{|\}|\$|#\d|\^\d|@|<|>|&|=|\+|\*|~|_|https?|www|://|\\')
DROP_CHARS = {'\u200b', '\u2060', '\ufeff', '\u00ad', '\u200e', '\u200f', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e'}
APOS = "'‘’ʻʼ`"

RU = set('абвгдеёжзийклмнопрстуфхцчшщъыьэюя')
LETTERS = {
    'uz-Cyrl': RU | set('ўқғҳ'),
    'ky': RU | set('ңөү'),
}
def script_of(ch):
    o = ord(ch)
    if ch in APOS: return 'apos'
    if ch.isascii() and ch.isalpha(): return 'Latn'
    n = unicodedata.name(ch, '')
    if n.startswith('LATIN'): return 'Latn'
    if n.startswith('CYRILLIC'): return 'Cyrl'
    if 0x0900 <= o <= 0x097F: return 'Deva'
    if 0x1780 <= o <= 0x17FF or 0x19E0 <= o <= 0x19FF: return 'Khmr'
    if 0x1000 <= o <= 0x109F: return 'Mymr'
    return 'other'

WANT = {'uz-Latn': 'Latn', 'uz-Cyrl': 'Cyrl', 'ky': 'Cyrl', 'ne': 'Deva', 'km': 'Khmr', 'my': 'Mymr'}

BRANDS = {'firefox', 'mozilla', 'thunderbird', 'nightly', 'gecko', 'pocket', 'google', 'microsoft', 'windows', 'apple',
          'macos', 'linux', 'gnome', 'gtk', 'debian', 'unicode', 'javascript', 'webrender', 'webgl', 'android'}
def uz_latn_ok(s):
    low = s.lower()
    if re.search(r'[^a-z\s\-' + APOS + ']', low):   # diacritics (é, ü, ş ...) are not Uzbek
        return False
    if re.search(r'c(?!h)|w', low):                  # Uzbek Latin has no c outside "ch", and no w
        return False
    if re.search('[' + APOS + ']', s) and not re.search(r'[a-z][' + APOS + ']|[' + APOS + '][a-z]', low):
        return False
    toks = [t for t in re.split(r'[\s\-]+', low) if t]
    eng = [t for t in toks if t in EN_VOCAB]
    if any(t in BRANDS for t in toks):
        return False
    if len(eng) == len(toks) or 2 * len(eng) > len(toks):
        return False      # no Uzbek evidence: English, or a name/international word spelt as in English
    return True

def clean_segment(seg, mnemonic):
    s = unicodedata.normalize('NFC', seg)
    s = ''.join(ch for ch in s if ch not in DROP_CHARS)
    if mnemonic:
        s = re.sub(r'_(?=\w)', '', s, count=1)
    s = re.sub(r'\s+', ' ', s).strip()
    s = s.strip(" -'‘’`*:;,.!?\u00a0")
    return s

reasons = defaultdict(Counter)
examples = defaultdict(lambda: defaultdict(list))   # lang -> reason -> a few dropped items, for review

class _R:
    """Counter for one language that also keeps the first dropped examples of each reason."""
    def __init__(self, lang): self.lang = lang
    def __getitem__(self, k): return reasons[self.lang][k]
    def __setitem__(self, k, v):
        reasons[self.lang][k] = v
        ex = examples[self.lang][k]
        if len(ex) < 60: ex.append(CURRENT[0])
CURRENT = ['']

def classify(s, lang):
    """Return the tag for an item or None (and count why)."""
    R = _R(lang); CURRENT[0] = s
    if not s:
        R['empty'] += 1; return None
    if PLACEHOLDER.search(s):
        R['placeholder/markup/URL/symbol'] += 1; return None
    if any(unicodedata.category(c) == 'Nd' for c in s):
        R['digits'] += 1; return None
    scripts = Counter()
    for ch in s:
        if ch.isspace() or ch == '-' or ch in '\u200c\u200d':
            continue
        cat = unicodedata.category(ch)
        if cat[0] not in 'LM' and ch not in APOS:
            if lang == 'my' and 0x104C <= ord(ch) <= 0x104F:   # Burmese word-like signs (၌ ၍ ၎ ၏)
                scripts['Mymr'] += 1; continue
            R['other symbol'] += 1; return None
        scripts[script_of(ch)] += 1
    scripts.pop('apos', None)
    if len(scripts) != 1:
        R['mixed or other script'] += 1; return None
    sc = next(iter(scripts))
    tag = lang
    if WANT[tag] != sc:
        R['wrong script'] += 1; return None
    if sum(1 for c in s if unicodedata.category(c)[0] in 'LM') < 2 or not any(unicodedata.category(c)[0] == 'L' for c in s):
        R['shorter than 2 letters'] += 1; return None
    toks = s.split(' ')
    if len(toks) > MAX_WORDS or len(s) > MAX_CHARS.get(lang, MAX_CHARS_DEFAULT):
        R['too long'] += 1; return None
    if any(unicodedata.category(t[0])[0] == 'M' for t in toks if t) and tag != 'uz-Latn':
        R['starts with a combining mark (broken or legacy encoding)'] += 1; return None
    if tag == 'my' and re.search('[\u1050-\u109f]', s):
        R['Myanmar letters not used in Burmese (or Zawgyi)'] += 1; return None
    if tag in LETTERS and any(c.lower() not in LETTERS[tag] for c in s if c.isalpha()):
        R['letter outside the %s alphabet' % tag] += 1; return None
    if any(c.isupper() for t in re.split(r'[\s\-]+', s) for c in t[1:]):
        R['acronym or inner capital (ID, abbreviation)'] += 1; return None
    if tag == 'uz-Latn' and not uz_latn_ok(s):
        R['not Uzbek Latin (foreign letters or English word)'] += 1; return None
    if tag != 'uz-Latn' and any(c in APOS for c in s):
        R['apostrophe in non-Latin script'] += 1; return None
    return tag

# Strings of CLDR Russian, Kazakh and Mongolian (Cyrillic languages the project already detects): a Kyrgyz or
# Cyrillic Uzbek item spelt exactly like one of them (e.g. a month name or a loanword) cannot tell the languages apart.
OTHER = set()
for loc in ['ru', 'kk', 'mn']:
    for pkg, name in [('cldr-localenames-full', 'languages'), ('cldr-localenames-full', 'territories'), ('cldr-localenames-full', 'scripts'),
                      ('cldr-dates-full', 'ca-gregorian'), ('cldr-dates-full', 'dateFields'), ('cldr-dates-full', 'timeZoneNames'),
                      ('cldr-numbers-full', 'currencies'), ('cldr-units-full', 'units'), ('cldr-misc-full', 'characterLabels'),
                      ('cldr-misc-full', 'typographic')]:
        for s in walk_strings(cldr_main(pkg, loc, name)):
            OTHER.update(x.strip().lower() for x in SPLIT.split(s))
    for v in json.load(open(os.path.join(cldr('cldr-annotations-full'), 'annotations/%s/annotations.json' % loc)))['annotations']['annotations'].values():
        for s in v.get('default', []) + v.get('tts', []):
            OTHER.update(x.strip().lower() for x in SPLIT.split(s))
OTHER_LANG = {'ky': OTHER, 'uz-Cyrl': OTHER}

# ---------------------------------------------------------------- collect
cands = {t: OrderedDict() for t in TAGS}     # key(lower) -> (item, group, label)
per_label = defaultdict(Counter)
def km_words(text):
    """Khmer is written without spaces between words, but translators of UI text often mark word boundaries with
    zero-width spaces (U+200B): the pieces between them are single words."""
    if '\u200b' not in text:
        return []
    return [t for t in re.split(r'[\u200b\s]+', SPLIT.sub(' ', text)) if t]

for lang, group, label, items in SOURCES:
    for text, mid, mn in items:
        if mid is not None and text.strip() == mid.strip():
            reasons[lang]['untranslated (same as English)'] += 1
            continue
        pieces = [(seg, group, label) for seg in SPLIT.split(text)]
        if lang == 'km' and group in ('ui', 'firefox'):
            pieces += [(w, 'km-words', label + ' [single words between zero-width spaces]') for w in km_words(text)]
        for seg, group_, label_ in pieces:
            s = clean_segment(seg, mn)
            if not s:
                continue
            tag = classify(s, lang)
            if tag is None:
                continue
            k = s.lower()
            if k in cands[tag]:
                reasons[lang]['duplicate'] += 1
                continue
            if k in OTHER_LANG.get(tag, ()):
                CURRENT[0] = s; _R(lang)['same as a Russian, Kazakh or Mongolian CLDR string'] += 1
                continue
            cands[tag][k] = (s, group_, label_)
            per_label[tag][label_] += 1

# items found in two tags (e.g. loanwords spelt alike in Kyrgyz and Cyrillic Uzbek) are ambiguous: drop from both
seen = Counter(k for t in TAGS for k in cands[t])
cross = {k for k, c in seen.items() if c > 1}
for t in TAGS:
    for k in list(cands[t]):
        if k in cross:
            del cands[t][k]; reasons[t]['in two tags'] += 1

# every candidate (selected or not), for bench/langid-ngrams/build.py: the ones not selected here are its training text
for t in TAGS:
    with open(os.path.join(WORK, 'candidates-' + t + '.tsv'), 'w', encoding='utf-8') as f:
        for k, (s_, g_, l_) in cands[t].items():
            f.write(s_ + '\t' + l_ + '\n')

# ---------------------------------------------------------------- select
WEIGHTS = {'km-words': 0.15, 'cldr-annotations': 0.30, 'ui': 0.20, 'firefox': 0.15, 'cldr-names': 0.12, 'iso-codes': 0.05,
           'cldr-dates': 0.04, 'cldr-tz': 0.06, 'cldr-other': 0.06, 'glibc': 0.02}
GROUP_MAX = {'cldr-tz': 150}     # time-zone names are repetitive ("... standard time"): at most this many per tag
def h(s): return hashlib.sha1(s.encode('utf-8')).hexdigest()

stats = {}
for t in TAGS:
    groups = defaultdict(list)
    for k, (s, g, label) in cands[t].items():
        groups[g].append((h(s), s, label))
    for g in groups:
        groups[g].sort()
        groups[g] = groups[g][:GROUP_MAX.get(g, len(groups[g]))]
    quota = {g: 0 for g in groups}
    left = min(CAP, sum(len(v) for v in groups.values()))
    while left > 0:
        open_ = [g for g in groups if quota[g] < len(groups[g])]
        wsum = sum(WEIGHTS[g] for g in open_)
        given = 0
        for g in open_:
            add_n = min(len(groups[g]) - quota[g], max(1, int(left * WEIGHTS[g] / wsum)))
            add_n = min(add_n, left - given)
            quota[g] += add_n; given += add_n
            if given >= left: break
        left -= given
    chosen = []
    for g in groups:
        chosen += [(s, label) for _, s, label in groups[g][:quota[g]]]
    chosen.sort(key=lambda x: h(x[0]))
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, t + '.txt'), 'w', encoding='utf-8') as f:
        for s, _ in chosen:
            f.write(s + '\n')
    by_label = Counter(label for _, label in chosen)
    words = sum(1 for s, _ in chosen if ' ' not in s)
    stats[t] = {'items': len(chosen), 'single': words, 'phrases': len(chosen) - words,
                'candidates': len(cands[t]), 'by_label': by_label, 'cands_by_label': per_label[t]}

json.dump({'stats': {t: {k: (dict(v) if isinstance(v, Counter) else v) for k, v in st.items()} for t, st in stats.items()},
           'reasons': {k: dict(v) for k, v in reasons.items()},
           'dropped_examples': {k: dict(v) for k, v in examples.items()}},
          open(os.path.join(WORK, 'build-stats.json'), 'w'), ensure_ascii=False, indent=1)
for t in TAGS:
    st = stats[t]
    print('%-8s %5d items (%d single words, %d phrases) from %d candidates' % (t, st['items'], st['single'], st['phrases'], st['candidates']))
    for label, n in st['by_label'].most_common():
        print('    %5d  %s' % (n, label))
for lang, r in reasons.items():
    print('dropped (%s): %s' % (lang, dict(r)))
PY
