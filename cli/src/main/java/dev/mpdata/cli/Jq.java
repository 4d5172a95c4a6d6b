package dev.mpdata.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import net.thisptr.jackson.jq.BuiltinFunctionLoader;
import net.thisptr.jackson.jq.JsonQuery;
import net.thisptr.jackson.jq.Scope;
import net.thisptr.jackson.jq.Versions;
import net.thisptr.jackson.jq.exception.JsonQueryException;

/**
 * A compiled {@code --jq} expression (jq 1.6 semantics, by jackson-jq), applied to the JSON a command would
 * print: the whole document for {@code -f json}, each line for {@code -f jsonl}. Results print as jq prints
 * them: one JSON value per line, pretty for {@code json}, compact for {@code jsonl}.
 *
 * <pre>{@code
 * Jq jq = Jq.compile(".[] | select(.count > 10) | .event");
 * jq.apply("[{\"event\":\"A\",\"count\":12}]", false, System.out);
 * }</pre>
 */
public final class Jq {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Scope ROOT = rootScope();

    private final String expression;
    private final JsonQuery query;

    private Jq(String expression, JsonQuery query) {
        this.expression = expression;
        this.query = query;
    }

    private static Scope rootScope() {
        Scope root = Scope.newEmptyScope();
        BuiltinFunctionLoader.getInstance().loadFunctions(Versions.JQ_1_6, root);
        return root;
    }

    /**
     * Compiles an expression.
     *
     * @param expression e.g. {@code .[0].event}
     * @return the compiled expression
     * @throws IllegalArgumentException with jq's message when it does not compile
     */
    public static Jq compile(String expression) {
        try {
            return new Jq(expression, JsonQuery.compile(expression, Versions.JQ_1_6));
        } catch (JsonQueryException e) {
            throw new IllegalArgumentException("--jq expression does not compile: " + e.getMessage(), e);
        }
    }

    /**
     * Applies the expression to printed JSON and prints the results.
     *
     * @param printed what the command printed: one document, or one per line
     * @param lines {@code true} when {@code printed} holds one document per line (JSON lines)
     * @param out where the results go
     * @throws IllegalArgumentException with jq's message when the expression fails on the input
     */
    public void apply(String printed, boolean lines, PrintStream out) {
        List<String> docs = new ArrayList<>();
        if (lines) {
            printed.lines().filter(l -> !l.isBlank()).forEach(docs::add);
        } else if (!printed.isBlank()) {
            docs.add(printed);
        }
        try {
            for (String doc : docs) {
                JsonNode in = JSON.readTree(doc);
                List<JsonNode> results = new ArrayList<>();
                query.apply(Scope.newChildScope(ROOT), in, results::add);
                for (JsonNode r : results) {
                    out.println(
                            lines
                                    ? JSON.writeValueAsString(r)
                                    : JSON.writerWithDefaultPrettyPrinter().writeValueAsString(r));
                }
            }
        } catch (JsonQueryException e) {
            throw new IllegalArgumentException("--jq '" + expression + "' failed: " + e.getMessage(), e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the command printed invalid JSON: " + e.getOriginalMessage(), e);
        }
        out.flush();
    }
}
