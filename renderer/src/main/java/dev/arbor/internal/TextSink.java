package dev.arbor.internal;

import dev.arbor.RenderSink;
import java.util.concurrent.CompletionStage;

/** A sink that takes text, so that a render collected as a String is never encoded and decoded. */
public interface TextSink extends RenderSink {

    /**
     * Writes one chunk as text; the renderer calls this instead of {@link #write(byte[])}.
     *
     * @param chunk the HTML
     * @return a stage that completes when the sink accepts more
     */
    CompletionStage<Void> writeText(String chunk);
}
