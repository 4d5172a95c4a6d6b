package dev.mpdata.internal.sql;

import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The file modes of what the product writes: its folders are the user's alone (0700) and its files too
 * (0600), for databases and configuration hold data and secrets others should not read. Not part of the
 * public API.
 */
public final class Modes {
    /** Folders: {@code rwx------}. */
    public static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");

    /** Files: {@code rw-------}. */
    public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private Modes() {}
}
