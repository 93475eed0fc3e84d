package dev.arbor.vertx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbor.Renderer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.ext.web.Router;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** One shared host, served by several verticle instances on several event loops. */
@ExtendWith(VertxExtension.class)
class ArborServerTest {

    @Test
    void instancesShareThePortAndServeOnTheirOwnEventLoops(Vertx vertx) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ArborHost host = ArborHost.builder(Renderer.builder().scheduler(ArborHost.scheduler(vertx)).build()).build();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        Page<String> page = Page.of(req -> {
            threads.add(Thread.currentThread().getName());
            return CompletableFuture.completedFuture(Thread.currentThread().getName());
        }, (req, thread) -> j2html.TagCreator.p("Served on " + thread));

        StreamingResponse.join(ArborServer.deploy(vertx, ArborServer.options(port), v -> {
            Router router = Router.router(v);
            host.mount(router, "/", page);
            return router;
        }, 2).toCompletionStage().toCompletableFuture());

        // A new connection per request: Vert.x hands connections to the instances in turn.
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false));
        for (int i = 0; i < 4; i++) {
            StreamingResponse response = StreamingResponse.get(vertx, client, port, "/");
            assertTrue(response.body().contains("Served on vert.x-eventloop-thread-"));
            assertEquals(200, response.status());
        }
        assertEquals(2, threads.size(), "two instances, two event loops: " + threads);
        assertTrue(threads.stream().allMatch(t -> t.startsWith("vert.x-eventloop-thread-")), "loaders ran on event loops");
    }
}
