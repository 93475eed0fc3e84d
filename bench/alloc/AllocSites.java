import dev.arbor.bench.StreamedPageBenchmark;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Every allocation of a StreamedPageBenchmark operation, by site: not sampled, exact. Run with
 * {@code -XX:-UseTLAB}, so that each allocation is a jdk.ObjectAllocationOutsideTLAB event with
 * its size; JFR then records all of them for a few operations, after a warm-up. Allocations are
 * split by phase: building the page's tree, rendering, and the views building the sections'
 * subtrees during the render. Command in docs/benchmarks.md:
 *
 * <pre>java -XX:-UseTLAB -cp CLASSPATH bench/alloc/AllocSites.java stream|pending|string|tree [ops] [warm-up s] [stack depth]</pre>
 */
public class AllocSites {
    public static void main(String[] args) throws Exception {
        int ops = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        long warmUp = args.length > 2 ? Long.parseLong(args[2]) : 10;
        int depth = args.length > 3 ? Integer.parseInt(args[3]) : 4;
        StreamedPageBenchmark b = new StreamedPageBenchmark();
        b.setup();
        Blackhole bh = new Blackhole("Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
        Runnable op = switch (args[0]) {
            case "stream" -> b::arborStream;
            case "pending" -> b::arborStreamPending;
            case "string" -> b::arborRenderToString;
            case "tree" -> () -> b.treeAndSections(bh);
            default -> throw new IllegalArgumentException(args[0]);
        };
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long end = System.nanoTime() + warmUp * 1_000_000_000L;
        while (System.nanoTime() < end) {
            op.run();
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 1000; i++) {
            op.run();
        }
        System.out.printf("thread-allocated: %.1f B/op%n", (threads.getCurrentThreadAllocatedBytes() - before) / 1000.0);

        Path file = Files.createTempFile("alloc-sites", ".jfr");
        try (Recording r = new Recording()) {
            r.enable("jdk.ObjectAllocationOutsideTLAB").withStackTrace();
            r.start();
            for (int i = 0; i < ops; i++) {
                op.run();
            }
            r.stop();
            r.dump(file);
        }
        Map<String, Long> phases = new TreeMap<>();
        Map<String, long[]> sites = new HashMap<>();
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            if (e.getStackTrace() == null) {
                continue;
            }
            List<RecordedFrame> frames = e.getStackTrace().getFrames();
            boolean ours = false, render = false, view = false;
            for (RecordedFrame f : frames) {
                String m = f.getMethod().getType().getName() + "." + f.getMethod().getName();
                ours |= m.startsWith("AllocSites");
                render |= m.startsWith("dev.arbor.Renderer.") || m.startsWith("dev.arbor.internal.");
                view |= m.contains("ShopPage.lambda") || m.contains("ShopPage.recommendations") || m.contains("ShopPage.reviewList");
            }
            if (!ours) {
                continue;
            }
            String phase = !render ? "tree" : view ? "render: views building subtrees" : "render";
            long size = e.getLong("allocationSize");
            phases.merge(phase, size, Long::sum);
            if (!phase.equals("render")) {
                continue;
            }
            StringBuilder site = new StringBuilder(e.getClass("objectClass").getName()).append(" at ");
            for (int i = 0; i < Math.min(depth, frames.size()); i++) {
                RecordedFrame f = frames.get(i);
                site.append(i > 0 ? " < " : "").append(f.getMethod().getType().getName().replaceAll(".*\\.", ""))
                        .append('.').append(f.getMethod().getName()).append(':').append(f.getLineNumber());
            }
            long[] s = sites.computeIfAbsent(site.toString(), k -> new long[2]);
            s[0] += size;
            s[1]++;
        }
        Files.delete(file);
        phases.forEach((p, bytes) -> System.out.printf("%-32s %10.1f B/op%n", p, bytes / (double) ops));
        System.out.println("render, by site:");
        sites.entrySet().stream().sorted((x, y) -> Long.compare(y.getValue()[0], x.getValue()[0])).forEach(s ->
                System.out.printf("%10.1f B/op %7.2f objects/op  %s%n", s.getValue()[0] / (double) ops,
                        s.getValue()[1] / (double) ops, s.getKey()));
    }
}
