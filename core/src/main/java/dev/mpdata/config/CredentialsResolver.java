package dev.mpdata.config;

import static dev.mpdata.config.Settings.ENV_ACCOUNT;
import static dev.mpdata.config.Settings.ENV_API_URL;
import static dev.mpdata.config.Settings.ENV_EXPORT_URL;
import static dev.mpdata.config.Settings.ENV_PROJECT_ID;
import static dev.mpdata.config.Settings.ENV_REGION;
import static dev.mpdata.config.Settings.ENV_SECRET;
import static dev.mpdata.config.Settings.ENV_USERNAME;

import dev.mpdata.errors.AccountNotFoundException;
import dev.mpdata.errors.ConfigException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
 * count as unset. The variables' names are {@link Settings}' constants.
 *
 * <pre>{@code
 * Settings settings = Settings.fromEnvironment();
 * Credentials c = CredentialsResolver.resolve(accountFlagOrNull, settings);
 * Optional<Credentials> maybe = CredentialsResolver.find(null, settings); // empty: nothing configured
 * }</pre>
 */
public final class CredentialsResolver {
    private CredentialsResolver() {}

    /**
     * Resolves the credentials to use, reading the config file named by the settings.
     *
     * @param accountNameOrNull the account the caller asked for (e.g. {@code --account}), or {@code null}
     * @param settings the environment
     * @return the credentials
     * @throws AccountNotFoundException when the named (or default) account does not exist
     * @throws ConfigException when nothing is configured, the config file is malformed, or an environment
     *     value is invalid
     */
    public static Credentials resolve(String accountNameOrNull, Settings settings) {
        return resolve(accountNameOrNull, settings, ConfigFile.loadDefault(settings));
    }

    /**
     * Resolves the credentials to use.
     *
     * <pre>{@code
     * Credentials c = CredentialsResolver.resolve("prod", settings, ConfigFile.load(path));
     * }</pre>
     *
     * @param accountNameOrNull the account the caller asked for (e.g. {@code --account}), or {@code null}
     * @param settings the environment
     * @param cfg the loaded config file
     * @return the credentials, with {@link Credentials#accountName()} {@code null} when they came from the
     *     environment
     * @throws AccountNotFoundException when the named (or default) account does not exist
     * @throws ConfigException when nothing is configured, or an environment value is invalid
     */
    public static Credentials resolve(String accountNameOrNull, Settings settings, ConfigFile cfg) {
        String apiOverride = settings.apiUrl().orElse(null);
        String exportOverride = settings.exportUrl().orElse(null);

        if (hasEnvironmentCredentials(settings)) {
            Region region = settings.get(ENV_REGION).map(Region::parse).orElse(Region.US);
            return Credentials.builder()
                    .username(settings.get(ENV_USERNAME).orElseThrow())
                    .secret(settings.get(ENV_SECRET).orElseThrow())
                    .projectId(parseProjectId(settings.get(ENV_PROJECT_ID).orElseThrow()))
                    .region(region)
                    .apiBaseUrl(BaseUrls.check(apiOverride, ENV_API_URL))
                    .exportBaseUrl(BaseUrls.check(exportOverride, ENV_EXPORT_URL))
                    .build();
        }

        Optional<String> name = accountName(accountNameOrNull, settings);
        Account account = name.isPresent()
                ? cfg.require(name.get())
                : cfg.defaultAccount().orElseThrow(() -> notConfigured(settings, cfg));
        return Credentials.builder()
                .username(account.username())
                .secret(account.secret())
                .projectId(account.projectId())
                .region(account.region())
                .apiBaseUrl(apiOverride != null ? BaseUrls.check(apiOverride, ENV_API_URL) : account.apiUrl())
                .exportBaseUrl(
                        exportOverride != null ? BaseUrls.check(exportOverride, ENV_EXPORT_URL) : account.exportUrl())
                .accountName(account.name())
                .build();
    }

    /**
     * Resolves credentials if anything names them: an account (the caller's or {@code MP_ACCOUNT}), the
     * three credential variables, or a default account in the config file. When something does, failing to
     * resolve it is an error, not an absence; this lets a program that can work without Mixpanel (importing
     * files, querying) tell "none configured" apart from "configured wrongly".
     *
     * <pre>{@code
     * long project = CredentialsResolver.find(null, settings).map(Credentials::projectId).orElse(0L);
     * }</pre>
     *
     * @param accountNameOrNull the account the caller asked for, or {@code null}
     * @param settings the environment
     * @return the credentials, or empty when nothing names any
     * @throws AccountNotFoundException when a named (or the default) account does not exist
     * @throws ConfigException when the config file is malformed or an environment value is invalid
     */
    public static Optional<Credentials> find(String accountNameOrNull, Settings settings) {
        ConfigFile cfg = ConfigFile.loadDefault(settings);
        boolean named = hasEnvironmentCredentials(settings)
                || accountName(accountNameOrNull, settings).isPresent()
                || cfg.defaultAccount().isPresent();
        return named ? Optional.of(resolve(accountNameOrNull, settings, cfg)) : Optional.empty();
    }

    /**
     * Describes, for a user, that no credentials are configured and how to add some; what {@link #resolve}
     * throws when {@link #find} is empty.
     *
     * <pre>{@code
     * Credentials c = CredentialsResolver.find(null, settings).orElseThrow(() -> CredentialsResolver.notConfigured(settings));
     * }</pre>
     *
     * @param settings the environment
     * @return the exception, naming the config path and the variables that are missing
     */
    public static ConfigException notConfigured(Settings settings) {
        return notConfigured(settings, ConfigFile.loadDefault(settings));
    }

    private static boolean hasEnvironmentCredentials(Settings settings) {
        return settings.get(ENV_USERNAME).isPresent()
                && settings.get(ENV_SECRET).isPresent()
                && settings.get(ENV_PROJECT_ID).isPresent();
    }

    private static Optional<String> accountName(String accountNameOrNull, Settings settings) {
        return accountNameOrNull != null && !accountNameOrNull.isBlank()
                ? Optional.of(accountNameOrNull.strip())
                : settings.account();
    }

    private static long parseProjectId(String value) {
        if (value.matches("[0-9]{1,18}") && Long.parseLong(value) > 0) {
            return Long.parseLong(value);
        }
        throw new ConfigException(
                ENV_PROJECT_ID + " must be a positive number, got '" + value + "'",
                Map.of("variable", ENV_PROJECT_ID, "value", value));
    }

    private static ConfigException notConfigured(Settings settings, ConfigFile cfg) {
        List<String> setVars = new ArrayList<>();
        List<String> missingVars = new ArrayList<>();
        for (String v : List.of(ENV_USERNAME, ENV_SECRET, ENV_PROJECT_ID)) {
            (settings.get(v).isPresent() ? setVars : missingVars).add(v);
        }
        StringBuilder msg = new StringBuilder("No Mixpanel credentials configured");
        if (!cfg.accounts().isEmpty()) {
            msg.append(" (")
                    .append(cfg.path())
                    .append(" has accounts but no default; name one with --account, ")
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
        return new ConfigException(msg.toString(), details);
    }
}
