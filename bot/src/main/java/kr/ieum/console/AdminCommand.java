package kr.ieum.console;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import kr.ieum.platform.DatabaseBootstrap;

/**
 * {@code admin create-user <username> --roles admin[,editor...] [--name "Full name"] [--password-stdin]}: the first
 * administrator (and any account) from the command line. There is no default password: it is asked twice on the
 * terminal, or read as one line from standard input with {@code --password-stdin}. Uses DATABASE_URL when set, else the
 * embedded PostgreSQL in IEUM_DATA_DIR (the running service's, if it runs).
 */
public final class AdminCommand {
    private static final String USAGE = "usage: admin create-user <username> --roles <role,...> [--name \"Full name\"] [--password-stdin]\n"
            + "roles: editor, reviewer, agent, partner, admin";

    private AdminCommand() {}

    /** Runs the command; answers the exit code: 0 done, 1 refused, 2 usage. */
    public static int run(String[] args, Map<String, String> env, Path dataDir) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        if (args.length < 3 || !args[1].equals("create-user")) {
            err.println(USAGE);
            return 2;
        }
        String username = args[2].strip();
        String roles = null;
        String name = null;
        boolean stdin = false;
        for (int i = 3; i < args.length; i++) {
            switch (args[i]) {
                case "--roles" -> roles = i + 1 < args.length ? args[++i] : null;
                case "--name" -> name = i + 1 < args.length ? args[++i] : null;
                case "--password-stdin" -> stdin = true;
                default -> {
                    err.println("unknown option " + args[i] + "\n" + USAGE);
                    return 2;
                }
            }
        }
        if (!username.matches("[a-z0-9._-]{2,64}")) {
            err.println("username: 2 to 64 of a-z 0-9 . _ -");
            return 2;
        }
        Set<Role> parsed;
        try {
            parsed = Role.parse(roles == null ? "" : roles);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        if (parsed.isEmpty()) {
            err.println("--roles is required\n" + USAGE);
            return 2;
        }
        String password;
        try {
            password = readPassword(stdin, err);
        } catch (IOException e) {
            err.println("could not read the password: " + e.getMessage());
            return 1;
        }
        if (password == null) {
            return 1;
        }
        String weakness = Passwords.weakness(password, username);
        if (weakness != null) {
            err.println("password refused: " + weakness);
            return 1;
        }
        try (Connection c = DatabaseBootstrap.connectForCommand(env, dataDir.resolve("postgres"))) {
            if (AccountStore.find(c, username).isPresent()) {
                err.println("an account named " + username + " exists already");
                return 1;
            }
            Instant now = Instant.now();
            AccountStore.create(c, username, name == null || name.isBlank() ? username : name.strip(), Passwords.hash(password), parsed, now);
            AuditLog.record(c, now, "cli", "account.create", username, "roles " + Role.format(parsed));
        } catch (SQLException e) {
            err.println("could not create the account: " + e.getMessage());
            return 1;
        }
        out.println("Created " + username + " (" + Role.format(parsed) + "). Sign in at /console.");
        return 0;
    }

    private static String readPassword(boolean stdin, PrintStream err) throws IOException {
        Console console = System.console();
        if (!stdin && console != null) {
            char[] first = console.readPassword("Password for the new account (at least %d characters): ", Passwords.MIN_LENGTH);
            char[] second = console.readPassword("Once more: ");
            if (first == null || second == null || !Arrays.equals(first, second)) {
                err.println("the two passwords differ");
                return null;
            }
            return new String(first);
        }
        if (!stdin) {
            err.println("no terminal to ask for the password: pass it on standard input with --password-stdin");
            return null;
        }
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        return line == null ? "" : line;
    }

}
