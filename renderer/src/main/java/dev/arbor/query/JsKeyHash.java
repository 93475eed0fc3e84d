package dev.arbor.query;

import com.fasterxml.jackson.core.io.NumberOutput;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * TanStack Query's {@code hashKey} in Java: {@code JSON.stringify} of the key with every plain
 * object's keys sorted, written exactly as a JavaScript engine writes it, so that a key hashed on
 * the server finds its query in the browser's cache. Three things differ from what Jackson writes:
 * numbers ({@code Number::toString}: {@code 1e+21}, {@code 1e-7}, {@code 5e-324}), the order of
 * an object's keys (a JavaScript object lists integer-like keys first, in numeric order) and the
 * escapes of strings (lower-case hex for control characters and lone surrogates).
 */
final class JsKeyHash {
    /** The largest array index, 2^32 - 2: keys up to it are listed first by a JavaScript object. */
    private static final long MAX_ARRAY_INDEX = 4294967294L;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsKeyHash() {
    }

    /**
     * @param key a canonical key tree: nulls, booleans, strings, long and double numbers, arrays and
     *     objects whose fields are already in {@link #jsOrder JavaScript's order}
     * @return its hash
     */
    static String hash(JsonNode key) {
        StringBuilder out = new StringBuilder();
        write(key, out);
        return out.toString();
    }

    private static void write(JsonNode node, StringBuilder out) {
        switch (node.getNodeType()) {
            case ARRAY -> {
                out.append('[');
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(node.get(i), out);
                }
                out.append(']');
            }
            case OBJECT -> {
                out.append('{');
                boolean first = true;
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    quote(field.getKey(), out);
                    out.append(':');
                    write(field.getValue(), out);
                }
                out.append('}');
            }
            case STRING -> quote(node.textValue(), out);
            case NUMBER -> out.append(numberToString(node.doubleValue()));
            case BOOLEAN -> out.append(node.booleanValue());
            default -> out.append("null");
        }
    }

    /**
     * The order of an object's keys after TanStack's {@code Object.keys(o).sort()} and their
     * insertion into a new object: array indices first in numeric order, then the other keys in
     * UTF-16 order. {@code __proto__} is left out: assigning it sets the new object's prototype
     * instead of adding a key, so TanStack's hash never has it.
     *
     * @param keys an object's keys
     * @return the keys to keep, in order
     */
    static List<String> jsOrder(Iterable<String> keys) {
        List<String> indices = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String key : keys) {
            if (key.equals("__proto__")) {
                continue;
            }
            (isArrayIndex(key) ? indices : names).add(key);
        }
        indices.sort((a, b) -> Long.compare(Long.parseLong(a), Long.parseLong(b)));
        names.sort(null); // String.compareTo is UTF-16 code unit order, as Array.prototype.sort
        indices.addAll(names);
        return indices;
    }

    /** A canonical numeric string of an integer from 0 to 2^32 - 2 ("0", "17"; not "017", "-1"). */
    private static boolean isArrayIndex(String key) {
        int length = key.length();
        if (length == 0 || length > 10 || (length > 1 && key.charAt(0) == '0')) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = key.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return Long.parseLong(key) <= MAX_ARRAY_INDEX;
    }

    /** {@code JSON.stringify} of a string: well-formed, so lone surrogates are escaped too. */
    static void quote(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || isLoneSurrogate(s, i)) {
                        out.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xF])
                                .append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static boolean isLoneSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
        }
        return false;
    }

    /**
     * ECMAScript's {@code Number::toString(x)} for radix 10 (what RFC 8785 also prescribes): the
     * shortest decimal that reads back as {@code x} (the closest of those when there are several),
     * laid out as JavaScript does. The digits come from Jackson's Schubfach writer, which gives the
     * shortest decimal on every Java version ({@code Double.toString} does not before Java 19).
     *
     * @param x a number; NaN and the infinities are written {@code null}, as {@code JSON.stringify}
     * @return its text
     */
    static String numberToString(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return "null";
        }
        if (x == 0) {
            return "0"; // -0 too
        }
        if (x < 0) {
            return "-" + numberToString(-x);
        }
        Decimal d = shortestOfOneDigit(Decimal.parse(NumberOutput.toString(x, true)), x);
        String digits = d.digits;
        int k = digits.length();
        int n = d.pointPosition;
        if (k <= n && n <= 21) {
            return digits + "0".repeat(n - k);
        }
        if (0 < n && n <= 21) {
            return digits.substring(0, n) + "." + digits.substring(n);
        }
        if (-6 < n && n <= 0) {
            return "0." + "0".repeat(-n) + digits;
        }
        int e = n - 1;
        String exponent = "e" + (e < 0 ? "-" : "+") + Math.abs(e);
        return k == 1 ? digits + exponent : digits.charAt(0) + "." + digits.substring(1) + exponent;
    }

    /**
     * Java's shortest decimal may have two digits where one digit would also read back as
     * {@code x} (it then prefers the closer one, as {@code 4.9E-324}); JavaScript always takes the
     * fewest digits ({@code 5e-324}), the closest of them to {@code x}.
     */
    private static Decimal shortestOfOneDigit(Decimal d, double x) {
        if (d.digits.length() != 2) {
            return d;
        }
        int first = d.digits.charAt(0) - '0';
        Decimal below = new Decimal(String.valueOf(first), d.pointPosition);
        Decimal above = first == 9 ? new Decimal("1", d.pointPosition + 1)
                : new Decimal(String.valueOf(first + 1), d.pointPosition);
        boolean belowReads = below.doubleValue() == x;
        boolean aboveReads = above.doubleValue() == x;
        if (belowReads && aboveReads) {
            BigDecimal exact = new BigDecimal(x);
            int cmp = exact.subtract(below.exact()).compareTo(above.exact().subtract(exact));
            if (cmp != 0) {
                return cmp < 0 ? below : above;
            }
            return (first % 2 == 0) ? below : above; // a tie goes to the even digit
        }
        return belowReads ? below : aboveReads ? above : d;
    }

    /** A positive decimal 0.{@code digits} x 10^{@code pointPosition}, digits without leading or trailing zeros. */
    private static final class Decimal {
        final String digits;
        final int pointPosition;

        Decimal(String digits, int pointPosition) {
            this.digits = digits;
            this.pointPosition = pointPosition;
        }

        /** Reads Java's form of a positive double: {@code 123.45}, {@code 0.00123}, {@code 1.2345E7}. */
        static Decimal parse(String java) {
            int e = java.indexOf('E');
            String mantissa = e < 0 ? java : java.substring(0, e);
            int exponent = e < 0 ? 0 : Integer.parseInt(java.substring(e + 1));
            int point = mantissa.indexOf('.');
            String all = point < 0 ? mantissa : mantissa.substring(0, point) + mantissa.substring(point + 1);
            int position = (point < 0 ? mantissa.length() : point) + exponent;
            int start = 0;
            while (start < all.length() - 1 && all.charAt(start) == '0') {
                start++;
                position--;
            }
            int end = all.length();
            while (end > start + 1 && all.charAt(end - 1) == '0') {
                end--;
            }
            return new Decimal(all.substring(start, end), position);
        }

        BigDecimal exact() {
            return new BigDecimal(new java.math.BigInteger(digits), digits.length() - pointPosition);
        }

        double doubleValue() {
            return Double.parseDouble("0." + digits + "E" + pointPosition);
        }
    }
}
