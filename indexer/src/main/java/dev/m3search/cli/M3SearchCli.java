package dev.m3search.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code m3search} command line. */
@Command(
    name = "m3search",
    mixinStandardHelpOptions = true,
    version = "m3search 0.1.0",
    description = "Hybrid dense + sparse + late-interaction search on Lucene.",
    subcommands = {
      DemoCommand.class,
      IndexCommand.class,
      SearchCommand.class,
      InfoCommand.class,
      RecodeCommand.class,
      MergeCommand.class,
      EvalCommand.class,
      BenchCommand.class,
      GenerateCommand.class,
      EncoderBenchCommand.class
    })
public final class M3SearchCli {
  /** Held so the level set below is not lost when the logger would be collected. */
  private static final java.util.logging.Logger LUCENE_LOG = java.util.logging.Logger.getLogger("org.apache.lucene");

  private M3SearchCli() {}

  public static void main(String[] args) {
    // Lucene logs which vector implementation it chose at INFO; keep command output clean
    LUCENE_LOG.setLevel(java.util.logging.Level.WARNING);
    System.exit(commandLine().execute(args));
  }

  /**
   * The command line with m3search's error handling: a failure prints one line naming what went
   * wrong (the full trace with {@code -Dm3search.trace=true}) and exits with 1.
   */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(M3SearchCli.class);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          PrintWriter err = commandLine.getErr();
          err.println(commandLine.getCommandName() + ": " + describe(e));
          if (Boolean.getBoolean("m3search.trace")) {
            e.printStackTrace(err);
          }
          err.flush();
          return 1;
        });
    return cli;
  }

  private static String describe(Throwable e) {
    if (e instanceof java.nio.file.NoSuchFileException missing) {
      return "no such file: " + missing.getFile();
    }
    String message = e.getMessage();
    return message == null ? e.getClass().getSimpleName() : message;
  }
}
