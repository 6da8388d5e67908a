package io.atoll.runtime.connector.file;

import io.atoll.protocol.data.DataType;
import io.atoll.protocol.data.RowType;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The LocalFile source's options, read and checked once.
 *
 * @param rowType the produced schema: {@code schema}, or one {@code content} string for text without one
 * @param hasSchema false when text lines are passed whole as {@code content}
 * @param fileType the fields of a record in the file: {@code rowType} before {@code read_columns}
 * @param readColumns indexes in {@code fileType} of the produced fields, in {@code read_columns} order
 * @param fileFilter null to read every file; else only files whose name matches it entirely
 * @param parsePartitions {@code parse_partition_from_path}: whether {@code key=value} directories add fields
 * @param partitionColumns string fields appended to every row from the file's {@code key=value}
 *     directories (named after the first file's, as SeaTunnel does); the last fields of {@code rowType}
 */
record LocalFileSourceSettings(
    Path path,
    FileFormat format,
    String delimiter,
    RowType rowType,
    boolean hasSchema,
    long skipHeaderRows,
    ValueFormats formats,
    Charset charset,
    RowType fileType,
    List<Integer> readColumns,
    Pattern fileFilter,
    Compression compression,
    boolean parsePartitions,
    List<String> partitionColumns) {

  static final RowType CONTENT = RowType.of(new RowType.Field("content", DataType.Basic.STRING));
}
