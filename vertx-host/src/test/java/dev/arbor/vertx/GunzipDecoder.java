package dev.arbor.vertx;

import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Inflates a gzip stream as its pieces arrive, returning what each piece makes readable: proof
 * that every chunk was flushed through the server's compressor.
 */
final class GunzipDecoder implements Function<Buffer, String> {
    private final Inflater inflater = new Inflater(true);
    private final ByteArrayOutputStream header = new ByteArrayOutputStream();
    private boolean inBody;

    @Override
    public synchronized String apply(Buffer buffer) {
        byte[] bytes = buffer.getBytes();
        int offset = 0;
        if (!inBody) {
            int need = 10 - header.size();
            int take = Math.min(need, bytes.length);
            header.write(bytes, 0, take);
            offset = take;
            if (header.size() < 10) {
                return "";
            }
            byte[] h = header.toByteArray();
            if ((h[0] & 0xff) != 0x1f || (h[1] & 0xff) != 0x8b || h[2] != 8 || h[3] != 0) {
                throw new IllegalStateException("Not a plain gzip header");
            }
            inBody = true;
        }
        if (inflater.finished()) {
            return ""; // the trailer
        }
        inflater.setInput(bytes, offset, bytes.length - offset);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        try {
            int n;
            while ((n = inflater.inflate(chunk)) > 0) {
                out.write(chunk, 0, n);
            }
        } catch (DataFormatException e) {
            throw new IllegalStateException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
