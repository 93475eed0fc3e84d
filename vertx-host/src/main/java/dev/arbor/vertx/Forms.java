package dev.arbor.vertx;

import static j2html.TagCreator.a;
import static j2html.TagCreator.div;
import static j2html.TagCreator.each;
import static j2html.TagCreator.h2;
import static j2html.TagCreator.label;
import static j2html.TagCreator.li;
import static j2html.TagCreator.noscript;
import static j2html.TagCreator.option;
import static j2html.TagCreator.p;
import static j2html.TagCreator.ul;

import j2html.TagCreator;
import j2html.tags.DomContent;
import j2html.tags.Tag;
import j2html.tags.specialized.DivTag;
import j2html.tags.specialized.FormTag;
import j2html.tags.specialized.InputTag;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Forms for {@link Action}s, in j2html: a form that carries the CSRF token, and fields that
 * show the values the user submitted and their errors accessibly when the action answered
 * {@link ActionResult#invalid 422} ({@link PageRequest#submission()}).
 *
 * <pre>{@code
 * form(req, "/products/" + id + "/reviews",
 *         Forms.input(req, "author", "Your name"),
 *         Forms.textarea(req, "text", "Your review"),
 *         button("Post review").withType("submit"))
 * }</pre>
 *
 * <p>With errors, the form starts with an error summary (after GOV.UK's): a heading and a link to
 * each field in error, focused when the page loads ({@code autofocus}, {@code tabindex=-1},
 * {@code role=alert}); each field in error gets {@code aria-invalid="true"} and
 * {@code aria-describedby} pointing at its message. A field's id is {@code field-<name>}, its
 * message's {@code field-<name>-error}.
 */
public final class Forms {
    /**
     * A field inside {@code <noscript>}: a browser without JavaScript parses it and sends it, one
     * with JavaScript does not. The host then answers a 422 with the complete document, since such
     * a browser cannot show what streams after the shell.
     */
    static final String NO_SCRIPT_FIELD = "_arbor_noscript";

    /**
     * The attribute that lets the client runtime submit a form itself, in one request whose answer
     * streams in like a navigation (single flight); forms without it are the browser's.
     */
    public static final String FORM_ATTRIBUTE = "data-arbor-form";

    private Forms() {
    }

    /**
     * A {@code <form method="post">} to {@code action} that carries the CSRF token, led by the
     * error summary when the request has a submission with errors, and marked
     * {@value #FORM_ATTRIBUTE} so that the client runtime submits it in one request.
     *
     * @param request the page's request
     * @param action the action's URL
     * @param content the fields and buttons
     * @return the form
     */
    public static FormTag form(PageRequest request, String action, DomContent... content) {
        Objects.requireNonNull(action, "action");
        List<DomContent> children = new ArrayList<>();
        String token = request.csrfToken();
        if (token != null) {
            children.add(TagCreator.input().withType("hidden").withName(Csrf.FIELD).withValue(token));
        }
        children.add(noscript(TagCreator.input().withType("hidden").withName(NO_SCRIPT_FIELD).withValue("1")));
        children.add(errorSummary(request));
        children.addAll(List.of(content));
        // the client runtime posts only the forms marked so: their action answers in its protocol
        return TagCreator.form(children.toArray(new DomContent[0])).withMethod("post").withAction(action)
                .attr(FORM_ATTRIBUTE, true);
    }

    /**
     * The summary of a submission's errors, or nothing when there are none: a focused
     * {@code role=alert} box with a link to each field in error ({@link Submission#FORM}'s message
     * as text).
     *
     * @param request the page's request
     * @return the summary, or empty content
     */
    public static DomContent errorSummary(PageRequest request) {
        Submission submission = request.submission();
        if (!submission.hasErrors()) {
            return TagCreator.text("");
        }
        return div(h2("There is a problem").withId("error-summary-title"),
                ul(each(submission.errors().entrySet(), e -> e.getKey().equals(Submission.FORM)
                        ? li(e.getValue())
                        : li(a(e.getValue()).withHref("#" + id(e.getKey()))))))
                .withClass("error-summary").attr("role", "alert").attr("tabindex", "-1")
                .attr("aria-labelledby", "error-summary-title").attr("autofocus", true);
    }

    /**
     * A labelled text input, filled in with the submitted value and showing its error.
     *
     * @param request the page's request
     * @param name the field's name
     * @param label its label
     * @return the field: a {@code div.field} with label, message and input
     */
    public static DivTag input(PageRequest request, String name, String label) {
        return input(request, name, label, "text");
    }

    /**
     * A labelled input of any text-like {@code type} ({@code email}, {@code number}...).
     *
     * @param request the page's request
     * @param name the field's name
     * @param label its label
     * @param type the input's type
     * @return the field
     */
    public static DivTag input(PageRequest request, String name, String label, String type) {
        InputTag input = TagCreator.input().withType(type).withName(name);
        String value = request.submission().value(name);
        if (value != null) {
            input.withValue(value);
        }
        return field(request, name, label, input);
    }

    /**
     * A labelled {@code <textarea>}, filled in and showing its error.
     *
     * @param request the page's request
     * @param name the field's name
     * @param label its label
     * @return the field
     */
    public static DivTag textarea(PageRequest request, String name, String label) {
        String value = request.submission().value(name);
        return field(request, name, label, TagCreator.textarea(value == null ? "" : value).withName(name));
    }

    /**
     * A labelled {@code <select>} whose submitted option is selected again.
     *
     * @param request the page's request
     * @param name the field's name
     * @param label its label
     * @param options each option's value and text, in order
     * @return the field
     */
    public static DivTag select(PageRequest request, String name, String label, Map<String, String> options) {
        String chosen = request.submission().value(name);
        return field(request, name, label, TagCreator.select(each(options.entrySet(), o -> {
            var tag = option(o.getValue()).withValue(o.getKey());
            return o.getKey().equals(chosen) ? tag.isSelected() : tag;
        })).withName(name));
    }

    /**
     * Any control as a field: gives it its id and, when it is in error, {@code aria-invalid} and
     * {@code aria-describedby}, with the message between label and control.
     *
     * @param request the page's request
     * @param name the field's name
     * @param label its label
     * @param control the control, named {@code name}
     * @return the field
     */
    public static DivTag field(PageRequest request, String name, String label, Tag<?> control) {
        String id = id(name);
        String error = request.submission().error(name);
        control.attr("id", id);
        DivTag field = div(label(label).attr("for", id)).withClass(error == null ? "field" : "field field-error");
        if (error != null) {
            control.attr("aria-invalid", "true").attr("aria-describedby", id + "-error");
            field.with(p(error).withId(id + "-error").withClass("field-message"));
        }
        return field.with((DomContent) control);
    }

    /**
     * @param name a field's name
     * @return the id its control gets: {@code field-<name>}
     */
    public static String id(String name) {
        StringBuilder id = new StringBuilder("field-");
        for (char c : name.toCharArray()) {
            id.append(Character.isLetterOrDigit(c) || c == '-' || c == '_' ? c : '_');
        }
        return id.toString();
    }

}
