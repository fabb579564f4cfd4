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
import java.util.List;
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
            + "       admin create-api-key <name> [--scopes messages,language]\n"
            + "       admin revoke-api-key <name>\n"
            + "       admin list-api-keys\n"
            + "roles: editor, reviewer, agent, partner, admin";

    private AdminCommand() {}

    /** Runs the command; answers the exit code: 0 done, 1 refused, 2 usage. */
    public static int run(String[] args, Map<String, String> env, Path dataDir) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        if (args.length >= 2 && List.of("create-api-key", "revoke-api-key", "list-api-keys").contains(args[1])) {
            return apiKeys(args, env, dataDir, out, err);
        }
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

    /** API keys for programs: created (the key is printed once), revoked, listed (never a key). */
    private static int apiKeys(String[] args, Map<String, String> env, Path dataDir, PrintStream out, PrintStream err) {
        String name = args.length > 2 ? args[2].strip() : "";
        Set<String> scopes = kr.ieum.api.ApiKeys.SCOPES;
        for (int i = 3; i < args.length; i++) {
            if (args[i].equals("--scopes") && i + 1 < args.length) {
                scopes = Set.of(args[++i].split(","));
            } else {
                err.println("unknown option " + args[i] + "\n" + USAGE);
                return 2;
            }
        }
        if (!args[1].equals("list-api-keys") && !name.matches("[a-z0-9._-]{2,64}")) {
            err.println("name: 2 to 64 of a-z 0-9 . _ -\n" + USAGE);
            return 2;
        }
        if (!kr.ieum.api.ApiKeys.SCOPES.containsAll(scopes) || scopes.isEmpty()) {
            err.println("scopes: " + String.join(", ", new java.util.TreeSet<>(kr.ieum.api.ApiKeys.SCOPES)));
            return 2;
        }
        try (Connection c = DatabaseBootstrap.connectForCommand(env, dataDir.resolve("postgres"))) {
            Instant now = Instant.now();
            switch (args[1]) {
                case "list-api-keys" -> kr.ieum.api.ApiKeys.list(c).forEach(out::println);
                case "revoke-api-key" -> {
                    if (!kr.ieum.api.ApiKeys.revoke(c, name, now)) {
                        err.println("no key in force named " + name);
                        return 1;
                    }
                    AuditLog.record(c, now, "cli", "apikey.revoke", name, null);
                    out.println("Revoked " + name + ".");
                }
                default -> {
                    if (kr.ieum.api.ApiKeys.exists(c, name)) {
                        err.println("a key named " + name + " exists already");
                        return 1;
                    }
                    String key = kr.ieum.api.ApiKeys.create(c, name, scopes, now);
                    AuditLog.record(c, now, "cli", "apikey.create", name, "scopes " + String.join(",", new java.util.TreeSet<>(scopes)));
                    out.println(key);
                    err.println("Created " + name + " (" + String.join(", ", new java.util.TreeSet<>(scopes)) + "). This is the only time the "
                            + "key is shown: send it as 'Authorization: Bearer <key>'. From now on /api/v1/messages and /api/v1/language "
                            + "need a key, also from this machine.");
                }
            }
        } catch (SQLException e) {
            err.println("could not reach the database: " + e.getMessage());
            return 1;
        }
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
