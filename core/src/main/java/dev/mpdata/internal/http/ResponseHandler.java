package dev.mpdata.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;

/**
 * Turns one successful response into a result. Called once per attempt, inside the retry loop: an
 * {@link IOException} while reading is a network error and is retried, a {@link RetryableFailure} is
 * retried, and any {@link RuntimeException} (e.g. from {@link ApiErrors#invalidResponse}) ends the call.
 *
 * <pre>{@code
 * ExportResult r = transport.execute(request, response -> copyToFile(response.body(), file, response.attempt()));
 * }</pre>
 *
 * @param <T> the result type
 */
@FunctionalInterface
public interface ResponseHandler<T> {

    /**
     * Reads the response.
     *
     * @param response the status was 2xx; the body is decoded and watched for stalls
     * @return the result
     * @throws IOException when reading the body fails (retried)
     * @throws RetryableFailure when the body shows a failure worth retrying
     */
    T handle(Response response) throws IOException, RetryableFailure;

    /**
     * A successful response as a handler sees it.
     *
     * @param attempt the attempt number, 1-based
     * @param body the body, gzip already undone; read it to its end or not, the transport closes it
     * @param headers the response headers
     */
    record Response(int attempt, InputStream body, HttpHeaders headers) {

        /**
         * Reads the whole body as UTF-8 text; only for small JSON answers.
         *
         * @return the text
         * @throws IOException when reading fails
         */
        public String text() throws IOException {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
