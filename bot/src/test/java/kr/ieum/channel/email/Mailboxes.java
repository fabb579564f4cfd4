package kr.ieum.channel.email;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The residents' side of the e-mail tests: sends raw RFC 5322 bytes over plain SMTP (as {@code curl
 * --upload-file} does) and reads a mailbox back over IMAP.
 */
final class Mailboxes {
    private Mailboxes() {}

    /** Speaks SMTP to {@code port}: MAIL FROM, RCPT TO, DATA with dot-stuffing; fails on any refusal. */
    static void sendRaw(int port, String mailFrom, String rcptTo, byte[] message) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            expect(in, "220");
            command(in, out, "HELO resident.test", "250");
            command(in, out, "MAIL FROM:<" + mailFrom + ">", "250");
            command(in, out, "RCPT TO:<" + rcptTo + ">", "250");
            command(in, out, "DATA", "354");
            out.write(dotStuffed(message));
            out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            expect(in, "250");
            command(in, out, "QUIT", "221");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] dotStuffed(byte[] message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean lineStart = true;
        for (byte b : message) {
            if (lineStart && b == '.') {
                out.write('.');
            }
            out.write(b);
            lineStart = b == '\n';
        }
        if (!lineStart) {
            out.write('\r');
            out.write('\n');
        }
        return out.toByteArray();
    }

    private static void command(BufferedReader in, OutputStream out, String line, String code) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        expect(in, code);
    }

    private static void expect(BufferedReader in, String code) throws IOException {
        String line;
        do {
            line = in.readLine();
            if (line == null || !line.startsWith(code)) {
                throw new IOException("SMTP expected " + code + " but got " + line);
            }
        } while (line.length() > 3 && line.charAt(3) == '-');
    }

    /** Every message in {@code user}'s INBOX (login and password are the address), read over IMAP. */
    static List<MimeMessage> inbox(int imapPort, String user) {
        Properties props = new Properties();
        props.put("mail.imap.peek", "true");
        Session session = Session.getInstance(props);
        try (Store store = session.getStore("imap")) {
            store.connect("127.0.0.1", imapPort, user, user);
            Folder folder = store.getFolder("INBOX");
            folder.open(Folder.READ_ONLY);
            try {
                List<MimeMessage> messages = new ArrayList<>();
                for (Message m : folder.getMessages()) {
                    messages.add(new MimeMessage((MimeMessage) m));
                }
                return messages;
            } finally {
                folder.close(false);
            }
        } catch (MessagingException e) {
            throw new IllegalStateException("IMAP read failed", e);
        }
    }

    static byte[] bytes(MimeMessage message) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out);
            return out.toByteArray();
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] golden(String name) {
        try (InputStream in = Mailboxes.class.getResourceAsStream("/webhooks/email/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
