package dev.mpdata.internal.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpdata.config.Credentials;
import dev.mpdata.errors.ApiException;
import dev.mpdata.errors.AuthenticationException;
import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.MixpanelDataException;
import dev.mpdata.errors.RateLimitException;
import dev.mpdata.internal.MixpanelClient;
import dev.mpdata.internal.http.RetryPolicy;
import dev.mpdata.testing.FakeMixpanelServer;
import dev.mpdata.testing.FakeMixpanelServer.Endpoint;
import dev.mpdata.testing.ServerFault;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Failures an export reports: retries used up, unreachable hosts, bad requests and authentication, never
 * showing the secret.
 */
class ExportErrorsTest extends ExportApiFixture {
    @Test
    void terminatedEarlyEveryTimeFailsAsServerErrorAndRemovesTheFile() {
        server.inject(ServerFault.terminatedEarly(10).always());
        ApiException a = failure(ApiException.class, client(), ExportRequest.of(JAN1, JAN3));
        assertThat(a).hasMessageContaining("2024-01-01..2024-01-03").hasMessageContaining("terminated early");
        assertThat(a.code()).isEqualTo(ErrorCode.SERVER_ERROR);
        assertThat(a.details()).containsEntry("attempts", 6);
        assertThat(server.requestCount(Endpoint.EXPORT)).isEqualTo(6);
        assertThat(sleeps).hasSize(5);
        assertThat(file()).doesNotExist();
    }

    @Test
    void rateLimitedEveryTimeRaisesRateLimitException() {
        server.inject(
                ServerFault.status(429).jsonError("Project rate limit exceeded").always());
        RateLimitException r = failure(RateLimitException.class, client(), ExportRequest.of(JAN1, JAN1));
        assertThat(r).hasMessageContaining("Project rate limit exceeded");
        assertThat(r.code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(r.httpStatus()).hasValue(429);
        assertThat(r.serverMessage()).isEqualTo("Project rate limit exceeded");
        assertThat(r.details()).containsEntry("attempts", 6).containsEntry("from_date", "2024-01-01");
        assertThat(server.requestCount(Endpoint.EXPORT)).isEqualTo(6);
        // Backoff caps double: 1, 2, 4, 8, 16 s.
        for (int i = 0; i < sleeps.size(); i++) {
            assertThat(sleeps.get(i)).isLessThanOrEqualTo(Duration.ofSeconds(1L << i));
        }
    }

    @Test
    void serverErrorsEveryTimeNameTheDateRange() {
        server.inject(ServerFault.status(503).always());
        RetryPolicy three = RetryPolicy.builder().maxAttempts(3).build();
        ApiException a = failure(
                ApiException.class,
                client(clientBuilder(server.credentials()).retryPolicy(three)),
                ExportRequest.of(JAN1, JAN3));
        assertThat(a)
                .hasMessageContaining("HTTP 503")
                .hasMessageContaining("2024-01-01..2024-01-03")
                .hasMessageContaining("after 3 attempts");
        assertThat(a.code()).isEqualTo(ErrorCode.SERVER_ERROR);
        assertThat(a.httpStatus()).hasValue(503);
        assertThat(a.endpoint()).isEqualTo("GET " + server.url() + "/api/2.0/export");
    }

    @Test
    void unreachableServerIsANetworkError() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Credentials c = Credentials.builder()
                .secret("s")
                .projectId(1)
                .apiBaseUrl("http://127.0.0.1:" + port)
                .exportBaseUrl("http://127.0.0.1:" + port)
                .build();
        RetryPolicy two = RetryPolicy.builder().maxAttempts(2).build();
        ApiException a =
                failure(ApiException.class, client(clientBuilder(c).retryPolicy(two)), ExportRequest.of(JAN1, JAN1));
        assertThat(a).hasMessageContaining("Network error").hasMessageContaining("2024-01-01..2024-01-01");
        assertThat(a.code()).isEqualTo(ErrorCode.NETWORK_ERROR);
        assertThat(a.httpStatus()).isEmpty();
        assertThat(a.getCause()).isInstanceOf(IOException.class);
        assertThat(sleeps).hasSize(1);
    }

    @Test
    void futureToDateIsABadRequestWithTheServersWords() {
        ApiException a = failure(ApiException.class, client(), ExportRequest.of(JAN1, TODAY.plusDays(1)));
        assertThat(a)
                .isNotInstanceOf(AuthenticationException.class)
                .hasMessageContaining("to_date cannot be later than today")
                .hasMessageContaining("HTTP 400");
        assertThat(a.code()).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(a.serverMessage()).isEqualTo("to_date cannot be later than today");
        assertThat(a.httpStatus()).hasValue(400);
        assertThat(server.requestCount(Endpoint.EXPORT)).isEqualTo(1);
        assertThat(sleeps).isEmpty();
        assertThat(file()).doesNotExist();
    }

    @Test
    void wrongSecretIsAnAuthenticationErrorThatNeverShowsTheSecret() {
        String wrong = "wrong-SECRET-value-123";
        Credentials c = Credentials.builder()
                .username(FakeMixpanelServer.DEFAULT_USERNAME)
                .secret(wrong)
                .projectId(FakeMixpanelServer.DEFAULT_PROJECT_ID)
                .apiBaseUrl(server.url())
                .exportBaseUrl(server.url())
                .accountName("prod")
                .build();
        MixpanelClient client = client(clientBuilder(c));
        assertThatThrownBy(() -> client.export().toFile(ExportRequest.of(JAN1, JAN1), file()))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("account 'prod'")
                .hasMessageContaining("HTTP 401")
                .hasMessageContaining("invalid username or secret")
                .satisfies(e -> assertNoSecret((MixpanelDataException) e, wrong));
        assertThat(client.toString()).doesNotContain(wrong);
        assertThat(server.requestCount(Endpoint.EXPORT)).isEqualTo(1);
    }

    @Test
    void unableToAuthenticateOn400IsAnAuthenticationError() {
        server.inject(ServerFault.status(400).plainText("Unable to authenticate request"));
        AuthenticationException a = failure(AuthenticationException.class, client(), ExportRequest.of(JAN1, JAN1));
        assertThat(a.code()).isEqualTo(ErrorCode.AUTHENTICATION_FAILED);
        assertThat(a.httpStatus()).hasValue(400);
        assertThat(a.serverMessage()).isEqualTo("Unable to authenticate request");
    }

    @Test
    void forbiddenAndPaymentRequiredAreTypedErrors() {
        server.inject(ServerFault.status(403).jsonError("Permission denied: missing export role"));
        assertThatThrownBy(() -> client().export().toFile(ExportRequest.of(JAN1, JAN1), file()))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("missing export role");
        server.inject(ServerFault.status(402).plainText("Your plan does not include raw export"));
        assertThatThrownBy(() -> client().export().toFile(ExportRequest.of(JAN1, JAN1), file()))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("Your plan does not include raw export")
                .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo(ErrorCode.PAYMENT_REQUIRED));
        server.inject(ServerFault.status(418).plainText("teapot"));
        assertThatThrownBy(() -> client().export().toFile(ExportRequest.of(JAN1, JAN1), file()))
                .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo(ErrorCode.HTTP_ERROR));
        assertThat(sleeps).isEmpty();
    }

    @Test
    void aSecretEchoedByTheServerIsMasked() {
        server.inject(ServerFault.status(400).jsonError("bad secret " + FakeMixpanelServer.DEFAULT_SECRET + " given"));
        assertThatThrownBy(() -> client().export().toFile(ExportRequest.of(JAN1, JAN1), file()))
                .satisfies(e -> assertNoSecret((MixpanelDataException) e, FakeMixpanelServer.DEFAULT_SECRET))
                .hasMessageContaining("bad secret **** given");
    }
}
