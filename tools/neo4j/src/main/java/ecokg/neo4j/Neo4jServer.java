package ecokg.neo4j;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.neo4j.cli.AdminTool;
import org.neo4j.cli.ExecutionContext;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.internal.kernel.api.connectioninfo.ClientConnectionInfo;
import org.neo4j.internal.kernel.api.security.AuthenticationResult;
import org.neo4j.internal.kernel.api.security.LoginContext;
import org.neo4j.io.ByteUnit;
import org.neo4j.io.fs.DefaultFileSystemAbstraction;
import org.neo4j.kernel.api.security.AuthManager;
import org.neo4j.kernel.api.security.AuthToken;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.neo4j.logging.Level;
import org.neo4j.logging.log4j.Log4jLogProvider;
import sun.misc.Signal;

/**
 * A real Neo4j Community DBMS (embedded API + Bolt connector) for development and CI without Docker.
 *
 * <pre>
 *   Neo4jServer HOME                    serve HOME (data in HOME/data, logs in HOME/logs) over Bolt
 *   Neo4jServer admin HOME ARGS...      run a neo4j-admin command in-process against HOME,
 *                                       e.g. "database import full neo4j --nodes=n.csv --relationships=r.csv"
 * </pre>
 *
 * Env: NEO4J_PASSWORD (required, >= 8 chars), NEO4J_PORT (default 7687). Stdout carries only the
 * "ready bolt://127.0.0.1:PORT" line; everything else goes to stderr or HOME/logs.
 */
public final class Neo4jServer {
    private static final String USER = "neo4j";
    private static final int MIN_PASSWORD_LENGTH = 8; // Neo4j's own default minimum (dbms.security.auth_minimum_password_length)

    private static volatile DatabaseManagementService dbms;

    public static void main(String[] args) throws Exception {
        if (args.length >= 2 && args[0].equals("admin")) {
            // Admin output goes to stderr so stdout stays reserved for the server's ready line.
            System.exit(admin(Path.of(args[1]).toAbsolutePath(), System.err, Arrays.copyOfRange(args, 2, args.length)));
        }
        if (args.length != 1) {
            die(2, "usage: Neo4jServer HOME_DIR | Neo4jServer admin HOME_DIR <neo4j-admin args>");
        }
        System.exit(serve(Path.of(args[0]).toAbsolutePath()));
    }

    private static int serve(Path home) throws Exception {
        String password = System.getenv("NEO4J_PASSWORD");
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            die(2, "NEO4J_PASSWORD must be set to at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        int port = parsePort(System.getenv().getOrDefault("NEO4J_PORT", "7687"));

        // Fail fast with one line instead of a Netty stack trace deep inside the DBMS start.
        checkPortFree(port);

        Path importDir = home.resolve("import");
        Files.createDirectories(importDir);
        Files.createDirectories(home.resolve("logs"));

        // On a brand-new home, seed the password before Bolt ever listens, so there is no window in which
        // the default neo4j/neo4j credentials work. (auth.ini is only read when the system db is created.)
        if (!Files.exists(home.resolve("data/databases/system"))) {
            int rc = admin(home, new PrintStream(OutputStream.nullOutputStream()), "dbms", "set-initial-password", password);
            if (rc != 0) die(1, "neo4j-admin dbms set-initial-password failed (exit " + rc + ")");
        }

        // Neo4j's user log (neo4j.log in a packaged server) goes to a file; debug.log lands next to it.
        OutputStream userLog = Files.newOutputStream(
                home.resolve("logs/neo4j.log"), StandardOpenOption.CREATE, StandardOpenOption.APPEND);

        try {
            dbms = new DatabaseManagementServiceBuilder(home)
                    .setUserLogProvider(new Log4jLogProvider(userLog, Level.INFO))
                    // Bolt only, loopback only, plain text (local dev/CI).
                    .setConfig(BoltConnector.enabled, true)
                    .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                    .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                    .setConfig(HttpConnector.enabled, false)
                    .setConfig(HttpsConnector.enabled, false)
                    .setConfig(GraphDatabaseSettings.auth_enabled, true)
                    // Nothing phones home: anonymous usage reports off; don't collect driver telemetry.
                    .setConfig(GraphDatabaseSettings.udc_enabled, false)
                    .setConfig(BoltConnector.server_bolt_telemetry_enabled, false)
                    // No LOAD CSV from local files, and the import root is an empty dir inside HOME anyway.
                    .setConfig(GraphDatabaseSettings.allow_file_urls, false)
                    .setConfig(GraphDatabaseSettings.load_csv_file_url_root, importDir)
                    // No procedure gets unrestricted (sandbox-bypassing) access; no plugins (APOC) are shipped.
                    .setConfig(GraphDatabaseSettings.procedure_unrestricted, List.of())
                    // Modest memory; heap is set by the launcher's -Xmx (NEO4J_HEAP).
                    .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(256))
                    // Bolt's Netty event loops wait this many idle seconds before stopping (default 5, twice):
                    // 1 s keeps SIGTERM-to-exit short for CI; connections are already closed by then.
                    .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 1)
                    // db.transaction.timeout deliberately left at its default (none): clients set per-tx timeouts.
                    .build();
        } catch (Throwable e) {
            if (isAddressInUse(e)) die(1, "port " + port + " on 127.0.0.1 is already in use (set NEO4J_PORT to another port)");
            die(1, "Neo4j failed to start: " + rootCause(e) + " (see " + home.resolve("logs/debug.log") + ")");
        }

        // Stop cleanly on SIGTERM/SIGINT and exit 0 (a plain shutdown hook would exit 143/130).
        CountDownLatch stop = new CountDownLatch(1);
        Signal.handle(new Signal("TERM"), s -> stop.countDown());
        Signal.handle(new Signal("INT"), s -> stop.countDown());
        // Fallback for other exits (SIGHUP, System.exit elsewhere): still close the store properly.
        Runtime.getRuntime().addShutdownHook(new Thread(Neo4jServer::shutdown, "neo4j-shutdown"));

        try {
            // Wait until the default database is online, not just the DBMS.
            dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).isAvailable(60_000);
            setPassword(password);
            awaitBolt(port);
        } catch (Throwable e) {
            shutdown();
            die(1, "Neo4j started but is not usable: " + rootCause(e));
        }
        System.out.println("ready bolt://127.0.0.1:" + port);
        System.out.flush();

        stop.await();
        System.err.println("neo4j: stopping");
        shutdown();
        return 0;
    }

    /**
     * Make the password equal to NEO4J_PASSWORD on every start: covers an existing home whose password was
     * different, and clears "change required". Goes through the embedded API on the system database (no Bolt).
     */
    private static void setPassword(String password) {
        if (passwordAlreadyWorks(password)) return; // the usual case; skips ~10 s of first-query Cypher warm-up
        var system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        try {
            system.executeTransactionally(
                    "ALTER USER " + USER + " SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
        } catch (RuntimeException e) {
            // Neo4j refuses to "change" a password to its current value; that is exactly the state we want.
            if (!String.valueOf(e.getMessage()).contains("Old password and new password cannot be the same")) throw e;
            system.executeTransactionally("ALTER USER " + USER + " SET PASSWORD CHANGE NOT REQUIRED");
        }
    }

    /** Log in as a Bolt client would, via the DBMS's own AuthManager (internal API, hence the fallback). */
    private static boolean passwordAlreadyWorks(String password) {
        try {
            var resolver = ((GraphDatabaseAPI) dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME))
                    .getDependencyResolver();
            LoginContext login = resolver.resolveDependency(AuthManager.class)
                    .login(AuthToken.newBasicAuthToken(USER, password), ClientConnectionInfo.EMBEDDED_CONNECTION);
            return login.subject().getAuthenticationResult() == AuthenticationResult.SUCCESS;
        } catch (Exception e) {
            return false; // unknown: let ALTER USER decide
        }
    }

    /** Bolt "answers" = it completes a protocol handshake and agrees on a version (5.0-5.8 or 4.4). */
    private static void awaitBolt(int port) throws Exception {
        byte[] handshake = {0x60, 0x60, (byte) 0xB0, 0x17, 0, 8, 8, 5, 0, 0, 4, 4, 0, 0, 0, 0, 0, 0, 0, 0};
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                s.setSoTimeout(2000);
                s.getOutputStream().write(handshake);
                if (new DataInputStream(s.getInputStream()).readInt() != 0) return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) throw e;
            }
            Thread.sleep(100);
        }
    }

    private static synchronized void shutdown() {
        if (dbms != null) {
            dbms.shutdown();
            dbms = null;
        }
    }

    /** Run a neo4j-admin command (same code as the packaged neo4j-admin) in this JVM, with HOME as NEO4J_HOME. */
    private static int admin(Path home, PrintStream out, String... args) throws IOException {
        Files.createDirectories(home);
        try (var fs = new DefaultFileSystemAbstraction()) {
            return AdminTool.execute(new ExecutionContext(home, home.resolve("conf"), out, System.err, fs), args);
        }
    }

    private static void checkPortFree(int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true); // don't trip over TIME_WAIT sockets of a previous run
            probe.bind(new InetSocketAddress("127.0.0.1", port));
        } catch (IOException e) {
            die(1, "port " + port + " on 127.0.0.1 is already in use (set NEO4J_PORT to another port)");
        }
    }

    private static int parsePort(String s) {
        try {
            int p = Integer.parseInt(s.trim());
            if (p > 0 && p < 65536) return p;
        } catch (NumberFormatException ignored) {
            // fall through
        }
        die(2, "NEO4J_PORT must be a TCP port number, got '" + s + "'");
        return -1; // unreachable
    }

    /** Netty reports a taken port as BindException (NIO) or a NativeIoException "Address already in use" (epoll). */
    private static boolean isAddressInUse(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BindException || String.valueOf(t.getMessage()).contains("Address already in use")) return true;
        }
        return false;
    }

    private static Throwable rootCause(Throwable e) {
        while (e.getCause() != null && e.getCause() != e) e = e.getCause();
        return e;
    }

    private static void die(int code, String message) {
        System.err.println("neo4j: " + message);
        System.exit(code);
    }
}
