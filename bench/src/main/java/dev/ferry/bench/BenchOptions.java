package dev.ferry.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command-line options of {@code bench/run}.
 *
 * @param rows        rows in the source table (both sources hold the same rows)
 * @param stateDir    the bench's own local stack, apart from the dev stack in {@code .ferry/local}
 * @param parallelism Ferry runs once per value, so {@code 1,2,3,4} compares them in one go
 * @param runs        each contender runs this often and its fastest run counts (less noise on 2 cores)
 */
record BenchOptions(long rows, Path stateDir, List<Integer> parallelism, int chunkRows, int runs) {

    static final String USAGE = """
            usage: bench/run [--rows N] [--state-dir DIR] [--parallelism P[,P...]] [--chunk-rows N] [--runs N]
              --rows N           rows in the source tables (default 10000000)
              --state-dir DIR    local stack of the bench (default .ferry/bench)
              --parallelism P    Ferry's parallelism; a list runs Ferry once per value (default 2)
              --chunk-rows N     Ferry's snapshot chunk size (default 100000)
              --runs N           run each contender N times and keep the fastest (default 1)
            Extra JVM options for the Ferry JVM (e.g. a JFR recording): FERRY_BENCH_JAVA_OPTS.""";

    static BenchOptions parse(String[] args, Path defaultStateDir) {
        long rows = 10_000_000;
        Path stateDir = defaultStateDir;
        List<Integer> parallelism = List.of(2);
        int chunkRows = 100_000;
        int runs = 1;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("-h") || arg.equals("--help")) {
                System.out.println(USAGE);
                System.exit(0);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for " + arg + "\n" + USAGE);
            }
            String value = args[++i];
            switch (arg) {
                case "--rows" -> rows = positive(arg, value);
                case "--state-dir" -> stateDir = Path.of(value);
                case "--parallelism" -> parallelism = list(arg, value);
                case "--chunk-rows" -> chunkRows = (int) positive(arg, value);
                case "--runs" -> runs = (int) positive(arg, value);
                default -> throw new IllegalArgumentException("unknown option " + arg + "\n" + USAGE);
            }
        }
        return new BenchOptions(rows, stateDir.toAbsolutePath().normalize(), parallelism, chunkRows, runs);
    }

    private static List<Integer> list(String option, String value) {
        List<Integer> values = new ArrayList<>();
        for (String part : value.split(",")) {
            values.add((int) positive(option, part.strip()));
        }
        return List.copyOf(values);
    }

    private static long positive(String option, String value) {
        try {
            long number = Long.parseLong(value.replace("_", ""));
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " needs a positive number, got '" + value + "'");
    }
}
