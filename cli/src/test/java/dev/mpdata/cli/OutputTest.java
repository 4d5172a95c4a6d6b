package dev.mpdata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpdata.errors.AccountNotFoundException;
import dev.mpdata.errors.ApiException;
import dev.mpdata.errors.AuthenticationException;
import dev.mpdata.errors.ConfigException;
import dev.mpdata.errors.DatabaseLockedException;
import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.MixpanelDataException;
import dev.mpdata.errors.QueryException;
import dev.mpdata.errors.RateLimitException;
import dev.mpdata.errors.TableExistsException;
import dev.mpdata.errors.TableNotFoundException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Value rendering of every format, and the exit code of every error, without starting processes. */
class OutputTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private Output output(Format f) {
        return new Output(
                f,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                false);
    }

    private String printed() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private static final List<String> COLS = List.of("s", "t", "j", "n", "l");
    private static final boolean[] JSON_COL = {false, false, true, false, false};

    private static List<List<Object>> rows() {
        return List.of(
                Arrays.asList(
                        "Zürich, \"CH\"", LocalDateTime.of(2024, 1, 1, 0, 0), "{\"a\":[1,2]}", 1.5e20, List.of(1, 2)),
                Arrays.asList(null, null, null, null, null));
    }

    @Test
    void jsonKeepsJsonColumnsAndNonAscii() {
        output(Format.JSON).rows(COLS, JSON_COL, rows());
        assertThat(printed())
                .isEqualTo("[\n{\"s\":\"Zürich, \\\"CH\\\"\",\"t\":\"2024-01-01T00:00:00\",\"j\":{\"a\":[1,2]},"
                        + "\"n\":1.5E20,\"l\":[1,2]},\n{\"s\":null,\"t\":null,\"j\":null,\"n\":null,\"l\":null}\n]\n");
    }

    @Test
    void csvQuotesAndUsesCrlf() {
        output(Format.CSV).rows(COLS, JSON_COL, rows());
        assertThat(printed())
                .isEqualTo("s,t,j,n,l\r\n\"Zürich, \"\"CH\"\"\",2024-01-01T00:00:00,\"{\"\"a\"\":[1,2]}\","
                        + "150000000000000000000,\"[1,2]\"\r\n,,,,\r\n");
    }

    @Test
    void plainIsTabSeparatedOnOneLine() {
        output(Format.PLAIN).rows(List.of("a", "b"), new boolean[2], List.of(List.of("x\ty", "l1\nl2")));
        assertThat(printed()).isEqualTo("x\\ty\tl1\\nl2\n");
    }

    @Test
    void tableAlignsNumbersRightAndShowsNull() {
        output(Format.TABLE)
                .rows(List.of("name", "n"), new boolean[2], List.of(Arrays.asList("a", 5L), Arrays.asList("bb", null)));
        assertThat(printed().lines().toList())
                .containsExactly(
                        "+------+------+",
                        "| name | n    |",
                        "+------+------+",
                        "| a    |    5 |",
                        "| bb   | NULL |",
                        "+------+------+");
    }

    @Test
    void objectsAndScalars() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("when", OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC));
        m.put("amount", new BigDecimal("1E+3"));
        m.put("list", List.of("a"));
        output(Format.JSONL).object(m);
        assertThat(printed()).isEqualTo("{\"when\":\"2024-01-02T03:04:05Z\",\"amount\":1E+3,\"list\":[\"a\"]}\n");
        out.reset();
        output(Format.PLAIN).object(m);
        assertThat(printed()).isEqualTo("when\t2024-01-02T03:04:05Z\namount\t1000\nlist\t[\"a\"]\n");
        out.reset();
        output(Format.PLAIN).scalar(42L, false);
        output(Format.JSON).scalar("{\"k\":1}", true);
        output(Format.CSV).scalar(null, false);
        assertThat(printed()).isEqualTo("42\n{\"value\":{\"k\":1}}\nvalue\r\n\r\n");
    }

    @Test
    void exitCodes() {
        assertThat(ExitCodes.of(new TableExistsException("t"))).isEqualTo(1);
        assertThat(ExitCodes.of(new DatabaseLockedException(Path.of("x.db"), 12L, null)))
                .isEqualTo(1);
        assertThat(ExitCodes.of(new AuthenticationException("no", 401, "GET x", null, Map.of())))
                .isEqualTo(2);
        assertThat(ExitCodes.of(new ConfigException("none", Map.of("env_missing", List.of()), null)))
                .isEqualTo(2);
        assertThat(ExitCodes.of(new ConfigException("malformed"))).isEqualTo(1);
        assertThat(ExitCodes.of(new QueryException("SELEC", "syntax", null))).isEqualTo(3);
        assertThat(ExitCodes.of(new IllegalArgumentException("bad"))).isEqualTo(3);
        assertThat(ExitCodes.of(new ApiException(ErrorCode.BAD_REQUEST, "400", 400, "GET x", "no", Map.of(), null)))
                .isEqualTo(3);
        assertThat(ExitCodes.of(new TableNotFoundException("t"))).isEqualTo(4);
        assertThat(ExitCodes.of(new AccountNotFoundException("a", List.of()))).isEqualTo(4);
        assertThat(ExitCodes.of(new MixpanelDataException(ErrorCode.FILE_NOT_FOUND, "x", Map.of(), null)))
                .isEqualTo(4);
        assertThat(ExitCodes.of(new RateLimitException("429", "GET x", null, Map.of())))
                .isEqualTo(5);
        assertThat(ExitCodes.of(new ApiException(ErrorCode.INTERRUPTED, "i", 0, "GET x", null, Map.of(), null)))
                .isEqualTo(130);
        assertThat(ExitCodes.of(new IllegalStateException("boom"))).isEqualTo(1);
    }
}
