package io.atoll.runtime.connector.file;

import io.atoll.protocol.data.DataType;
import io.atoll.protocol.data.RowType;
import java.nio.charset.Charset;
import java.nio.file.Path;

/**
 * The LocalFile source's options, read and checked once.
 *
 * @param rowType the produced schema: {@code schema}, or one {@code content} string for text without one
 * @param hasSchema false when text lines are passed whole as {@code content}
 */
record LocalFileSourceSettings(
    Path path,
    FileFormat format,
    String delimiter,
    RowType rowType,
    boolean hasSchema,
    long skipHeaderRows,
    ValueFormats formats,
    Charset charset) {

  static final RowType CONTENT = RowType.of(new RowType.Field("content", DataType.Basic.STRING));
}
