package dev.arbor.vertx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbor.Scheduler;
import dev.arbor.testing.ManualScheduler;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.FileSystemAccess;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link ArborServer}'s limits on idle and slow clients. The header timeout runs on a manual
 * scheduler: the test decides when a period has passed, then waits until the server's event loop
 * has looked (a task queued after the check).
 */
@ExtendWith(VertxExtension.class)
class SlowClientsTest {
    private HostFixture app;
    private ManualScheduler periods;
    private ArborServer server;
    private int port;
    private LogCapture logs;

    @BeforeEach
    void start(Vertx vertx) throws IOException {
        app = HostFixture.start(vertx);
        periods = new ManualScheduler();
        logs = new LogCapture();
    }

    @AfterEach
    void stop() {
        logs.close();
        app.close();
    }

    private void serve(Vertx vertx, HttpServerOptions options, java.util.function.Function<Vertx, Router> routes)
            throws IOException {
        serve(vertx, options, routes, periods);
    }

    private void serve(Vertx vertx, HttpServerOptions options, java.util.function.Function<Vertx, Router> routes,
            Scheduler scheduler) throws IOException {
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        server = new ArborServer(options.setPort(port), routes, scheduler);
        StreamingResponse.join(vertx.deployVerticle(server).toCompletionStage().toCompletableFuture());
    }

    /** A header timeout passes; returns once the server's event loop has acted on it. */
    private void aPeriodPasses() {
        periods.fireAll();
        afterTheServersCurrentTasks();
    }

    private void afterTheServersCurrentTasks() {
        Context context = server.context();
        CompletableFuture<Void> done = new CompletableFuture<>();
        context.runOnContext(v -> done.complete(null));
        StreamingResponse.join(done);
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket("localhost", port);
        socket.setSoTimeout((int) StreamingResponse.TIMEOUT_SECONDS * 1000);
        return socket;
    }

    private static void send(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
    }

    /** Reads until {@code text} has arrived. */
    private static String readUntil(Socket socket, String text) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        while (!seen.toString(StandardCharsets.ISO_8859_1).contains(text)) {
            int n = in.read(buffer);
            if (n < 0) {
                throw new AssertionError("Closed before \"" + text + "\": " + seen.toString(StandardCharsets.ISO_8859_1));
            }
            seen.write(buffer, 0, n);
        }
        return seen.toString(StandardCharsets.ISO_8859_1);
    }

    /** Reads what is left until the server closes the connection. */
    private static void assertClosedByTheServer(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[4096];
        while (true) {
            int n;
            try {
                n = in.read(buffer);
            } catch (java.net.SocketException reset) {
                return;
            }
            if (n < 0) {
                return;
            }
        }
    }

    @Test
    void optionsCloseIdleConnectionsAfter60SecondsAndWaitForAHead10Seconds() {
        ArborServer.Options options = ArborServer.options(8080);
        assertEquals(60, options.getIdleTimeout());
        assertEquals(TimeUnit.SECONDS, options.getIdleTimeoutUnit());
        assertEquals(Duration.ofSeconds(10), options.getHeaderTimeout());
        assertTrue(options.isCompressionSupported());
        assertEquals(false, options.isHttp2ClearTextEnabled());
        assertEquals(Duration.ofSeconds(3), new ArborServer.Options(options.setHeaderTimeout(Duration.ofSeconds(3)))
                .getHeaderTimeout(), "configurable, and copied");
    }

    @Test
    void aConnectionTheClientClosedLetsGoOfItsPendingCheckAtOnce(Vertx vertx) throws Exception {
        // the pending check holds the connection and its responses: cancelled on close, they are
        // unreachable at once instead of one header timeout later
        CompletableFuture<Void> cancelled = new CompletableFuture<>();
        ManualScheduler manual = periods;
        serve(vertx, ArborServer.options(0), app::routes, (delay, task) -> {
            Scheduler.Cancellable scheduled = manual.schedule(delay, task);
            return () -> {
                scheduled.cancel();
                cancelled.complete(null);
            };
        });
        try (Socket socket = connect()) {
            send(socket, "GET /stream HTTP/1.1\r\nHo");
            StreamingResponse.join(manual.whenScheduled()); // the server has seen the connection
        }
        StreamingResponse.join(cancelled);
        assertEquals(1, manual.cancelled(), "the connection's check was cancelled when it closed");
    }

    @Test
    void aRequestHeadSentByteByByteIsCutOffAfterOneHeaderTimeout(Vertx vertx) throws Exception {
        serve(vertx, ArborServer.options(0), app::routes);
        try (Socket socket = connect()) {
            send(socket, "GET /stream HTTP/1.1\r\nHo"); // ... and the next bytes come too slowly
            StreamingResponse.join(periods.whenScheduled()); // the server has seen the connection
            send(socket, "s");

            aPeriodPasses();

            assertClosedByTheServer(socket);
        }
        assertEquals(false, app.gates.wasRequested("a"), "nothing started");
    }

    @Test
    void aStreamingResponseIsNotTimedAndAnIdleKeepAliveConnectionIsClosedAfterIt(Vertx vertx) throws Exception {
        serve(vertx, ArborServer.options(0), app::routes);
        try (Socket socket = connect()) {
            send(socket, "GET /stream HTTP/1.1\r\nHost: localhost\r\n\r\n");
            readUntil(socket, "Loading B");

            aPeriodPasses(); // the page waits for its data longer than a header timeout
            aPeriodPasses();
            app.gates.release("a", "one");
            app.gates.release("b", "two");
            readUntil(socket, "</html>"); // the whole page arrived on the connection that waited

            aPeriodPasses(); // a response ended during this period: the client may still send its next head
            send(socket, "GET /no-such-page HTTP/1.1\r\nHost: localhost\r\n\r\n");
            readUntil(socket, "</html>");
            aPeriodPasses();
            aPeriodPasses(); // a whole period idle, no head

            assertClosedByTheServer(socket);
        }
    }

    @Test
    void withRealTimersAHalfSentRequestIsClosed(Vertx vertx) throws Exception {
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        HostFixture fixture = app;
        StreamingResponse.join(ArborServer.deploy(vertx,
                ArborServer.options(port).setHeaderTimeout(Duration.ofMillis(200)), fixture::routes, 1)
                .toCompletionStage().toCompletableFuture());
        try (Socket socket = connect()) {
            send(socket, "GET /stream HTTP/1.1\r\n");
            assertClosedByTheServer(socket);
        }
    }

    @Test
    void aClientLeavingDuringAStaticFileLogsNothing(Vertx vertx) throws Exception {
        Path dir = Files.createTempDirectory("static");
        Files.write(dir.resolve("big.bin"), new byte[32 * 1024 * 1024]);
        CompletableFuture<Void> closed = new CompletableFuture<>(); // the server failed to send the rest
        serve(vertx, ArborServer.options(0), v -> {
            Router router = Router.router(v);
            app.host.installErrorHandlers(router);
            router.route().failureHandler(context -> { // sees the failure first, then lets it go on
                closed.complete(null);
                context.next();
            });
            router.get("/files/*").handler(StaticHandler.create(FileSystemAccess.ROOT, dir.toString()));
            return router;
        });
        for (boolean reset : List.of(true)) {
            try (Socket socket = connect()) {
                send(socket, "GET /files/big.bin HTTP/1.1\r\nHost: localhost\r\n\r\n");
                readUntil(socket, "\r\n\r\n");
                if (reset) {
                    socket.setSoLinger(true, 0);
                }
            }
        }
        StreamingResponse.join(closed);
        afterTheServersCurrentTasks();
        afterTheServersCurrentTasks();

        assertEquals(List.of(), logs.records.stream().map(r -> r.getLoggerName() + ": " + r.getMessage())
                .collect(Collectors.toList()));
        assertEquals(0, app.reports.size());
        Files.delete(dir.resolve("big.bin"));
        Files.delete(dir);
    }
}
