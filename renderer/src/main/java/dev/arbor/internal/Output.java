package dev.arbor.internal;

import java.util.concurrent.CompletionStage;

/** Where a render's chunks go: the core's view of the API's sink. */
public interface Output {
    /**
     * @param chunk the next chunk of the response
     * @return a stage that completes when the output takes more (fails when it never will)
     */
    CompletionStage<Void> write(String chunk);

    /** The response is complete. */
    void end();

    /**
     * The render failed before anything was written.
     *
     * @param failure the reported error
     */
    void fail(Failure failure);
}
