package kr.ieum.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Signed Telegram webhooks from many residents, for the tests that break something under load ({@code WebhookCrashIT},
 * {@code DatabaseOutageIT}): resident {@code n} (0 ≤ n &lt; residents) asks the golden Russian question once, as update
 * {@code firstUpdate + n} from chat {@code firstChat + n} (both bases random per run, so that rows of earlier tests on the
 * shared database never count), and the answers are counted per chat at the Telegram stand-in.
 */
public final class TelegramLoad {
    /**
     * Service settings for a replica ({@link ServiceTest#startReplica}) that polls often and holds the outbox rows it claims
     * for {@code lease} ({@code ieum.channels.lease}).
     */
    public static List<String> replicaOptions(String lease) {
        return List.of("-Dieum.channels.poll=200ms", "-Dieum.channels.lease=" + lease, "-Dieum.enrollment.reminder-poll=1h",
                "-Dieum.announcements.poll=1h");
    }
    private static final Pattern CHAT = Pattern.compile("\"chat_id\"\\s*:\\s*\"?(-?\\d+)");

    private final String secret;
    private final int residents;
    private final long firstChat;
    private final long firstUpdate;
    private final String golden;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** What a webhook call got: the status (-1 when refused, cut or timed out: not acknowledged) and the body. */
    public record Response(int status, String body) {}

    /**
     * What the stand-in received: {@code usual} answers per message (the most common count; one question may be answered
     * in several Telegram messages), the chats that got fewer ({@code lost}) and those that got more ({@code twice},
     * as {@code chat=count}).
     */
    public record Tally(long usual, List<Long> lost, List<String> twice) {}

    public TelegramLoad(String secret, int residents) {
        this.secret = secret;
        this.residents = residents;
        this.firstChat = 700_000_000L + (System.nanoTime() % 1_000_000L) * 1000;
        this.firstUpdate = 500_000_000L + (System.nanoTime() % 1_000_000L) * 1000;
        try (InputStream in = TelegramLoad.class.getResourceAsStream("/webhooks/telegram/message-text-ru.json")) {
            this.golden = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The environment of a replica with the Telegram channel on, sending to {@code api}. */
    public static Map<String, String> replicaEnv(String token, String secret, HttpStandIn api) {
        return Map.of("TELEGRAM_ENABLED", "true", "TELEGRAM_BOT_TOKEN", token, "TELEGRAM_WEBHOOK_SECRET", secret,
                "TELEGRAM_API_URL", api.url());
    }

    /** Resident {@code n}'s update. */
    public String update(int n) {
        return golden.replace("857412001", String.valueOf(firstUpdate + n)).replace("5038217766", String.valueOf(firstChat + n));
    }

    /** Sends resident {@code n}'s update to the service at {@code base}, signed as Telegram signs it. */
    public Response post(String base, int n) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/webhooks/telegram"))
                    .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                    .header("X-Telegram-Bot-Api-Secret-Token", secret).POST(HttpRequest.BodyPublishers.ofString(update(n))).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            return new Response(-1, String.valueOf(e)); // refused or cut: not acknowledged, so Telegram would send it again
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Response(-1, "interrupted");
        }
    }

    /**
     * Waits until every resident's message is processed and every answer queued since {@code since} has left the outbox
     * (sent or dead: count the dead with {@link #outbox}).
     */
    public void awaitAnswered(DataSource dataSource, Timestamp since, Duration timeout) {
        Await.until("every message is processed and its answer sent", timeout, () ->
                "0".equals(inbox(dataSource, "new")) && "0".equals(outbox(dataSource, since, "pending")));
    }

    /** This load's inbox rows in {@code state} ({@code new}, {@code done}, {@code failed}). */
    public String inbox(DataSource dataSource, String state) {
        // this load's rows only: the database is shared with the tests before it
        return Sql.one(dataSource, "select count(*) from inbox where channel = 'telegram' and state = ? and "
                + "(case when provider_id ~ '^[0-9]{1,18}$' then provider_id::bigint end) between ? and ?", state, firstUpdate,
                firstUpdate + residents - 1);
    }

    /** Telegram outbox rows created since {@code since} in {@code state} ({@code pending}, {@code sent}, {@code dead}). */
    public static String outbox(DataSource dataSource, Timestamp since, String state) {
        return Sql.one(dataSource, "select count(*) from outbox where channel = 'telegram' and created_at >= ? and state = ?",
                since, state);
    }

    /** Resident {@code n}'s inbox row (state, attempts, times), for a failure message; "none" when it was never stored. */
    public String inboxRow(DataSource dataSource, int n) {
        String row = Sql.one(dataSource, "select concat_ws(' ', state, 'attempts', attempts, 'received', received_at, 'next', "
                + "next_attempt_at, 'processed', processed_at) from inbox where channel = 'telegram' and provider_id = ?",
                String.valueOf(firstUpdate + n));
        return row == null ? "none" : row;
    }

    /** The resident who writes from {@code chat}. */
    public int resident(long chat) {
        return (int) (chat - firstChat);
    }

    /** Counts the answers each resident got at the Telegram stand-in. */
    public Tally tally(HttpStandIn api) {
        Map<String, Long> perChat = api.calls("/sendMessage").stream().map(c -> chatOf(c.body()))
                .collect(Collectors.groupingBy(c -> c, Collectors.counting()));
        long usual = perChat.values().stream().collect(Collectors.groupingBy(v -> v, Collectors.counting())).entrySet().stream()
                .max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        List<Long> lost = new ArrayList<>();
        List<String> twice = new ArrayList<>();
        for (int n = 0; n < residents; n++) {
            long got = perChat.getOrDefault(String.valueOf(firstChat + n), 0L);
            if (got < usual) {
                lost.add(firstChat + n);
            } else if (got > usual) {
                twice.add((firstChat + n) + "=" + got);
            }
        }
        return new Tally(usual, lost, twice);
    }

    private static String chatOf(String body) {
        Matcher m = CHAT.matcher(body);
        return m.find() ? m.group(1) : "?";
    }
}
