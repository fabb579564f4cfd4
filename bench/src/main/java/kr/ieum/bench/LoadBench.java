package kr.ieum.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import kr.ieum.faq.index.FaqIndex;

/**
 * Issue 4.3: load. Starts the packaged service (real PostgreSQL: embedded, or DATABASE_URL), then drives simulated
 * residents ({@link Residents}) open-loop at stepped rates through {@code POST /api/v1/messages} and, where the
 * service has it, signed Twilio webhooks. Latency is measured from each request's scheduled send time, so a slow
 * service cannot slow the offered load down. {@code --quick} finishes in under two minutes.
 */
public final class LoadBench {
    static final double P99_GOAL_MS = 50;
    private static final String ACCOUNT_SID = "AC" + "0".repeat(31) + "1";
    private static final String PUBLIC_URL = "https://ieum-bench.invalid";

    /** One step's figures. */
    record Step(int rate, int sent, int ok, int errors, double seconds, long[] apiNanos, long[] twilioNanos,
            double serviceCpu, double postgresCpu, double benchCpu, long serviceRss, long postgresRss) {
        long[] all() {
            long[] a = Arrays.copyOf(apiNanos, apiNanos.length + twilioNanos.length);
            System.arraycopy(twilioNanos, 0, a, apiNanos.length, twilioNanos.length);
            Arrays.sort(a);
            return a;
        }
    }

    private LoadBench() {}

    public static void main(String[] args) throws Exception {
        boolean quick = List.of(args).contains("--quick");
        // --steady: CPU per turn only, at one rate, repeated (for comparing two builds on a noisy machine: run each in turn)
        boolean steady = List.of(args).contains("--steady");
        int[] rates = steady ? new int[] {200, 200, 200, 200, 200, 200} : quick ? new int[] {25, 50, 100, 200, 400}
                : new int[] {25, 50, 75, 100, 150, 200, 300};
        int seconds = steady ? 20 : quick ? 5 : 30;
        int warmSeconds = steady ? 90 : quick ? 6 : 30;
        int warmRate = steady ? 100 : rates[0] * 2;
        int contacts = quick ? 300 : 2000;
        String token = HexFormat.of().formatHex(new java.security.SecureRandom().generateSeed(16));
        KnowledgeBase kb = KnowledgeBase.load();
        System.out.println("load: starting the packaged service ...");
        try (TwilioApiStandIn twilioApi = new TwilioApiStandIn(ACCOUNT_SID);
                ServiceProcess service = ServiceProcess.start(Map.of("TWILIO_ENABLED", "true", "TWILIO_AUTH_TOKEN", token,
                        "TWILIO_ACCOUNT_SID", ACCOUNT_SID, "TWILIO_API_URL", twilioApi.url(), "TWILIO_SMS_FROM", "+15005550006",
                        "IEUM_PUBLIC_URL", PUBLIC_URL))) {
            System.out.printf("load: ready in %.1f s (pid %d, %s)%n", service.startupSeconds, service.pid(), service.database());
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
            Driver driver = new Driver(service, client, new TwilioSigner(token));
            String twilioStatus = driver.probeTwilio();
            boolean twilio = twilioStatus == null;
            System.out.println("load: Twilio webhooks " + (twilio ? "enabled" : "skipped: " + twilioStatus));
            Residents residents = new Residents(kb, BenchEnv.data("faq-dev"), contacts, twilio);
            System.out.printf("load: warm-up, %d s at %d/s%n", warmSeconds, warmRate);
            driver.step(residents, warmRate, warmSeconds);
            List<Step> steps = new ArrayList<>();
            for (int rate : rates) {
                Step s = driver.step(residents, rate, seconds);
                steps.add(s);
                long[] all = s.all();
                System.out.printf(Locale.ROOT, "load: %4d/s  ok %5d  errors %4d  p50 %6.1f  p99 %7.1f ms  service CPU %.0f %%%n", rate, s.ok(),
                        s.errors(), ms(pct(all, 50)), ms(pct(all, 99)), s.serviceCpu());
                if (s.errors() > s.sent() / 2) {
                    System.out.println("load: more than half the requests failed; stopping the steps here");
                    break;
                }
            }
            System.out.printf("load: the Twilio API stand-in received %d outbound messages%n", twilioApi.messages());
            if (steady) {
                double[] perTurn = steps.stream().mapToDouble(st -> (st.serviceCpu() + st.postgresCpu()) * 10.0 / st.rate()).sorted().toArray();
                System.out.printf(Locale.ROOT, "load: CPU per turn at %d/s (service + PostgreSQL), %d steps of %d s: median %.2f ms, all %s%n",
                        rates[0], perTurn.length, seconds, perTurn[perTurn.length / 2], java.util.Arrays.toString(perTurn));
                return;
            }
            double[] rebuild = rebuild(kb);
            LoadReport.write(quick, service, residents, contacts, twilio, twilioStatus, seconds, warmSeconds, rates[0] * 2, steps, rebuild);
        }
    }

    /**
     * Index rebuild after a content publish, measured in-process on the real knowledge base with {@link FaqIndex}
     * exactly as the service's {@code ContentPublished} listener calls it (this branch has no publishing endpoint):
     * [full build ms, median ms to replace one topic in one locale, median ms to replace one topic in all locales].
     */
    static double[] rebuild(KnowledgeBase kb) throws IOException {
        float gramWeight = ServiceSettings.load().gramWeight();
        double full = Double.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            try (FaqIndex index = kb.index(gramWeight)) {
                full = Math.min(full, (System.nanoTime() - t0) / 1e6);
            }
        }
        try (FaqIndex index = kb.index(gramWeight)) {
            List<Double> one = new ArrayList<>();
            List<Double> topic = new ArrayList<>();
            List<String> topics = kb.localizations.stream().map(l -> l.topic()).distinct().toList();
            for (int i = 0; i < 40; i++) {
                var l = kb.localizations.get((i * 37) % kb.localizations.size());
                long t0 = System.nanoTime();
                index.replace(KnowledgeBase.keys(List.of(l)), KnowledgeBase.phrases(List.of(l)));
                one.add((System.nanoTime() - t0) / 1e6);
                String id = topics.get(i % topics.size());
                var all = kb.localizations.stream().filter(x -> x.topic().equals(id)).toList();
                t0 = System.nanoTime();
                index.replace(KnowledgeBase.keys(all), KnowledgeBase.phrases(all));
                topic.add((System.nanoTime() - t0) / 1e6);
            }
            one.sort(null);
            topic.sort(null);
            return new double[] {full, one.get(one.size() / 2), topic.get(topic.size() / 2), kb.localizations.size(),
                    KnowledgeBase.phrases(kb.localizations).size()};
        }
    }

    static long pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return -1;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    static double ms(long nanos) {
        return nanos / 1e6;
    }

    /** Sends the messages and measures. */
    static final class Driver {
        private final ServiceProcess service;
        private final HttpClient client;
        private final TwilioSigner signer;
        private final AtomicLong counter = new AtomicLong();
        private final AtomicLong sids = new AtomicLong();

        Driver(ServiceProcess service, HttpClient client, TwilioSigner signer) {
            this.service = service;
            this.client = client;
            this.signer = signer;
        }

        /** null when the Twilio webhook accepts a signed message; else why it is skipped. */
        String probeTwilio() throws IOException, InterruptedException {
            HttpResponse<Void> r = client.send(request(new Residents.Message("twilio", "+821099999999", "MENU")),
                    HttpResponse.BodyHandlers.discarding());
            if (r.statusCode() == 404) {
                return "POST /webhooks/twilio answers 404: this build has no Twilio channel";
            }
            return r.statusCode() / 100 == 2 ? null : "POST /webhooks/twilio answered " + r.statusCode() + " to a signed test message";
        }

        HttpRequest request(Residents.Message m) {
            if (m.channel().equals("api")) {
                return Http.postJson(service.uri("/api/v1/messages"), Map.of("from", m.from(), "text", m.text()));
            }
            long n = sids.incrementAndGet();
            Map<String, String> form = new LinkedHashMap<>();
            form.put("MessageSid", "SM" + String.format(Locale.ROOT, "%032x", n + System.nanoTime()));
            form.put("AccountSid", ACCOUNT_SID);
            form.put("From", m.from());
            form.put("To", "+821500000000");
            form.put("Body", m.text());
            form.put("NumSegments", "1");
            return HttpRequest.newBuilder(service.uri("/webhooks/twilio")).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("X-Twilio-Signature", signer.sign(PUBLIC_URL + "/webhooks/twilio", form))
                    .POST(HttpRequest.BodyPublishers.ofString(TwilioSigner.form(form))).build();
        }

        Step step(Residents residents, int rate, int seconds) throws InterruptedException {
            int n = rate * seconds;
            long interval = 1_000_000_000L / rate;
            long[] latency = new long[n];
            boolean[] viaTwilio = new boolean[n];
            Arrays.fill(latency, -1);
            AtomicInteger errors = new AtomicInteger();
            CountDownLatch done = new CountDownLatch(n);
            List<Long> pg = service.postgresPids();
            double cpu0 = Machine.cpuSeconds(service.pid());
            double pg0 = pg.stream().mapToDouble(Machine::cpuSeconds).sum();
            double bench0 = Machine.cpuSeconds(ProcessHandle.current().pid());
            long[] rss = new long[2];
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    rss[0] = Math.max(rss[0], Machine.rssBytes(service.pid()));
                    rss[1] = Math.max(rss[1], service.postgresPids().stream().mapToLong(Machine::rssBytes).sum());
                    try {
                        Thread.sleep(250);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sampler.setDaemon(true);
            sampler.start();
            long start = System.nanoTime() + 20_000_000L;
            for (int k = 0; k < n; k++) {
                long target = start + k * interval;
                long wait;
                while ((wait = target - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                Residents.Message m = residents.next(counter.getAndIncrement());
                viaTwilio[k] = m.channel().equals("twilio");
                int index = k;
                client.sendAsync(request(m), HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
                    if (e == null && r.statusCode() / 100 == 2) {
                        latency[index] = System.nanoTime() - target;
                    } else {
                        errors.incrementAndGet();
                    }
                    done.countDown();
                });
            }
            boolean finished = done.await(20, TimeUnit.SECONDS);
            double elapsed = (System.nanoTime() - start) / 1e9;
            sampler.interrupt();
            double cpu = (Machine.cpuSeconds(service.pid()) - cpu0) / elapsed * 100;
            double pgCpu = (service.postgresPids().stream().mapToDouble(Machine::cpuSeconds).sum() - pg0) / elapsed * 100;
            double benchCpu = (Machine.cpuSeconds(ProcessHandle.current().pid()) - bench0) / elapsed * 100;
            int timedOut = finished ? 0 : (int) done.getCount();
            long[] api = new long[n];
            long[] tw = new long[n];
            int na = 0;
            int nt = 0;
            for (int k = 0; k < n; k++) {
                if (latency[k] >= 0) {
                    if (viaTwilio[k]) {
                        tw[nt++] = latency[k];
                    } else {
                        api[na++] = latency[k];
                    }
                }
            }
            api = Arrays.copyOf(api, na);
            tw = Arrays.copyOf(tw, nt);
            Arrays.sort(api);
            Arrays.sort(tw);
            return new Step(rate, n, na + nt, errors.get() + timedOut, elapsed, api, tw, cpu, pgCpu, benchCpu, rss[0], rss[1]);
        }
    }
}
