package io.atoll.runtime.job.config;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigIncludeContext;
import com.typesafe.config.ConfigIncluder;
import com.typesafe.config.ConfigIncluderClasspath;
import com.typesafe.config.ConfigIncluderFile;
import com.typesafe.config.ConfigIncluderURL;
import com.typesafe.config.ConfigObject;
import io.atoll.runtime.job.config.HoconLexer.Token;
import io.atoll.runtime.job.config.HoconLexer.Type;
import java.io.File;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;

/**
 * Who may make a job file read other files. A job file read from disk by {@code run} or
 * {@code submit} is the user's own: its includes are read as that user, relative to the file's
 * directory, before anything is sent. A job text that arrives over the network (REST, the actor
 * API's string form) must read nothing of the server's, so every HOCON include in it is refused,
 * with the line, before Typesafe Config sees the text; {@link #refusing()} stands behind that scan
 * in case a form of include slips past it.
 */
final class Includes {
  private static final List<String> FORMS = List.of("file(", "url(", "classpath(", "required(");

  private Includes() {}

  /** Reports every include statement of an untrusted text at its line. */
  static void refuse(List<Token> tokens, Problems problems) {
    Token previous = null;
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (t.type() == Type.UNQUOTED && t.text().equals("include") && atKeyStart(previous)
          && i + 1 < tokens.size() && isIncluded(tokens.get(i + 1))) {
        problems.add(t.line(), "include", "is not allowed in a job submitted over the network: it would "
            + "read files or URLs of the server; put the included options into the job itself, or submit "
            + "the file with 'atoll submit', which reads includes on your machine");
      }
      previous = t;
    }
  }

  private static boolean atKeyStart(Token previous) {
    return previous == null || previous.type() == Type.NEWLINE || previous.type() == Type.OPEN_BRACE
        || previous.type() == Type.COMMA;
  }

  private static boolean isIncluded(Token next) {
    return next.type() == Type.STRING
        || next.type() == Type.UNQUOTED && FORMS.stream().anyMatch(f -> next.text().startsWith(f));
  }

  /** An includer that refuses every include: the last line of defence for untrusted text. */
  static ConfigIncluder refusing() {
    return new Refusing();
  }

  /** Includes read as the local user, relative names against {@code directory}. */
  static ConfigIncluder relativeTo(Path directory) {
    return new RelativeTo(directory);
  }

  private static final class Refusing
      implements ConfigIncluder, ConfigIncluderFile, ConfigIncluderURL, ConfigIncluderClasspath {
    @Override
    public ConfigIncluder withFallback(ConfigIncluder fallback) {
      return this; // never fall back to the default includer, which would read the file
    }

    @Override
    public ConfigObject include(ConfigIncludeContext context, String what) {
      throw refused("\"" + what + "\"");
    }

    @Override
    public ConfigObject includeFile(ConfigIncludeContext context, File what) {
      throw refused("file(\"" + what + "\")");
    }

    @Override
    public ConfigObject includeURL(ConfigIncludeContext context, URL what) {
      throw refused("url(\"" + what + "\")");
    }

    @Override
    public ConfigObject includeResources(ConfigIncludeContext context, String what) {
      throw refused("classpath(\"" + what + "\")");
    }

    private static ConfigException refused(String what) {
      return new ConfigException.Generic("include " + what + " is not allowed in a job submitted over the network");
    }
  }

  private record RelativeTo(Path directory)
      implements ConfigIncluder, ConfigIncluderFile, ConfigIncluderURL, ConfigIncluderClasspath {
    @Override
    public ConfigIncluder withFallback(ConfigIncluder fallback) {
      return this;
    }

    /** A bare include names a file next to the job file (Typesafe would look on the classpath). */
    @Override
    public ConfigObject include(ConfigIncludeContext context, String what) {
      return includeFile(context, new File(what));
    }

    @Override
    public ConfigObject includeFile(ConfigIncludeContext context, File what) {
      Path path = what.isAbsolute() ? what.toPath() : directory.resolve(what.toPath());
      return ConfigFactory.parseFile(path.toFile(), context.parseOptions().setOriginDescription(null)).root();
    }

    @Override
    public ConfigObject includeURL(ConfigIncludeContext context, URL what) {
      return ConfigFactory.parseURL(what, context.parseOptions().setOriginDescription(null)).root();
    }

    @Override
    public ConfigObject includeResources(ConfigIncludeContext context, String what) {
      return ConfigFactory.parseResourcesAnySyntax(what, context.parseOptions().setOriginDescription(null)).root();
    }
  }
}
