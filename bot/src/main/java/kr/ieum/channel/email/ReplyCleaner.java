package kr.ieum.channel.email;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Keeps only what the resident just wrote: drops quoted lines ({@code >}), cuts at the quoted history's
 * attribution line ("On ... wrote:" as Gmail, Apple Mail, Outlook and Thunderbird write it in the languages
 * residents use), at Outlook's "Original Message" separators and From:/Sent: header blocks, at the signature
 * delimiter {@code "-- "} and at "Sent from my iPhone"-style trailers; then caps the length.
 */
final class ReplyCleaner {
    /** Attribution lines end with one of these (compared in lower case, colon included). */
    private static final Pattern ATTRIBUTION_END = Pattern.compile("(?iu).*(wrote|writes|a écrit|schrieb|escribió|escreveu"
            + "|ha scritto|schreef|skrev|napisał|đã viết|viết|пишет|написал|написала|написал\\(а\\)|писал|жазды|жазган|бичсэн"
            + "|写道|寫道|작성|님이 작성|님의 메시지|書きました|のメッセージ|のメール|より)\\s*[:：]\\s*$");
    /** Gmail in Japanese or Russian: "2024年5月3日(金) 15:15 Name <a@b.jp>:" — a date, an address and a colon. */
    private static final Pattern DATED_ADDRESS = Pattern.compile("(?u).*\\d.*<?[^\\s<>@]+@[^\\s<>@]+>?\\s*[:：]\\s*$");
    /** How wrapped attributions begin: "On Fri, May 3, 2024 at 3:15 PM ...", "Le 3 mai 2024 à 15:15, ...". */
    private static final Pattern OPENER = Pattern.compile("(?iu)^(on|le|am|el|em|il|op|den|vào|в|w dniu)\\s.*\\d.*");
    private static final Pattern SEPARATOR = Pattern.compile("(?iu)^[-_=* ]{2,}\\s*(original message|forwarded message"
            + "|original e-?mail|ursprüngliche nachricht|message d'origine|mensaje original|원본 메시지|원본 메일|원래 메시지"
            + "|전달된 메시지|元のメッセージ|転送されたメッセージ|原始邮件|原始郵件|原邮件|原郵件|转发的邮件|исходное сообщение"
            + "|пересылаемое сообщение|переслан\\S* сообщение|thư gốc|tin nhắn gốc|thư được chuyển tiếp)\\s*[-_=* ]*$");
    private static final Pattern UNDERLINE = Pattern.compile("^_{10,}\\s*$");
    private static final Pattern HEADER_FROM = Pattern.compile("(?iu)^\\**\\s*(from|de|von|van|da|보낸\\s*사람|발신자|差出人"
            + "|送信者|发件人|發件人|寄件者|từ|người gửi|от|отправитель)\\s*\\**\\s*[:：].*");
    private static final Pattern HEADER_OTHER = Pattern.compile("(?iu)^\\**\\s*(sent|date|to|subject|cc|envoyé|gesendet"
            + "|enviado|보낸\\s*날짜|날짜|받는\\s*사람|제목|送信日時|日付|宛先|件名|发送时间|发送日期|时间|日期|收件人|主题|主題"
            + "|寄件日期|收件者|đã gửi|ngày|gửi|tới|đến|chủ đề|отправлено|дата|кому|тема)\\s*\\**\\s*[:：].*");
    private static final Pattern TRAILER_PHRASE = Pattern.compile("(?iu).*(sent from|sent with|sent via|sent using|get outlook"
            + "|envoyé de|gesendet|enviado desde|enviado do|에서 보냄|에서 보냈습니다|에서 전송|から送信|より送信|发送自|发自|發自"
            + "|来自我的|來自我的|从我的|從我的|gửi từ|được gửi từ|отправлено с|отправлено из|отправлено через).*");
    private static final Pattern TRAILER_DEVICE = Pattern.compile("(?iu).*(iphone|ipad|android|galaxy|samsung|outlook|mail"
            + "|yahoo|phone|mobile|스마트폰|갤럭시|휴대폰|핸드폰|모바일|메일|手机|手機|携帯|スマホ|スマートフォン|メール|邮箱|郵件"
            + "|điện thoại|di động|айфон|телефон|мобильн|почт).*");

    private ReplyCleaner() {}

    /** The new text of a reply, at most {@code maxChars} characters. */
    static String clean(String body, int maxChars) {
        String[] lines = body.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String t = line.strip();
            if (line.equals("-- ") || t.equals("--") || SEPARATOR.matcher(t).matches()
                    || UNDERLINE.matcher(t).matches() || isTrailer(t) || isAttribution(t, lines, i) || isHeaderBlock(lines, i)) {
                break;
            }
            if (t.startsWith(">")) {
                continue;
            }
            kept.add(line.stripTrailing());
        }
        String text = String.join("\n", kept).replaceAll("\\n{3,}", "\n\n").strip();
        return cap(text, maxChars);
    }

    static String cap(String text, int maxChars) {
        if (text.length() <= maxChars) {
            return text;
        }
        int end = maxChars;
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }

    private static boolean isTrailer(String t) {
        return t.length() <= 80 && TRAILER_PHRASE.matcher(t).matches() && TRAILER_DEVICE.matcher(t).matches();
    }

    private static boolean isAttribution(String t, String[] lines, int i) {
        if (attribution(t)) {
            return true;
        }
        // Gmail wraps long attribution lines: "On Fri, May 3, 2024 at 3:15 PM Name <\nname@example.com> wrote:"
        if (i + 1 < lines.length && t.length() >= 8 && !lines[i + 1].strip().isEmpty()) {
            String joined = t + " " + lines[i + 1].strip();
            return joined.length() <= 300 && attribution(joined)
                    && (!attribution(lines[i + 1].strip()) || t.endsWith("<") || OPENER.matcher(t).matches());
        }
        return false;
    }

    private static boolean attribution(String t) {
        if (t.length() > 300 || !(t.endsWith(":") || t.endsWith("："))) {
            return false;
        }
        return ATTRIBUTION_END.matcher(t).matches() && (t.length() > 12 || t.contains("@"))
                || DATED_ADDRESS.matcher(t).matches();
    }

    private static boolean isHeaderBlock(String[] lines, int i) {
        if (!HEADER_FROM.matcher(lines[i].strip()).matches()) {
            return false;
        }
        int others = 0;
        for (int j = i + 1; j < Math.min(lines.length, i + 6); j++) {
            if (HEADER_OTHER.matcher(lines[j].strip()).matches()) {
                others++;
            }
        }
        return others >= 2;
    }
}
