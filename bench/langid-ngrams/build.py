#!/usr/bin/env python3
"""Builds bot/src/main/resources/language/ngrams.tsv.gz: character n-gram language models (Witten-Bell smoothing,
backoff form) that tell apart the Cyrillic-script languages (ru, kk, ky, mn, uz in Cyrillic) and the Latin-script ones
(en, id, tl, vi, uz in Latin) of single words. See SOURCES.md beside this script for the training text and its licences.

Standard library only, offline. Inputs:
  $LANGID_WORK (default /tmp/langid-work) as left by `bench/langid-dev/build.sh`: x/ (unpacked Debian packages),
  cldr/ (unpacked CLDR npm packages) and candidates-<tag>.tsv (every development-data candidate, selected or not);
  wordlists/ as left by `bench/langid-ngrams/wordlists.sh` (tesseract-ocr and hunspell-uz word lists);
  the repository's content/ and locales/messages/.
Never read: UDHR, shared/data (the Lingua test data, faq-dev), and bench/langid-dev/*.txt except to REMOVE every
development item from the training text (a line holding a development phrase is dropped; a word equal to a
development single word is dropped), then checked: no training line equals or contains a development item.

Usage: bench/langid-ngrams/build.py [--eval]   (--eval: accuracy on 10 % of the training words held out, no output)
"""
import glob, gzip, json, math, os, re, struct, sys, unicodedata, zlib
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
WORK = os.environ.get('LANGID_WORK', '/tmp/langid-work')
OUT = os.path.join(REPO, 'bot/src/main/resources/language/ngrams.tsv.gz')
ORDER = 4            # characters per n-gram at most (the word boundary counts as one)
MIN_COUNT = {3: 2, 4: 2, 5: 2}   # n-grams seen fewer times are pruned (smaller model)
APOS = "'‘’ʻʼ`"
UZ_APOS = 'ʻ'        # every apostrophe variant is read as this one (the detector does the same)

RU = 'абвгдеёжзийклмнопрстуфхцчшщъыьэюя'
LAT = 'abcdefghijklmnopqrstuvwxyz'
VI = 'ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ'
ALPHABET = {
    'ru': RU, 'kk': RU + 'әғқңөұүһі', 'ky': RU + 'ңөү', 'mn': RU + 'өү', 'uz-Cyrl': RU + 'ўқғҳ',
    'en': LAT, 'id': LAT, 'tl': LAT + 'ñ', 'vi': LAT + VI, 'uz-Latn': LAT + UZ_APOS,
}
MODELS = {'Cyrl': ['ru', 'kk', 'ky', 'mn', 'uz-Cyrl'], 'Latn': ['en', 'id', 'tl', 'vi', 'uz-Latn']}
# locale directories (Debian) and CLDR locales of each language
MO_DIRS = {'ru': ['ru'], 'kk': ['kk'], 'ky': ['ky'], 'mn': ['mn'], 'uz-Cyrl': ['uz@cyrillic'], 'id': ['id'],
           'tl': ['tl', 'fil'], 'vi': ['vi'], 'uz-Latn': [], 'en': []}
CLDR_LOC = {'ru': 'ru', 'kk': 'kk', 'ky': 'ky', 'mn': 'mn', 'uz-Cyrl': 'uz-Cyrl', 'en': 'en', 'id': 'id', 'tl': 'fil',
            'vi': 'vi', 'uz-Latn': None}
# long lists of names of languages, scripts and subdivisions are mostly foreign proper names: left out
MO_SKIP = re.compile(r'iso_(639|3166-2|3166_2|15924)')
CONTENT = {'ru': 'ru', 'kk': 'kk', 'ky': 'ky', 'mn': 'mn', 'en': 'en', 'id': 'id', 'tl': 'tl', 'vi': 'vi', 'uz-Latn': 'uz'}
LINE_SPLIT = re.compile(r'[\n\t.,;:!?()\[\]{}"“”„«»‹›/|\\…·•–—]+')
WORD = re.compile(r"[\w" + APOS + r"]+")


def read_mo(path):
    data = open(path, 'rb').read()
    e = '<' if struct.unpack('<I', data[:4])[0] == 0x950412de else '>'
    _, _, n, o, t = struct.unpack(e + '5I', data[:20])
    for i in range(n):
        l, off = struct.unpack(e + '2I', data[o + 8 * i:o + 8 * i + 8]); k = data[off:off + l]
        l, off = struct.unpack(e + '2I', data[t + 8 * i:t + 8 * i + 8]); v = data[off:off + l]
        if not k:
            continue
        mid = k.split(b'\x04')[-1].split(b'\x00')[0].decode('utf-8', 'replace')
        for s in v.split(b'\x00'):
            s = s.decode('utf-8', 'replace')
            if s and s != mid:
                yield mid, s


def walk_strings(obj):
    if isinstance(obj, dict):
        for v in obj.values():
            yield from walk_strings(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from walk_strings(v)
    elif isinstance(obj, str):
        yield obj


def cldr_texts(loc):
    for f in sorted(glob.glob(os.path.join(WORK, 'cldr/cldr-*/package/main', loc, '*.json'))):
        yield from walk_strings(json.load(open(f, encoding='utf-8')))
    f = glob.glob(os.path.join(WORK, 'cldr/cldr-annotations-full-*/package/annotations', loc, 'annotations.json'))
    for p in f:
        for v in json.load(open(p, encoding='utf-8'))['annotations']['annotations'].values():
            yield from v.get('default', []) + v.get('tts', [])


def content_texts(loc):
    files = sorted(glob.glob(os.path.join(REPO, 'content/faq/*', loc + '.md')))
    files += [os.path.join(REPO, 'content/concepts', loc + '.yaml'),
              os.path.join(REPO, 'content/journeys/mobile-id-enrollment', loc + '.yaml'),
              os.path.join(REPO, 'locales/messages', loc + '.yaml')]
    for f in files:
        if not os.path.exists(f):
            continue
        for line in open(f, encoding='utf-8'):
            line = line.strip()
            if line.startswith('#'):
                continue
            line = re.sub(r'^[\w.\-]+:\s', ' ', line)        # yaml keys (English identifiers)
            line = re.sub(r'\(topic:[^)]*\)|https?://\S+|\{[^}]*\}', ' ', line)
            yield line


def to_uz_cyrl(text):
    """Uzbek Latin to Cyrillic (the official correspondence; e at a word's start is э)."""
    t = re.sub('[' + APOS + ']', UZ_APOS, text.lower())
    out = []
    for w in re.split(r'(\W+)', t):
        if not w or not re.match(r'[\w' + UZ_APOS + ']', w):
            out.append(w); continue
        r, i = [], 0
        while i < len(w):
            two = w[i:i + 2]
            if two in ('oʻ', 'gʻ', 'sh', 'ch', 'yo', 'yu', 'ya', 'ts') and not (two == 'ts' and i == 0):
                r.append({'oʻ': 'ў', 'gʻ': 'ғ', 'sh': 'ш', 'ch': 'ч', 'yo': 'ё', 'yu': 'ю', 'ya': 'я', 'ts': 'ц'}[two]); i += 2; continue
            c = w[i]
            if c == 'e' and (i == 0 or w[i - 1] in 'aeiouʻ'):
                r.append('э')
            elif c == UZ_APOS:
                r.append('ъ')
            else:
                r.append({'a': 'а', 'b': 'б', 'd': 'д', 'e': 'е', 'f': 'ф', 'g': 'г', 'h': 'ҳ', 'i': 'и', 'j': 'ж', 'k': 'к',
                          'l': 'л', 'm': 'м', 'n': 'н', 'o': 'о', 'p': 'п', 'q': 'қ', 'r': 'р', 's': 'с', 't': 'т', 'u': 'у',
                          'v': 'в', 'x': 'х', 'y': 'й', 'z': 'з', 'c': 'с', 'w': 'в'}.get(c, c))
            i += 1
        out.append(''.join(r))
    return ''.join(out)


def norm(s):
    s = unicodedata.normalize('NFC', s).lower()
    return re.sub('[' + APOS + ']', UZ_APOS, s)


# ---------------------------------------------------------------- development items (only to keep them out)
DEV_WORDS, DEV_PHRASES = set(), []
for f in sorted(glob.glob(os.path.join(REPO, 'bench/langid-dev/*.txt'))):
    for line in open(f, encoding='utf-8'):
        item = norm(line.strip())
        if not item:
            continue
        toks = tuple(WORD.findall(item))
        if len(toks) == 1:
            DEV_WORDS.add(toks[0])
        elif toks:
            DEV_PHRASES.append(toks)
DEV_PHRASE_SET = set(DEV_PHRASES)
MAX_PHRASE = max(len(p) for p in DEV_PHRASES)


def contains_dev_phrase(toks):
    for n in range(2, min(MAX_PHRASE, len(toks)) + 1):
        for i in range(len(toks) - n + 1):
            if tuple(toks[i:i + n]) in DEV_PHRASE_SET:
                return True
    return False


def strip_dev(text):
    """The text without its development items, before it is transliterated (so that no development item of one
    script comes into the training text of the other): segments holding a development phrase go, and so do words
    equal to a development single word."""
    out = []
    for seg in LINE_SPLIT.split(norm(text)):
        toks = WORD.findall(seg)
        if toks and not contains_dev_phrase(toks):
            out.append(' '.join(t for t in toks if t not in DEV_WORDS))
    return ' . '.join(out)


# ---------------------------------------------------------------- training text
def raw_texts(lang):
    """(source label, text) of every training source of a language."""
    for d in MO_DIRS[lang]:
        for p in sorted(glob.glob(os.path.join(WORK, 'x/*/usr/share/locale', d, 'LC_MESSAGES/*.mo'))):
            if MO_SKIP.search(p):
                continue
            label = 'Debian ' + p.split('/x/')[1].split('/')[0] + ' ' + os.path.basename(p)
            for _, s in read_mo(p):
                yield label, s
    if lang == 'en':   # English is the source language of the Debian catalogues: their msgids
        for p in sorted(glob.glob(os.path.join(WORK, 'x/*/usr/share/locale/ru/LC_MESSAGES/*.mo'))):
            if MO_SKIP.search(p):
                continue
            label = 'Debian ' + p.split('/x/')[1].split('/')[0] + ' ' + os.path.basename(p) + ' (English msgids)'
            for mid, _ in read_mo(p):
                yield label, mid
    if CLDR_LOC[lang]:
        for s in cldr_texts(CLDR_LOC[lang]):
            yield 'CLDR 48.2.0 ' + CLDR_LOC[lang], s
    if lang in ('uz-Latn', 'uz-Cyrl'):
        # development-data candidates not selected into bench/langid-dev (selected ones are removed below)
        for line in open(os.path.join(WORK, 'candidates-uz-Latn.tsv'), encoding='utf-8'):
            s = line.split('\t')[0]
            yield 'langid-dev candidates uz-Latn' + (' transliterated' if lang == 'uz-Cyrl' else ''), (to_uz_cyrl(strip_dev(s)) if lang == 'uz-Cyrl' else s)
    if lang == 'uz-Cyrl':
        for line in open(os.path.join(WORK, 'candidates-uz-Cyrl.tsv'), encoding='utf-8'):
            yield 'langid-dev candidates uz-Cyrl', line.split('\t')[0]
        for s in content_texts('uz'):
            yield 'Ieum content uz transliterated', to_uz_cyrl(strip_dev(s))
    if lang == 'ky':
        for line in open(os.path.join(WORK, 'candidates-ky.tsv'), encoding='utf-8'):
            yield 'langid-dev candidates ky', line.split('\t')[0]
    if lang in CONTENT:
        for s in content_texts(CONTENT[lang]):
            yield 'Ieum content ' + CONTENT[lang], s
    for name, label in WORDLISTS.get(lang, []):
        for w in wordlist(name, lang):
            yield label, w


# word lists (bench/langid-ngrams/wordlists.sh): each distinct word once (lower case), less the words that the
# lists of the languages named in WORDLIST_OTHERS also hold (loanwords, names, text of another language)
WORDLISTS = {
    'ru': [('tesseract-rus', 'tesseract-ocr-rus word list')],
    'kk': [('tesseract-kaz', 'tesseract-ocr-kaz word list')],
    'ky': [('tesseract-kir', 'tesseract-ocr-kir word list')],
    'mn': [('tesseract-mon', 'tesseract-ocr-mon word list')],
    'uz-Cyrl': [('tesseract-uzb_cyrl', 'tesseract-ocr-uzb-cyrl word list'), ('hunspell-uz', 'hunspell-uz word list')],
    'en': [('tesseract-eng', 'tesseract-ocr-eng word list')],
    'id': [('tesseract-ind', 'tesseract-ocr-ind word list')],
    'tl': [('tesseract-fil', 'tesseract-ocr-fil word list')],
    'vi': [('tesseract-vie', 'tesseract-ocr-vie word list')],
    'uz-Latn': [('tesseract-uzb', 'tesseract-ocr-uzb word list')],
}
# the words of a list that another language's list of the same script holds too tell nothing apart: left out
WORDLIST_OTHERS = {'ru': ['kaz', 'kir', 'mon', 'uzb_cyrl'], 'kk': ['rus', 'kir', 'mon', 'uzb_cyrl'],
                   'ky': ['rus', 'kaz', 'mon', 'uzb_cyrl'], 'mn': ['rus', 'kaz', 'kir', 'uzb_cyrl'],
                   'uz-Cyrl': ['rus', 'kaz', 'kir', 'mon'], 'en': ['ind', 'fil', 'vie', 'uzb'], 'id': ['eng', 'fil', 'vie', 'uzb'],
                   'tl': ['eng', 'ind', 'vie', 'uzb'], 'vi': ['eng', 'ind', 'fil', 'uzb'], 'uz-Latn': ['eng', 'ind', 'fil', 'vie']}
_LISTS = {}


def read_wordlist(name):
    if name not in _LISTS:
        path = os.path.join(WORK, 'wordlists', name + '.txt')
        _LISTS[name] = sorted({norm(l.strip()) for l in open(path, encoding='utf-8') if l.strip()})
    return _LISTS[name]


def wordlist(name, lang):
    others = set()
    for o in WORDLIST_OTHERS[lang]:
        others.update(read_wordlist('tesseract-' + o))
    return [w for w in read_wordlist(name) if w not in others]


def training_words(lang):
    """Words (lower case, NFC) of the training text, after removing the development items, and counts per source."""
    alphabet = set(ALPHABET[lang])
    words, per_source, dropped = [], Counter(), Counter()
    for label, text in raw_texts(lang):
        if lang == 'uz-Latn' and label.startswith('Debian'):
            continue
        for seg in LINE_SPLIT.split(norm(text)):
            toks = WORD.findall(seg)
            if not toks:
                continue
            if contains_dev_phrase(toks):
                dropped['line with a development phrase'] += 1
                continue
            kept = []
            for t in toks:
                if t in DEV_WORDS:
                    dropped['development word'] += 1
                elif all(c in alphabet for c in t) and len(t) >= 1:
                    kept.append(t)
            # a line that is mostly other letters (another language, names) gives no words
            if kept and 2 * len(kept) >= len(toks):
                words += kept
                per_source[label] += len(kept)
    return words, per_source, dropped


# ---------------------------------------------------------------- model
def train(words, order):
    counts = [Counter() for _ in range(order + 1)]      # counts[n][ngram]
    for w in words:
        s = ' ' + w + ' '
        for i in range(1, len(s)):
            for n in range(1, order + 1):
                if i - n + 1 < 0:
                    break
                counts[n][s[i - n + 1:i + 1]] += 1
    for n, k in MIN_COUNT.items():
        if n <= order:
            counts[n] = Counter({g: c for g, c in counts[n].items() if c >= k})
    # Witten-Bell: P(c|h) = (c(hc) + T(h) P(c|h')) / (c(h) + T(h)); backoff weight of h = T(h) / (c(h) + T(h))
    ctx_total, ctx_types = [Counter() for _ in range(order + 1)], [Counter() for _ in range(order + 1)]
    for n in range(1, order + 1):
        for g, c in counts[n].items():
            ctx_total[n][g[:-1]] += c
            ctx_types[n][g[:-1]] += 1
    V = 200.0
    logp, bow = {}, {}
    t0, c0 = ctx_types[1][''], ctx_total[1]['']
    unk = math.log(t0 / (c0 + t0) / V)
    prob = {}
    for g, c in counts[1].items():
        prob[g] = (c + t0 / V) / (c0 + t0)
    for n in range(2, order + 1):
        for g, c in counts[n].items():
            h = g[:-1]
            lower = lookup(prob, g[1:], unk)
            prob[g] = (c + ctx_types[n][h] * lower) / (ctx_total[n][h] + ctx_types[n][h])
    for n in range(1, order):
        for h in ctx_total[n + 1]:
            bow[h] = ctx_types[n + 1][h] / (ctx_total[n + 1][h] + ctx_types[n + 1][h])
    for g, p in prob.items():
        logp[g] = math.log(p)
    return {'logp': logp, 'bow': {h: math.log(b) for h, b in bow.items()}, 'unk': unk}


def lookup(prob, g, unk):
    """P of the last character of g given the rest, by backoff over the interpolated probabilities (training time)."""
    if g in prob:
        return prob[g]
    return math.exp(unk) if len(g) <= 1 else lookup(prob, g[1:], unk)


def score(model, w, order):
    s = ' ' + w + ' '
    total = 0.0
    for i in range(1, len(s)):
        for n in range(min(order, i + 1), 0, -1):
            g = s[i - n + 1:i + 1]
            if g in model['logp']:
                total += model['logp'][g]
                break
            if n > 1:
                total += model['bow'].get(g[:-1], 0.0)
        else:
            total += model['unk']
    return total


def main():
    evaluate = '--eval' in sys.argv
    order = ORDER
    for a in sys.argv:
        if a.startswith('--order='):
            order = int(a.split('=')[1])
    stats = {}
    models = {}
    held = {}
    for script, langs in MODELS.items():
        for lang in langs:
            words, per_source, dropped = training_words(lang)
            # check: no training word is a development single word, no run of training words a development phrase
            assert not any(w in DEV_WORDS for w in words)
            if evaluate:
                test = [w for i, w in enumerate(words) if zlib.crc32(w.encode()) % 10 == 0]
                words = [w for w in words if zlib.crc32(w.encode()) % 10 != 0]
                held[lang] = sorted(set(test))
            models[lang] = train(words, order)
            stats[lang] = {'words': len(words), 'distinct': len(set(words)), 'per_source': per_source,
                           'dropped': dropped, 'ngrams': len(models[lang]['logp'])}
            print('%-8s %7d words (%6d distinct), %6d n-grams; removed: %s' % (
                lang, len(words), len(set(words)), len(models[lang]['logp']), dict(dropped)), file=sys.stderr)
    if evaluate:
        for script, langs in MODELS.items():
            for lang in langs:
                right = sum(1 for w in held[lang] if max(langs, key=lambda l: score(models[l], w, order)) == lang)
                print('held-out distinct words %-8s %5.1f%% of %d' % (lang, 100.0 * right / max(1, len(held[lang])), len(held[lang])))
        return
    write(models, order)
    json.dump({l: {'words': s['words'], 'distinct': s['distinct'], 'ngrams': s['ngrams'], 'dropped': dict(s['dropped']),
                   'per_source': dict(s['per_source'].most_common())} for l, s in stats.items()},
              open(os.path.join(WORK, 'ngrams-stats.json'), 'w'), ensure_ascii=False, indent=1)


def write(models, order):
    """One line per n-gram and script: the n-gram, then for each language of the script its log P and its backoff
    weight (log) as a context, '' where it has none. Header lines: '#' comments, '@script order unk-per-language'."""
    lines = ['# Character n-gram models for LanguageDetector, built by bench/langid-ngrams/build.py; sources and',
             '# licences: bench/langid-ngrams/SOURCES.md. Format: "@<script>\\t<order>\\t<lang>=<log P of an unseen',
             '# character>..." then per n-gram "<n-gram>\\t<log P>,<log backoff>" per language ("" = none); " " is the word boundary.']
    for script, langs in MODELS.items():
        lines.append('@%s\t%d\t%s' % (script, order, '\t'.join('%s=%.3f' % (l, models[l]['unk']) for l in langs)))
        keys = set()
        for l in langs:
            keys |= set(models[l]['logp']) | set(models[l]['bow'])
        for g in sorted(keys):
            cells = []
            for l in langs:
                p = models[l]['logp'].get(g)
                b = models[l]['bow'].get(g)
                cells.append(('%.2f' % p if p is not None else '') + (',%.2f' % b if b is not None else ''))
            lines.append(g + '\t' + '\t'.join(cells))
    data = ('\n'.join(lines) + '\n').encode('utf-8')
    with open(OUT, 'wb') as f:
        with gzip.GzipFile(fileobj=f, mode='wb', mtime=0, filename='') as gz:
            gz.write(data)
    print('wrote %s (%d bytes, %d lines)' % (OUT, os.path.getsize(OUT), len(lines)), file=sys.stderr)


if __name__ == '__main__':
    main()
