package kr.ieum.channel.email;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import kr.ieum.channel.DeliveryFailed;
import org.junit.jupiter.api.Test;

/**
 * SMTP refusals from a stand-in server that answers RCPT TO with a chosen reply: 4xx is retried, 5xx is not,
 * an unreachable server is retried; the failure never quotes the address.
 */
class SmtpFailuresTest {
    private static final String RESIDENT = "resident@example.vn";

    /** A one-connection SMTP server answering RCPT TO with {@code rcptReply}. */
    private static ServerSocket server(String rcptReply) throws IOException {
        ServerSocket server = new ServerSocket(0);
        Thread thread = new Thread(() -> {
            try (Socket s = server.accept()) {
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
                OutputStream out = s.getOutputStream();
                out.write("220 stand-in ESMTP\r\n".getBytes(StandardCharsets.US_ASCII));
                String line;
                while ((line = in.readLine()) != null) {
                    String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase(java.util.Locale.ROOT) : line;
                    String reply = switch (verb) {
                        case "EHLO", "HELO", "MAIL", "RSET", "NOOP" -> "250 OK";
                        case "RCPT" -> rcptReply + " <" + RESIDENT + ">";
                        case "QUIT" -> "221 bye";
                        default -> "502 not implemented";
                    };
                    out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    if (verb.equals("QUIT")) {
                        break;
                    }
                }
            } catch (IOException e) {
                // the client hung up
            }
        });
        thread.setDaemon(true);
        thread.start();
        return server;
    }

    private static DeliveryFailed send(int port) {
        EmailProperties p = new EmailProperties(true, Duration.ofSeconds(30), "imap.test", 993, "bot@ieum.test", "x", true,
                "127.0.0.1", port, null, null, false, false, "bot@ieum.test", 10, Duration.ofHours(1), 2000, 50,
                Duration.ofSeconds(5));
        Session session = MailSessions.smtp(p);
        MessagingException e = assertThrows(MessagingException.class, () -> {
            MimeMessage m = new MimeMessage(session);
            m.setFrom(new InternetAddress("bot@ieum.test"));
            m.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(RESIDENT));
            m.setText("hello", "UTF-8");
            try (Transport t = session.getTransport("smtp")) {
                t.connect();
                t.sendMessage(m, m.getAllRecipients());
            }
        });
        return EmailChannel.failed(e);
    }

    @Test
    void aPermanentRefusalIsNotRetried() throws IOException {
        try (ServerSocket server = server("550 5.1.1 no such user")) {
            DeliveryFailed failed = send(server.getLocalPort());
            assertFalse(failed.retryable());
            assertEquals("SMTP answered 550", failed.getMessage());
        }
    }

    @Test
    void aTransientRefusalIsRetried() throws IOException {
        try (ServerSocket server = server("451 4.7.1 greylisted, try again later")) {
            DeliveryFailed failed = send(server.getLocalPort());
            assertTrue(failed.retryable());
            assertFalse(failed.getMessage().contains(RESIDENT));
        }
    }

    @Test
    void anUnreachableServerIsRetried() throws IOException {
        int port;
        try (ServerSocket closed = new ServerSocket(0)) {
            port = closed.getLocalPort();
        }
        DeliveryFailed failed = send(port);
        assertTrue(failed.retryable());
        assertFalse(failed.getMessage().contains(RESIDENT));
    }
}
