package io.atoll.runtime.connector.file;

import java.nio.charset.Charset;
import java.nio.file.Path;

/** The LocalFile sink's options, read and checked once. */
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
    Charset charset) {}
