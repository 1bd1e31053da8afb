package io.github.telegrammcp.hook;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.telegrammcp.approval.ApprovalPrompt;
import io.github.telegrammcp.approval.ApprovalRequest;
import io.github.telegrammcp.approval.Decision;
import io.github.telegrammcp.approval.ThisHost;
import io.github.telegrammcp.config.DatabaseUrl;
import io.github.telegrammcp.config.EnvironmentConfig;
import io.github.telegrammcp.config.Settings;
import io.github.telegrammcp.config.SettingsParser;
import io.github.telegrammcp.config.StateDirectory;
import io.github.telegrammcp.store.LoopbackServer;
import io.github.telegrammcp.store.StateStoreDriver;
import io.github.telegrammcp.telegram.DirectBotApi;
import io.github.telegrammcp.telegram.api.InlineKeyboardMarkup;
import io.github.telegrammcp.topics.SessionTopic;
import io.github.telegrammcp.topics.TopicMode;

/**
 * {@code telegram-mcp-server hook permission}: the command Claude Code's (and Codex's) {@code PermissionRequest} hook
 * runs. It reads the hook's JSON on stdin, puts the prompt to the owner in Telegram and prints the owner's decision. It
 * starts without Quarkus (a plain JVM, the H2 driver and the JDK's HTTP client) and never polls Telegram: the running
 * servers do, and route the owner's press into the shared store, where this process reads it.
 * <p>
 * Whenever it cannot get the owner's answer (not configured, no server running, Telegram unreachable, no answer within
 * TELEGRAM_APPROVAL_TIMEOUT) it prints nothing and exits 0, and the client asks in its terminal as if there were no
 * hook. It never allows anything by itself.
 */
public final class PermissionHook {

    /** The longest hook input read; a tool input beyond this is not shown, and the terminal asks. */
    static final int MAX_INPUT_BYTES = 16 * 1024 * 1024;
    /** How long the hook gives the prompt to record its withdrawal when it is stopped. */
    static final Duration STOP_GRACE = Duration.ofSeconds(3);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> env;
    private final String userHome;
    private final Path cwd;
    private final PrintStream err;

    PermissionHook(Map<String, String> env, String userHome, Path cwd, PrintStream err) {
        this.env = env;
        this.userHome = userHome;
        this.cwd = cwd;
        this.err = err;
    }

    /** Runs {@code hook permission}; returns the exit code (0 unless the arguments are wrong). */
    public static int run(List<String> args, InputStream in, PrintStream out, PrintStream err, Map<String, String> env,
            String userHome, Path cwd) {
        if (args.size() != 1 || !args.get(0).equals("permission")) {
            err.println("Usage: telegram-mcp-server hook permission   (reads a PermissionRequest hook's JSON on stdin)");
            return 2;
        }
        Optional<String> answer = new PermissionHook(env, userHome, cwd, err).answer(in);
        answer.ifPresent(out::println);
        out.flush();
        return 0;
    }

    /** The JSON to print, or empty when the client should ask in its terminal. */
    Optional<String> answer(InputStream in) {
        Settings settings = SettingsParser.parse(EnvironmentConfig.of(env), cwd,
                StateDirectory.resolve(env, userHome));
        HookLog.install(settings.stateDir(), err);
        Logger log = Logger.getLogger(PermissionHook.class);
        HookInput input;
        try {
            HookInput.Result parsed = HookInput.parse(JSON.readTree(readLimited(in)));
            if (parsed.input().isEmpty()) {
                return fallBack(log, "the hook input cannot be answered: " + parsed.refusal());
            }
            input = parsed.input().get();
        } catch (IOException e) {
            return fallBack(log, "the hook input is not JSON (" + e.getMessage() + ")");
        }
        if (!settings.usable()) {
            return fallBack(log, settings.problemReport());
        }
        Optional<DatabaseUrl> shared;
        try {
            shared = Optional.ofNullable(env.get("TELEGRAM_DATABASE_URL")).filter(u -> !u.isBlank())
                    .map(u -> DatabaseUrl.parse(u, Optional.ofNullable(env.get("TELEGRAM_DATABASE_PASSWORD")),
                            Optional.ofNullable(env.get("PGPASSWORD"))));
        } catch (IllegalArgumentException e) {
            return fallBack(log, e.getMessage());
        }
        if (shared.isEmpty() && !Files.exists(settings.stateDir().resolve("state.mv.db"))) {
            return fallBack(log, "no telegram-mcp-server session has run yet (no state store in "
                    + settings.stateDir() + ")");
        }
        LoopbackServer.apply();
        Path stateDir = settings.stateDir();
        StoreConnection.Opener opener = shared.isPresent() ? () -> openShared(shared.get()) : () -> open(stateDir);
        // With PostgreSQL the process that stores the owner's answer says so (NOTIFY); an H2 store cannot wake the hook.
        try (StoreConnection connection = new StoreConnection(opener);
                DatabaseWakes wakes = shared.isPresent() ? DatabaseWakes.start(opener) : null) {
            return ask(settings, input, connection, wakes == null ? ApprovalPrompt.NO_WAKES : wakes, log);
        } catch (SQLException | RuntimeException e) {
            return fallBack(log, "the state store cannot be used (" + e.getMessage() + ")");
        }
    }

    private Optional<String> ask(Settings settings, HookInput input, StoreConnection connection,
            ApprovalPrompt.Wakes wakes, Logger log) throws SQLException {
        List<SessionMatch.Live> live = SessionMatch.live(connection.get());
        if (live.isEmpty() && !leaseHeld(connection.get())) {
            return fallBack(log, "no telegram-mcp-server session is running, so nobody reads the owner's answer");
        }
        String host = ThisHost.name();
        Path projectDir = Optional.ofNullable(env.get("CLAUDE_PROJECT_DIR")).or(() -> Optional.ofNullable(input.cwd()))
                .map(Path::of).orElse(cwd);
        String fallbackName = SettingsParser.parse(EnvironmentConfig.of(env), projectDir, settings.stateDir())
                .sessionName();
        SessionMatch.Found session = SessionMatch.pick(live, host, clientPid(), SessionMatch.ancestors(),
                SessionMatch::ancestorsOf, env.get("TELEGRAM_SESSION"), projectDir, fallbackName);
        log.debugf("Permission hook: session %s (%s)", session.name(), session.how());
        String grantKey = input.clientSessionId() == null ? null
                : input.client().name().toLowerCase(java.util.Locale.ROOT) + ":" + input.clientSessionId();
        ApprovalRequest request = new ApprovalRequest(input.client() == HookInput.Client.CODEX
                ? ApprovalRequest.Origin.CODEX_HOOK : ApprovalRequest.Origin.CLAUDE_HOOK, session.name(), session.id(),
                grantKey, input.toolName(), input.description(), input.toolInput(), input.grants());

        DirectBotApi api = new DirectBotApi(settings);
        long chatId = settings.ownerChatId().orElseThrow();
        // The prompt goes into the session's topic, where the owner talks to it (TELEGRAM_TOPICS).
        Long thread = session.id() == null
                || TopicMode.parse(Optional.ofNullable(env.get("TELEGRAM_TOPICS"))).mode() == TopicMode.OFF ? null
                        : SessionTopic.openThread(connection.get(), chatId, session.id()).orElse(null);
        ApprovalPrompt.Messenger messenger = new ApprovalPrompt.Messenger() {
            @Override
            public long chatId() {
                return chatId;
            }

            @Override
            public long send(String html, InlineKeyboardMarkup buttons) {
                return api.sendMessage(chatId, thread, html, buttons);
            }

            @Override
            public void edit(long messageId, String html) {
                try {
                    api.editMessageText(chatId, messageId, html);
                } catch (RuntimeException e) {
                    log.warnf("Could not update the permission prompt in Telegram: %s", e.getMessage());
                }
            }
        };
        ApprovalPrompt.Store store = new ApprovalPrompt.Store() {
            @Override
            public synchronized <T> T call(ApprovalPrompt.Work<T> work) {
                try {
                    return work.run(new JdbcApprovalRecords(connection.get()));
                } catch (RuntimeException e) {
                    connection.failed(); // a database restart breaks it: the next look opens another
                    throw e;
                }
            }
        };
        ExecutorService blocking = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "permission-hook");
            t.setDaemon(true);
            return t;
        });
        AtomicBoolean stopped = new AtomicBoolean();
        CountDownLatch settled = new CountDownLatch(1);
        // The client stops the hook when the person answers in its terminal: withdraw the prompt in Telegram.
        Thread onStop = new Thread(() -> {
            stopped.set(true);
            try {
                settled.await(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "permission-hook-stop");
        Runtime.getRuntime().addShutdownHook(onStop);
        // A client that went away without stopping its hook has no use for the answer: withdraw the prompt, and
        // should the store hang (its host gone), exit anyway; the hook never outlives its client by more than seconds.
        // The client may stop the hook by ending the shell it runs it through, so the parent is watched too.
        List<ProcessHandle> watched = new ArrayList<>();
        ProcessHandle.current().parent().ifPresent(watched::add);
        Optional.ofNullable(clientPid()).flatMap(ProcessHandle::of).ifPresent(watched::add);
        // Claude Code does not stop the hook when the person answers in its terminal; its transcript tells.
        Optional<TranscriptWatch> transcript = TranscriptWatch.of(input.transcriptPath(), input.toolName(),
                input.toolInput());
        Thread watchdog = new Thread(() -> watch(watched, transcript, stopped), "permission-hook-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        try {
            Decision decision = new ApprovalPrompt(store, messenger, host, ProcessHandle.current().pid(), blocking,
                    wakes).ask(request, settings.approvalTimeout(), stopped::get)
                    .await().atMost(settings.approvalTimeout().plus(STOP_GRACE.multipliedBy(10)));
            return HookAnswer.of(decision, input.client());
        } catch (io.smallrye.mutiny.TimeoutException e) {
            return fallBack(log, "the state store did not answer in time");
        } catch (ApprovalPrompt.Unavailable e) {
            return fallBack(log, "the prompt could not be put to the owner: " + e.getMessage());
        } finally {
            settled.countDown();
            blocking.shutdownNow();
            try {
                Runtime.getRuntime().removeShutdownHook(onStop);
            } catch (IllegalStateException e) {
                // Already shutting down.
            }
        }
    }

    /**
     * Stops the wait once the client or the hook's parent has gone, or the person answered in the terminal; exits
     * (printing nothing) if the wait does not end soon after.
     */
    private static void watch(List<ProcessHandle> watched, Optional<TranscriptWatch> transcript,
            AtomicBoolean stopped) {
        try {
            while (watched.stream().allMatch(ProcessHandle::isAlive) && !stopped.get()
                    && !transcript.map(TranscriptWatch::answered).orElse(false)) {
                Thread.sleep(250);
            }
            stopped.set(true);
            Thread.sleep(STOP_GRACE.toMillis());
            Runtime.getRuntime().halt(0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Claude Code's pid, which it hands its hooks as CLAUDE_PID; null when not given. */
    private Long clientPid() {
        try {
            String pid = env.get("CLAUDE_PID");
            return pid == null || pid.isBlank() ? null : Long.parseLong(pid.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Logs why the terminal asks instead, and prints nothing. */
    private static Optional<String> fallBack(Logger log, String why) {
        log.warnf("Permission hook: %s. The assistant asks in its terminal instead.", why);
        return Optional.empty();
    }

    private static boolean leaseHeld(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT lease_until FROM poll_state WHERE id = 1");
                ResultSet rs = ps.executeQuery()) {
            return rs.next() && rs.getLong(1) > System.currentTimeMillis();
        }
    }

    /** The shared PostgreSQL store (TELEGRAM_DATABASE_URL), with the server's timeouts. */
    private static Connection openShared(DatabaseUrl url) throws SQLException {
        Connection connection = new org.postgresql.Driver().connect(url.jdbcUrl(), url.credentials());
        if (connection == null) {
            throw new SQLException("the PostgreSQL driver does not accept " + url.masked());
        }
        connection.setAutoCommit(true);
        return connection;
    }

    private static Connection open(Path stateDir) throws SQLException {
        Properties credentials = new Properties();
        credentials.setProperty("user", "tgmcp");
        credentials.setProperty("password", "");
        Connection connection = new org.h2.Driver().connect(StateStoreDriver.url(stateDir) + ";IFEXISTS=TRUE",
                credentials);
        if (connection == null) {
            throw new SQLException("the H2 driver does not accept the state store's URL");
        }
        connection.setAutoCommit(true);
        return connection;
    }

    private static byte[] readLimited(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_INPUT_BYTES + 1);
        if (bytes.length > MAX_INPUT_BYTES) {
            throw new IOException("more than " + MAX_INPUT_BYTES + " bytes");
        }
        return bytes;
    }
}
