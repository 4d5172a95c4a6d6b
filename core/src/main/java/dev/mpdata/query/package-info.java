/**
 * Discovery and live queries against Mixpanel's Query API: request values ({@link
 * dev.mpdata.query.SegmentationQuery}, {@link dev.mpdata.query.RetentionQuery}, …) and typed, immutable
 * results that convert to DFLib DataFrames with the column names the Python library used ({@code date},
 * {@code segment}, {@code count}, …). Dates in results are ISO {@code yyyy-mm-dd} strings; Mixpanel's labels
 * (segment values, numeric buckets such as {@code "0 - 10"}) stay strings.
 *
 * <pre>{@code
 * SegmentationResult r = ws.segmentation(SegmentationQuery.of("Purchase", from, to).withOn("country"));
 * DataFrame df = r.toDataFrame();
 * }</pre>
 */
package dev.mpdata.query;
