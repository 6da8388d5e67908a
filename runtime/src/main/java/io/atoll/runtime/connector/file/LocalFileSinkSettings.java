package io.atoll.runtime.connector.file;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.List;

/**
 * The LocalFile sink's options, read and checked once.
 *
 * @param sinkColumns the columns written, in order; empty for all
 * @param partitionDirExpression null for SeaTunnel's default {@code k0=v0/k1=v1/...}
 * @param batchSize rows per file at most; a full file is closed and the next row starts another
 * @param stagingRoot where uncommitted files are written ({@link StagingRoot})
 */
record LocalFileSinkSettings(
    Path directory,
    FileFormat format,
    String delimiter,
    String rowDelimiter,
    boolean customFilename,
    String fileNameExpression,
    String filenameTimeFormat,
    boolean transactional,
    boolean writeHeader,
    ValueFormats formats,
    Charset charset,
    List<String> sinkColumns,
    List<String> partitionBy,
    String partitionDirExpression,
    boolean partitionFieldInFile,
    long batchSize,
    Compression compression,
    Path stagingRoot) {}
