package io.github.telegrammcp.session;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import org.jboss.logging.Logger;

import io.github.telegrammcp.store.StoreEngine;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.parsetools.RecordParser;

/**
 * Carries {@link SessionWakeUp}s between the processes of one machine: each process listens on a free loopback port,
 * recorded in its session row; after a commit that stored something for a session of another process, this process
 * connects there and says so in one line, and the receiver fires the same event for its own observers. A lost line only
 * costs time: every wait and worker also re-checks the store on its own schedule. With the shared PostgreSQL store the
 * same lines travel as {@code NOTIFY} payloads to every process of every machine ({@link DatabaseNotifications}).
 */
@ApplicationScoped
public class WakeChannel {

    private static final Logger LOG = Logger.getLogger(WakeChannel.class);
    private static final String HOST = "127.0.0.1";
    private static final int MAX_LINE = 128;
    private static final int CACHED_ADDRESSES = 256;

    private final Vertx vertx;
    private final SessionRegistry registry;
    private final Event<SessionWakeUp> events;
    /** Session id to wake-up address ("" when it has none); a session's address never changes. */
    private final Map<String, String> addresses = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                    return size() > CACHED_ADDRESSES;
                }
            });
    private NetServer server;
    private NetClient client;
    /** With the shared PostgreSQL store: LISTEN/NOTIFY instead of loopback (null with H2). */
    private final DatabaseNotifications notifications;

    public WakeChannel(Vertx vertx, SessionRegistry registry, Event<SessionWakeUp> events, DataSource dataSource) {
        this.vertx = vertx;
        this.registry = registry;
        this.events = events;
        this.notifications = StoreEngine.postgres()
                ? new DatabaseNotifications(dataSource, line -> received(Buffer.buffer(line)), this::caughtUp)
                : null;
    }

    /**
     * Starts listening: on a free loopback port (returns {@code host:port}, or null when that failed), or with the
     * shared PostgreSQL store on the database's notification channel (returns null: no address to record, since a
     * loopback address means nothing on another machine).
     */
    public synchronized String listen() {
        if (notifications != null) {
            notifications.start();
            return null;
        }
        if (server != null) {
            return HOST + ":" + server.actualPort();
        }
        NetServer listening = vertx.createNetServer(new NetServerOptions().setHost(HOST).setPort(0));
        listening.connectHandler(socket -> {
            RecordParser lines = RecordParser.newDelimited("\n", this::received).maxRecordSize(MAX_LINE);
            lines.exceptionHandler(e -> socket.close());
            socket.handler(lines);
        });
        try {
            listening.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warnf("Cannot listen for wake-ups on loopback (replies from other sessions' processes arrive at the next"
                    + " re-check instead): %s", e.getMessage());
            listening.close();
            return null;
        }
        server = listening;
        client = vertx.createNetClient(new NetClientOptions().setConnectTimeout(1000));
        return HOST + ":" + server.actualPort();
    }

    /** After a commit: tells the process that owns the session, unless that is this one. */
    void forward(@Observes(during = TransactionPhase.AFTER_SUCCESS) SessionWakeUp wakeUp) {
        if (wakeUp.fromElsewhere()) {
            return;
        }
        if (notifications != null) {
            // An answer to a prompt goes out even for this process's own session: the permission hook that asked is
            // a process of its own, which listens too.
            if (wakeUp.what() != SessionWakeUp.What.LEASE && wakeUp.what() != SessionWakeUp.What.APPROVAL
                    && registry.isCurrent(wakeUp.sessionId())) {
                return;
            }
            Uni.createFrom().voidItem().invoke(() -> {
                try {
                    notifications.notifyAll(wakeUp.line().strip());
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()).subscribe().with(done -> {
            }, e -> LOG.debugf("Wake-up for %s not sent: %s", wakeUp.sessionId(), e.getMessage()));
            return;
        }
        if (wakeUp.what() == SessionWakeUp.What.LEASE) {
            Uni.createFrom().item(registry::otherWakeAddresses).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                    .subscribe().with(all -> all.forEach(address -> send(address, wakeUp)),
                            e -> LOG.debugf("Cannot tell the others that the lease is free: %s", e.getMessage()));
            return;
        }
        String id = wakeUp.sessionId();
        if (registry.isCurrent(id)) {
            return;
        }
        String known = addresses.get(id);
        if (known != null) {
            send(known, wakeUp);
            return;
        }
        Uni.createFrom().item(() -> registry.wakeAddressOf(id).orElse("")).runSubscriptionOn(
                Infrastructure.getDefaultWorkerPool()).subscribe().with(address -> {
                    addresses.put(id, address);
                    send(address, wakeUp);
                }, e -> LOG.debugf("Cannot look up where to wake session %s: %s", id, e.getMessage()));
    }

    private void send(String address, SessionWakeUp wakeUp) {
        NetClient sender = client;
        int colon = address.lastIndexOf(':');
        if (sender == null || colon < 0) {
            return;
        }
        int port;
        try {
            port = Integer.parseInt(address.substring(colon + 1));
        } catch (NumberFormatException e) {
            return;
        }
        sender.connect(port, address.substring(0, colon))
                .onSuccess(socket -> socket.write(wakeUp.line()).onComplete(done -> socket.close()))
                .onFailure(e -> LOG.debugf("Wake-up for %s not delivered to %s: %s", wakeUp.sessionId(), address,
                        e.getMessage()));
    }

    private void received(Buffer line) {
        SessionWakeUp wakeUp = SessionWakeUp.parse(line.toString());
        if (wakeUp != null && (wakeUp.what() == SessionWakeUp.What.LEASE || registry.isCurrent(wakeUp.sessionId()))) {
            events.fire(wakeUp);
        }
    }

    /**
     * After the notification connection was re-opened: what was notified while it was down is lost, so this process
     * checks the store now, as if woken (its waits, its commands, and the lease).
     */
    private void caughtUp() {
        registry.currentId().ifPresent(id -> {
            events.fire(new SessionWakeUp(id, SessionWakeUp.What.INBOX, true));
            events.fire(new SessionWakeUp(id, SessionWakeUp.What.COMMAND, true));
        });
        events.fire(new SessionWakeUp("", SessionWakeUp.What.LEASE, true));
    }

    /** Stops listening and sending. */
    @PreDestroy
    public synchronized void close() {
        if (notifications != null) {
            notifications.stop();
        }
        if (server != null) {
            server.close();
            server = null;
        }
        if (client != null) {
            client.close();
            client = null;
        }
    }
}
