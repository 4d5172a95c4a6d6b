package dev.mpdata.internal.export;

import static dev.mpdata.testing.TestEvents.days;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.mpdata.config.Credentials;
import dev.mpdata.errors.ApiException;
import dev.mpdata.errors.MixpanelDataException;
import dev.mpdata.internal.MixpanelClient;
import dev.mpdata.testing.FakeMixpanelServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A fake server with three days of events and clients that record their back-off sleeps instead of sleeping. */
abstract class ExportApiFixture {
    static final LocalDate JAN1 = LocalDate.of(2024, 1, 1);
    static final LocalDate JAN3 = LocalDate.of(2024, 1, 3);
    static final LocalDate TODAY = LocalDate.of(2024, 1, 31);

    @TempDir
    Path tmp;

    FakeMixpanelServer server;
    final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    final List<String> data = days(JAN1, JAN3, 200);
    final List<MixpanelClient> clients = new ArrayList<>();

    @BeforeEach
    void start() {
        server = FakeMixpanelServer.builder().today(TODAY).events(data).start();
    }

    @AfterEach
    void stop() {
        clients.forEach(MixpanelClient::close);
        server.close();
    }

    MixpanelClient.Builder clientBuilder(Credentials c) {
        return MixpanelClient.builder(c).sleeper(sleeps::add).exportRequestsPerSecond(Double.POSITIVE_INFINITY);
    }

    MixpanelClient client(MixpanelClient.Builder b) {
        MixpanelClient c = b.build();
        clients.add(c);
        return c;
    }

    MixpanelClient client() {
        return client(clientBuilder(server.credentials()));
    }

    Path file() {
        return tmp.resolve("out.ndjson");
    }

    /**
     * Exports {@code request} with {@code client} into {@link #file()}, asserts that it fails with {@code type},
     * and returns the failure.
     */
    <T extends Throwable> T failure(Class<T> type, MixpanelClient client, ExportRequest request) {
        Throwable t = catchThrowable(() -> client.export().toFile(request, file()));
        assertThat(t).isInstanceOf(type);
        return type.cast(t);
    }

    /** Another server with the same events, gzip on or off. */
    FakeMixpanelServer otherServer(boolean gzip) {
        return FakeMixpanelServer.builder().today(TODAY).gzip(gzip).events(data).start();
    }

    String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }

    static void assertNoSecret(MixpanelDataException e, String secret) {
        assertThat(e.getMessage()).doesNotContain(secret);
        assertThat(e.toString()).doesNotContain(secret);
        assertThat(String.valueOf(e.details())).doesNotContain(secret);
        assertThat(e).isInstanceOf(ApiException.class);
        assertThat(String.valueOf(((ApiException) e).serverMessage())).doesNotContain(secret);
        assertThat(Map.copyOf(e.details().entrySet().stream()
                        .filter(en -> en.getValue() != null)
                        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue))))
                .isNotNull();
    }
}
