package dev.arbor.internal;

/** A segment part: a hydration boundary's query state, written where its HTML begins. */
final class HydrationScript {
    final String script;

    HydrationScript(String script) {
        this.script = script;
    }
}
