package dev.arbor.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.arbor.demo.Store.Review;
import dev.arbor.demo.Store.ReviewBook;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The review book is shared by every event loop: adds and reads from many threads lose nothing. */
class ReviewBookTest {
    @Test
    void concurrentAddsAndReadsLoseNothing() throws Exception {
        ReviewBook book = new ReviewBook();
        int threads = 8;
        int each = 200;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < each; i++) {
                        book.add("alpine-tent", new Review("t" + thread, 5, "Alpine 2P Tent", "r" + i));
                        book.reviewsOf("alpine-tent"); // a reader at the same time
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        List<Review> all = book.reviewsOf("alpine-tent");
        assertEquals(threads * each + Store.reviewsOf("alpine-tent").size(), all.size());
        Set<String> distinct = new HashSet<>();
        all.forEach(r -> distinct.add(r.author() + "/" + r.text()));
        assertEquals(all.size(), distinct.size());
        assertEquals(2, book.reviewsOf("ember-stove").size(), "other products untouched");
    }
}
