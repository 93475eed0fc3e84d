package dev.arbor.vertx;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A form the user sent and must fix: the values they submitted and an error message per field,
 * in the order to show them. The host hands it to the page it re-renders with {@code 422}
 * ({@link PageRequest#submission()}); {@link Forms} fills the form in and shows the errors.
 * Immutable.
 */
public final class Submission {
    /** The key of an error about the whole form rather than one field. */
    public static final String FORM = "";

    private static final Submission NONE = new Submission(FormData.empty(), Map.of());

    private final FormData values;
    private final Map<String, String> errors;

    private Submission(FormData values, Map<String, String> errors) {
        this.values = values;
        this.errors = errors;
    }

    /** @return no submission: the page was requested with GET */
    public static Submission none() {
        return NONE;
    }

    /**
     * @param values what was submitted
     * @param errors a message per field name ({@link #FORM} for the whole form), in display order
     * @return the submission
     */
    public static Submission of(FormData values, Map<String, String> errors) {
        Objects.requireNonNull(values, "values");
        Map<String, String> copy = new LinkedHashMap<>();
        errors.forEach((field, message) -> copy.put(Objects.requireNonNull(field, "field"),
                Objects.requireNonNull(message, "message")));
        return new Submission(values, Collections.unmodifiableMap(copy));
    }

    /** @return the submitted values (the CSRF token removed) */
    public FormData values() {
        return values;
    }

    /** @return a message per field, in display order */
    public Map<String, String> errors() {
        return errors;
    }

    /**
     * @param field a field's name
     * @return its error message, or {@code null}
     */
    public String error(String field) {
        return errors.get(field);
    }

    /** @return whether there is any error to show */
    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    /**
     * @param field a field's name
     * @return the submitted value, or {@code null} (nothing submitted, or a GET)
     */
    public String value(String field) {
        return values.get(field);
    }
}
