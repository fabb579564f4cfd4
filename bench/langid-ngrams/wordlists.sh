#!/usr/bin/env bash
# Extracts the word lists that bench/langid-ngrams/build.py reads besides the langid-dev sources: openly licensed
# Debian packages of Kyrgyz and Uzbek words (see SOURCES.md beside this script). Writes $LANGID_WORK/wordlists/*.txt,
# one word a line, nothing else.
#
# Inputs (downloaded once by `--fetch`; the extraction itself runs offline), in $LANGID_WORK/wordlist-debs/:
#   tesseract-ocr-kir, tesseract-ocr-uzb, tesseract-ocr-uzb-cyrl 1:4.1.0-2 (tessdata_fast, Apache-2.0): the word list
#     (the LSTM model's word DAWG) of each, read back with tesseract's own dawg2wordlist;
#   tesseract-ocr-rus, tesseract-ocr-kaz, tesseract-ocr-mon, tesseract-ocr-eng 1:4.1.0-2: the same, used only to
#     leave out of the Kyrgyz and Uzbek lists the words that are also Russian, Kazakh, Mongolian or English;
#   hunspell-uz 0.6-6 (GPL-2+): the Uzbek (Cyrillic) word list, already expanded (its .aff has no affix rules).
# Needs dpkg-deb and, for combine_tessdata and dawg2wordlist, Debian's tesseract-ocr (`apt-get install tesseract-ocr`).
set -euo pipefail
WORK="${LANGID_WORK:-/tmp/langid-work}"
DEBS=(
  tesseract-ocr-kir=1:4.1.0-2 tesseract-ocr-uzb=1:4.1.0-2 tesseract-ocr-uzb-cyrl=1:4.1.0-2
  tesseract-ocr-rus=1:4.1.0-2 tesseract-ocr-kaz=1:4.1.0-2 tesseract-ocr-mon=1:4.1.0-2 tesseract-ocr-eng=1:4.1.0-2
  tesseract-ocr-ind=1:4.1.0-2 tesseract-ocr-vie=1:4.1.0-2 tesseract-ocr-fil=1:4.1.0-2
  hunspell-uz=0.6-6
)
mkdir -p "$WORK/wordlist-debs"
if [[ "${1:-}" == "--fetch" ]]; then
  (cd "$WORK/wordlist-debs" && apt-get download "${DEBS[@]}")
fi
for t in combine_tessdata dawg2wordlist dpkg-deb; do
  command -v "$t" >/dev/null || { echo "needs $t (apt-get install tesseract-ocr)" >&2; exit 1; }
done
X="$WORK/wordlist-x"
rm -rf "$X" "$WORK/wordlists"
mkdir -p "$X" "$WORK/wordlists"
for d in "${DEBS[@]}"; do
  n="${d%%=*}"
  f=$(ls "$WORK/wordlist-debs/${n}_"*.deb 2>/dev/null | head -1)
  [[ -n "$f" ]] || { echo "need $WORK/wordlist-debs/${n}_*.deb: run $0 --fetch once (online)" >&2; exit 1; }
  dpkg-deb -x "$f" "$X"
done
for l in kir uzb uzb_cyrl rus kaz mon eng ind vie fil; do
  combine_tessdata -u "$X/usr/share/tesseract-ocr/5/tessdata/$l.traineddata" "$X/$l." >/dev/null 2>&1
  dawg2wordlist "$X/$l.lstm-unicharset" "$X/$l.lstm-word-dawg" "$WORK/wordlists/tesseract-$l.txt" >/dev/null 2>&1
done
tail -n +2 "$X/usr/share/hunspell/uz_UZ.dic" > "$WORK/wordlists/hunspell-uz.txt"
wc -l "$WORK"/wordlists/*.txt
