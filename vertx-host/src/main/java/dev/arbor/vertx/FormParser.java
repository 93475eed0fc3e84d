package dev.arbor.vertx;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.multipart.Attribute;
import io.netty.handler.codec.http.multipart.DefaultHttpDataFactory;
import io.netty.handler.codec.http.multipart.FileUpload;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import io.netty.handler.codec.http.multipart.InterfaceHttpData;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.BiConsumer;

/**
 * Reads and parses a form body for an action, with a size limit: {@code urlencoded} strictly (a
 * bad {@code %}-escape or bytes that are not UTF-8 are a 400), {@code multipart/form-data} with
 * Netty's decoder, in memory. Answers a status for what it refuses: 400 malformed, 413 too large,
 * 415 another content type.
 */
final class FormParser {
    /** A body refused with a status. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;

        Refused(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    private static final java.util.regex.Pattern BOUNDARY = java.util.regex.Pattern.compile(
            ";\\s*boundary=\"?([^\";\\s]+)\"?", java.util.regex.Pattern.CASE_INSENSITIVE);

    private FormParser() {
    }

    /**
     * Reads the request's body (or the one a {@code BodyHandler} read already) and parses it.
     *
     * @param done receives the form, or the {@link Refused} status; runs once
     */
    static void read(RoutingContext context, long limit, BiConsumer<FormData, Refused> done) {
        HttpServerRequest request = context.request();
        String type = request.getHeader("Content-Type");
        if (context.body() != null && context.body().available()) {
            Buffer body = context.body().buffer();
            finish(type, body == null ? Buffer.buffer() : body, limit, done);
            return;
        }
        String length = request.getHeader("Content-Length");
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > limit) {
                    done.accept(null, new Refused(413, "The form is larger than " + limit + " bytes"));
                    return;
                }
            } catch (NumberFormatException e) {
                done.accept(null, new Refused(400, "Bad Content-Length"));
                return;
            }
        }
        if (request.isEnded()) {
            finish(type, Buffer.buffer(), limit, done);
            return;
        }
        if ("100-continue".equalsIgnoreCase(request.getHeader("Expect"))) {
            context.response().writeContinue(); // curl waits for it before sending a larger body
        }
        Buffer body = Buffer.buffer();
        boolean[] over = {false};
        request.handler(chunk -> {
            if (over[0]) {
                return;
            }
            if (body.length() + (long) chunk.length() > limit) {
                over[0] = true;
                done.accept(null, new Refused(413, "The form is larger than " + limit + " bytes"));
                return;
            }
            body.appendBuffer(chunk);
        });
        request.exceptionHandler(error -> {
            // the client went away or sent a broken body: the exchange learns of it through onGone
        });
        request.endHandler(v -> {
            if (!over[0]) {
                finish(type, body, limit, done);
            }
        });
        request.resume();
    }

    private static void finish(String type, Buffer body, long limit, BiConsumer<FormData, Refused> done) {
        FormData form;
        try {
            if (body.length() > limit) {
                throw new Refused(413, "The form is larger than " + limit + " bytes");
            }
            form = parse(type, body.getBytes());
        } catch (Refused refused) {
            done.accept(null, refused);
            return;
        }
        done.accept(form, null);
    }

    static FormData parse(String contentType, byte[] body) throws Refused {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT).trim();
        if (type.isEmpty() && body.length == 0) {
            return FormData.empty();
        }
        if (type.startsWith("application/x-www-form-urlencoded")) {
            return urlencoded(body);
        }
        if (type.startsWith("multipart/form-data")) {
            java.util.regex.Matcher boundary = BOUNDARY.matcher(contentType);
            if (!boundary.find()) {
                throw new Refused(400, "A multipart form without its boundary");
            }
            // Netty's decoder drops a part cut short without a word: a form must end with its close-delimiter.
            String end = "--" + boundary.group(1) + "--";
            if (!new String(body, StandardCharsets.ISO_8859_1).contains(end)) {
                throw new Refused(400, "A multipart form cut short");
            }
            return multipart(contentType, body);
        }
        throw new Refused(415, "A form is application/x-www-form-urlencoded or multipart/form-data");
    }

    static FormData urlencoded(byte[] body) throws Refused {
        FormData.Builder form = new FormData.Builder();
        int start = 0;
        for (int i = 0; i <= body.length; i++) {
            if (i == body.length || body[i] == '&') {
                if (i > start) {
                    int eq = -1;
                    for (int j = start; j < i; j++) {
                        if (body[j] == '=') {
                            eq = j;
                            break;
                        }
                    }
                    String name = decode(body, start, eq < 0 ? i : eq);
                    String value = eq < 0 ? "" : decode(body, eq + 1, i);
                    form.add(name, value);
                }
                start = i + 1;
            }
        }
        return form.build();
    }

    private static String decode(byte[] body, int from, int to) throws Refused {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            byte b = body[i];
            if (b == '+') {
                bytes.write(' ');
            } else if (b == '%') {
                if (i + 2 >= to) {
                    throw new Refused(400, "A malformed %-escape in the form");
                }
                int hi = Character.digit(body[i + 1], 16);
                int lo = Character.digit(body[i + 2], 16);
                if (hi < 0 || lo < 0) {
                    throw new Refused(400, "A malformed %-escape in the form");
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else {
                bytes.write(b);
            }
        }
        return utf8(bytes.toByteArray());
    }

    private static String utf8(byte[] bytes) throws Refused {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new Refused(400, "The form is not UTF-8");
        }
    }

    private static FormData multipart(String contentType, byte[] body) throws Refused {
        DefaultFullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1,
                io.netty.handler.codec.http.HttpMethod.POST, "/", Unpooled.wrappedBuffer(body));
        request.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        request.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
        HttpPostRequestDecoder decoder = null;
        try {
            decoder = new HttpPostRequestDecoder(new DefaultHttpDataFactory(false), request, StandardCharsets.UTF_8);
            FormData.Builder form = new FormData.Builder();
            for (InterfaceHttpData data : decoder.getBodyHttpDatas()) {
                if (data instanceof FileUpload) {
                    FileUpload file = (FileUpload) data;
                    form.addFile(new FormData.FilePart(file.getName(), file.getFilename(), file.getContentType(),
                            file.get()));
                } else if (data instanceof Attribute) {
                    Attribute attribute = (Attribute) data;
                    form.add(attribute.getName(), utf8(attribute.get()));
                }
            }
            return form.build();
        } catch (Refused refused) {
            throw refused;
        } catch (IOException | RuntimeException e) {
            // Netty's ErrorDataDecoderException and its kin: a body that is not a multipart form
            throw new Refused(400, "A malformed multipart form");
        } finally {
            if (decoder != null) {
                decoder.destroy();
            }
            request.release();
        }
    }
}
