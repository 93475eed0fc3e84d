package dev.arbor.bench;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Heap per open HTTP stream on the server (docs/benchmarks.md), not a test: opens N connections
 * to a running {@link HttpBenchServer}, each a GET of the streamed page whose data comes only
 * after minutes, reads each response until its shell arrived, asks the server for its heap after
 * a full GC ({@code /heap}), closes them all and asks again.
 *
 * <pre>
 * java -cp ... dev.arbor.bench.OpenHttpStreams PORT 2000
 * </pre>
 */
public final class OpenHttpStreams {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int n = Integer.parseInt(args[1]);
        long base = heap(port);
        List<Socket> open = new ArrayList<>(n);
        byte[] buf = new byte[65536];
        for (int i = 0; i < n; i++) {
            Socket s = new Socket("127.0.0.1", port);
            OutputStream out = s.getOutputStream();
            out.write("GET /arbor?a=600000&b=600000 HTTP/1.1\r\nHost: bench\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            StringBuilder seen = new StringBuilder();
            while (seen.indexOf("Loading reviews") < 0) {
                int r = in.read(buf);
                if (r < 0) {
                    throw new IllegalStateException("closed before the shell");
                }
                seen.append(new String(buf, 0, r, StandardCharsets.ISO_8859_1));
                if (seen.indexOf("Loading reviews") < 0 && seen.length() > 8192) {
                    seen.delete(0, seen.length() - 64);
                }
            }
            open.add(s);
        }
        long held = heap(port);
        for (Socket s : open) {
            s.close();
        }
        Thread.sleep(2000); // the server hears the closes and aborts the renders
        long after = heap(port);
        System.out.printf("N=%,d  server heap: baseline %,d KB  open %,d KB  per stream %,.1f KB  after close %,d KB%n", n,
                base >> 10, held >> 10, (held - base) / 1024.0 / n, after >> 10);
    }

    static long heap(int port) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.getOutputStream().write("GET /heap HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String response = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            return Long.parseLong(response.substring(response.indexOf("\r\n\r\n") + 4).trim());
        }
    }
}
