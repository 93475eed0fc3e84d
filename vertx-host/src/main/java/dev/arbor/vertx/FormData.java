package dev.arbor.vertx;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A submitted form, as the host parsed it from an {@code application/x-www-form-urlencoded} or
 * {@code multipart/form-data} body: every field's values in the order sent, and the files of a
 * multipart body (held in memory, within the host's {@linkplain ArborHost.Builder#maxFormSize
 * form size limit}). Immutable. Fields the action does not read are simply ignored.
 */
public final class FormData {
    /**
     * A file of a multipart form.
     *
     * @param field the form field's name
     * @param filename the file's name as the browser sent it (untrusted)
     * @param contentType its content type as the browser sent it (untrusted)
     * @param bytes its content
     */
    public record FilePart(String field, String filename, String contentType, byte[] bytes) {
        /** @param field the field, @param filename the name, @param contentType the type, @param bytes the content */
        public FilePart {
            Objects.requireNonNull(field, "field");
            bytes = bytes.clone();
        }

        /** @return a copy of the content */
        @Override
        public byte[] bytes() {
            return bytes.clone();
        }
    }

    private static final FormData EMPTY = new FormData(Map.of(), List.of());

    private final Map<String, List<String>> fields;
    private final List<FilePart> files;

    private FormData(Map<String, List<String>> fields, List<FilePart> files) {
        this.fields = fields;
        this.files = files;
    }

    /** @return a form without fields */
    public static FormData empty() {
        return EMPTY;
    }

    /**
     * @param fields the fields and their values, in order
     * @return a form of those fields (for tests and for re-rendering values built by hand)
     */
    public static FormData of(Map<String, List<String>> fields) {
        return of(fields, List.of());
    }

    static FormData of(Map<String, List<String>> fields, List<FilePart> files) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        fields.forEach((name, values) -> copy.put(Objects.requireNonNull(name, "name"), List.copyOf(values)));
        return new FormData(Collections.unmodifiableMap(copy), List.copyOf(files));
    }

    /**
     * @param name a field's name
     * @return its first value, or {@code null} when the form has no such field
     */
    public String get(String name) {
        List<String> values = fields.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /**
     * @param name a field's name
     * @param defaultValue the value when the field is missing
     * @return its first value, or {@code defaultValue}
     */
    public String get(String name, String defaultValue) {
        String value = get(name);
        return value == null ? defaultValue : value;
    }

    /**
     * @param name a field's name (a group of checkboxes, a multiple select)
     * @return all its values in the order sent; empty when absent
     */
    public List<String> getAll(String name) {
        return fields.getOrDefault(name, List.of());
    }

    /** @return the names of the fields sent, in order */
    public Set<String> names() {
        return fields.keySet();
    }

    /** @return the files of a multipart form, in order; empty otherwise */
    public List<FilePart> files() {
        return files;
    }

    /** @return a copy without the field {@code name} (the CSRF token, before values go back to a page) */
    FormData without(String name) {
        if (!fields.containsKey(name)) {
            return this;
        }
        Map<String, List<String>> copy = new LinkedHashMap<>(fields);
        copy.remove(name);
        return new FormData(Collections.unmodifiableMap(copy), files);
    }

    /** Builds a form while parsing. */
    static final class Builder {
        private final Map<String, List<String>> fields = new LinkedHashMap<>();
        private final List<FilePart> files = new ArrayList<>();

        void add(String name, String value) {
            fields.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }

        void addFile(FilePart file) {
            files.add(file);
        }

        FormData build() {
            return of(fields, files);
        }
    }

    @Override
    public String toString() {
        return "FormData" + names();
    }
}
