package dev.arbor.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

/**
 * JSON that is safe inside an inline {@code <script>}: {@code < > &} and U+2028/U+2029 are written
 * as {@code \\uXXXX} escapes, so data can never close the script, open a comment or end a line in
 * an old JavaScript engine. Uses Jackson's own escaping hook.
 */
public final class ScriptJson {
    private static final CharacterEscapes ESCAPES = new HtmlSafeEscapes();

    private ScriptJson() {
    }

    /**
     * @param mapper the user's mapper, left unchanged
     * @return a writer with Arbor's script-safe escapes
     */
    public static ObjectWriter writer(ObjectMapper mapper) {
        return mapper.writer().with(ESCAPES);
    }

    /**
     * @param writer from {@link #writer(ObjectMapper)}
     * @param value any value the mapper can serialize
     * @return the JSON text, safe to put inside a script element
     * @throws IllegalArgumentException when the value cannot be serialized
     */
    public static String write(ObjectWriter writer, Object value) {
        try {
            return writer.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Value of type " + (value == null ? "null" : value.getClass().getName())
                    + " cannot be serialized to JSON for the client: " + e.getOriginalMessage(), e);
        }
    }

    private static final class HtmlSafeEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] table;

        HtmlSafeEscapes() {
            table = standardAsciiEscapesForJSON();
            table['<'] = ESCAPE_STANDARD;
            table['>'] = ESCAPE_STANDARD;
            table['&'] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return table;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            if (ch == 0x2028) {
                return new com.fasterxml.jackson.core.io.SerializedString("\\u2028");
            }
            if (ch == 0x2029) {
                return new com.fasterxml.jackson.core.io.SerializedString("\\u2029");
            }
            return null;
        }
    }
}
