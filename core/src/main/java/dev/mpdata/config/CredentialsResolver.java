package dev.mpdata.config;

import dev.mpdata.errors.AccountNotFoundException;
import dev.mpdata.errors.ConfigException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides which credentials and hosts a command uses. In order:
 *
 * <ol>
 *   <li>environment variables {@code MP_USERNAME}, {@code MP_SECRET} and {@code MP_PROJECT_ID} when all
 *       three are set ({@code MP_REGION} optional, {@code us} by default) — so CI jobs need no file;
 *   <li>the account named by the caller, or else by {@code MP_ACCOUNT};
 *   <li>the config file's default account.
 * </ol>
 *
 * <p>Hosts: {@code MP_API_URL} and {@code MP_EXPORT_URL} override the base URLs in every case; otherwise an
 * account's {@code api_url} / {@code export_url}; otherwise the region's hosts. Blank environment values
 * count as unset.
 *
 * <pre>{@code
 * Map<String, String> env = System.getenv();
 * Credentials c = CredentialsResolver.resolve(accountFlagOrNull, env, ConfigFile.loadDefault(env));
 * }</pre>
 */
public final class CredentialsResolver {
    /** Service account username. */
    public static final String ENV_USERNAME = "MP_USERNAME";
    /** Service account secret. */
    public static final String ENV_SECRET = "MP_SECRET";
    /** Project id. */
    public static final String ENV_PROJECT_ID = "MP_PROJECT_ID";
    /** Region code, {@code us} by default. */
    public static final String ENV_REGION = "MP_REGION";
    /** Name of the config account to use. */
    public static final String ENV_ACCOUNT = "MP_ACCOUNT";
    /** Base URL override for query and engage calls. */
    public static final String ENV_API_URL = "MP_API_URL";
    /** Base URL override for export calls. */
    public static final String ENV_EXPORT_URL = "MP_EXPORT_URL";

    private CredentialsResolver() {}

    /**
     * Resolves the credentials to use.
     *
     * @param accountNameOrNull the account the caller asked for (e.g. {@code --account}), or {@code null}
     * @param env the environment variables
     * @param cfg the loaded config file
     * @return the credentials, with {@link Credentials#accountName()} {@code null} when they came from the
     *     environment
     * @throws AccountNotFoundException when the named (or default) account does not exist
     * @throws ConfigException when nothing is configured, or an environment value is invalid
     */
    public static Credentials resolve(String accountNameOrNull, Map<String, String> env, ConfigFile cfg) {
        String apiOverride = get(env, ENV_API_URL);
        String exportOverride = get(env, ENV_EXPORT_URL);

        String username = get(env, ENV_USERNAME);
        String secret = get(env, ENV_SECRET);
        String projectId = get(env, ENV_PROJECT_ID);
        if (username != null && secret != null && projectId != null) {
            String regionCode = get(env, ENV_REGION);
            Region region = regionCode == null ? Region.US : Region.parse(regionCode);
            return Credentials.builder()
                    .username(username)
                    .secret(secret)
                    .projectId(parseProjectId(projectId))
                    .region(region)
                    .apiBaseUrl(check(apiOverride, ENV_API_URL))
                    .exportBaseUrl(check(exportOverride, ENV_EXPORT_URL))
                    .build();
        }

        String name = accountNameOrNull != null && !accountNameOrNull.isBlank()
                ? accountNameOrNull.strip()
                : get(env, ENV_ACCOUNT);
        Account account;
        if (name != null) {
            account = cfg.require(name);
        } else {
            account = cfg.defaultAccount().orElseThrow(() -> nothingConfigured(env, cfg));
        }
        return Credentials.builder()
                .username(account.username())
                .secret(account.secret())
                .projectId(account.projectId())
                .region(account.region())
                .apiBaseUrl(apiOverride != null ? check(apiOverride, ENV_API_URL) : account.apiUrl())
                .exportBaseUrl(exportOverride != null ? check(exportOverride, ENV_EXPORT_URL) : account.exportUrl())
                .accountName(account.name())
                .build();
    }

    private static String check(String url, String variable) {
        return BaseUrls.check(url, variable);
    }

    private static long parseProjectId(String value) {
        if (value.matches("[0-9]{1,18}") && Long.parseLong(value) > 0) {
            return Long.parseLong(value);
        }
        throw new ConfigException(
                ENV_PROJECT_ID + " must be a positive number, got '" + value + "'",
                Map.of("variable", ENV_PROJECT_ID, "value", value),
                null);
    }

    private static ConfigException nothingConfigured(Map<String, String> env, ConfigFile cfg) {
        List<String> setVars = new ArrayList<>();
        List<String> missingVars = new ArrayList<>();
        for (String v : List.of(ENV_USERNAME, ENV_SECRET, ENV_PROJECT_ID)) {
            (get(env, v) != null ? setVars : missingVars).add(v);
        }
        StringBuilder msg = new StringBuilder("No Mixpanel credentials configured");
        if (!cfg.accounts().isEmpty()) {
            msg.append(" (")
                    .append(cfg.path())
                    .append(" has accounts but no default; name one with --account,")
                    .append(" ")
                    .append(ENV_ACCOUNT)
                    .append(", or `default = \"NAME\"` in the file)");
        }
        msg.append(". Add an account with `mp auth add NAME --username ... --project-id ...`, or set ")
                .append(ENV_USERNAME)
                .append(", ")
                .append(ENV_SECRET)
                .append(" and ")
                .append(ENV_PROJECT_ID)
                .append(" (and optionally ")
                .append(ENV_REGION)
                .append(")");
        if (!setVars.isEmpty()) {
            msg.append("; ")
                    .append(String.join(", ", setVars))
                    .append(" set but ")
                    .append(String.join(", ", missingVars))
                    .append(" missing");
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("config_path", cfg.path().toString());
        details.put("env_missing", List.copyOf(missingVars));
        return new ConfigException(msg.toString(), details, null);
    }

    private static String get(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v.strip();
    }
}
