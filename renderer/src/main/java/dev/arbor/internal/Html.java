package dev.arbor.internal;

/** HTML escaping for text and attribute values, straight into the output buffer. */
final class Html {
    private Html() {
    }

    /** Escapes {@code & < > " '}: safe in text and in quoted attribute values. */
    static void escape(StringBuilder out, String s) {
        int last = 0;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            String rep;
            switch (s.charAt(i)) {
                case '&': rep = "&amp;"; break;
                case '<': rep = "&lt;"; break;
                case '>': rep = "&gt;"; break;
                case '"': rep = "&quot;"; break;
                case '\'': rep = "&#x27;"; break;
                default: continue;
            }
            out.append(s, last, i).append(rep);
            last = i + 1;
        }
        out.append(s, last, n);
    }
}
