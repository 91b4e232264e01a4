package io.taskmon.etl.cli;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./taskmon etl generate}: the options, decoded; {@link #options()} checks what is required. */
@Command(name = "generate",
        customSynopsis = "./taskmon etl generate --rows N --out FILE [--seed S] [--bad-share 0.02]",
        description = "Writes a CSV shaped like the published tax-registration data, with the given share of bad rows.")
public final class GenerateCommand {

    /** What {@code generate} was told. */
    public record GenerateOptions(long rows, Path out, long seed, double badShare) {
    }

    @Option(names = "--rows", paramLabel = "N", converter = OptionValues.PositiveNumber.class,
            description = "data rows to write")
    Long rows;

    @Option(names = "--out", paramLabel = "FILE", description = "the file to write")
    String out;

    @Option(names = "--seed", paramLabel = "S", converter = OptionValues.WholeNumber.class,
            description = "seed of the generator; the same seed writes the same file (default 20240101)")
    Long seed;

    @Option(names = "--bad-share", paramLabel = "SHARE", converter = OptionValues.Share.class,
            description = "share of bad rows, 0 to 1 (default 0.02)")
    Double badShare;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this text")
    boolean help;

    public GenerateOptions options() {
        if (rows == null) {
            throw new UsageException("--rows is required");
        }
        if (out == null || out.isBlank()) {
            throw new UsageException("--out is required");
        }
        return new GenerateOptions(rows, Path.of(out), seed == null ? 20240101L : seed,
                badShare == null ? 0.02 : badShare);
    }
}
