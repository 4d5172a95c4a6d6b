package dev.mpdata.errors;

import java.util.List;

/**
 * Raised when an account is asked for by name and the config file has no account of that name. The
 * message lists the accounts that do exist.
 *
 * <pre>{@code
 * try {
 *     config.setDefault("staging");
 * } catch (AccountNotFoundException e) {
 *     System.err.println("no account " + e.account() + "; known: " + e.knownAccounts());
 * }
 * }</pre>
 */
public class AccountNotFoundException extends MixpanelDataException {
    private static final long serialVersionUID = 1L;

    private final String account;
    private final String[] knownAccounts;

    /**
     * Creates the exception.
     *
     * @param account the name that was asked for
     * @param knownAccounts the names that are configured (may be empty)
     */
    public AccountNotFoundException(String account, List<String> knownAccounts) {
        super(
                ErrorCode.ACCOUNT_NOT_FOUND,
                "No account named '" + account + "'"
                        + (knownAccounts.isEmpty()
                                ? "; none are configured (add one with `mp auth add`)"
                                : "; configured accounts: " + String.join(", ", knownAccounts)),
                mapOf("account", account, "known_accounts", List.copyOf(knownAccounts)),
                null);
        this.account = account;
        this.knownAccounts = knownAccounts.toArray(new String[0]);
    }

    /**
     * Returns the account name that was not found.
     *
     * @return the name
     */
    public String account() {
        return account;
    }

    /**
     * Returns the names of the accounts that are configured.
     *
     * @return an unmodifiable list, possibly empty
     */
    public List<String> knownAccounts() {
        return List.of(knownAccounts);
    }
}
