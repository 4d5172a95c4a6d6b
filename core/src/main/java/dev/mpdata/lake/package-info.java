/**
 * Open-format output: export a table to Parquet, CSV or JSON lines in Hive-style folders, fetch events
 * straight into such a lake (one file per UTC day, many writers at once), and read a lake back as a view.
 * The entry points are on {@link dev.mpdata.Workspace}: {@code export}, {@code fetchEventsToLake},
 * {@code attachLake} and {@code lakeManifest}.
 */
package dev.mpdata.lake;
