package dev.ferry.orchestrator.task.types;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a check's query must return: a comparison of its one value ({@code > 0}, {@code = 100},
 * {@code between 1 and 10}, {@code is null}), or of how many rows it returned ({@code no_rows},
 * {@code rows = 5}, {@code rows >= 1}). Values compare as numbers when both sides are numbers, otherwise
 * only {@code =} and {@code !=} apply, as text.
 *
 * @param text how the DAG file wrote it, for messages
 */
public record Expectation(Subject subject, Op op, List<String> operands, String text) {

    /** What is compared. */
    public enum Subject { VALUE, ROWS }

    /** How it is compared. */
    public enum Op { EQ, NE, GT, GE, LT, LE, BETWEEN, IS_NULL, IS_NOT_NULL }

    static final String SYNTAX = "expected a comparison such as \"> 0\", \"= 100\", \">= 5\", \"!= 0\","
            + " \"between 1 and 10\", \"is null\", \"no_rows\" or \"rows = 5\"";

    private static final Pattern COMPARISON = Pattern.compile("(>=|<=|!=|<>|==|=|>|<)\\s*(.+)");
    private static final Pattern BETWEEN = Pattern.compile("between\\s+(\\S+)\\s+and\\s+(\\S+)",
            Pattern.CASE_INSENSITIVE);

    public Expectation {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(op, "op");
        operands = List.copyOf(operands);
    }

    /** The expectation {@code rows = count}, for the {@code rows: N} shorthand of a check. */
    public static Expectation rows(long count) {
        return new Expectation(Subject.ROWS, Op.EQ, List.of(Long.toString(count)), "rows = " + count);
    }

    /** @throws IllegalArgumentException saying what is wrong and what is expected */
    public static Expectation parse(String text) {
        String written = text == null ? "" : text.strip();
        String lower = written.toLowerCase(Locale.ROOT);
        if (lower.equals("no_rows") || lower.equals("no rows")) {
            return new Expectation(Subject.ROWS, Op.EQ, List.of("0"), written);
        }
        if (lower.startsWith("rows ") || lower.startsWith("rows=") || lower.startsWith("rows>")
                || lower.startsWith("rows<") || lower.startsWith("rows!")) {
            Expectation rows = comparison(written.substring(4).strip(), written, Subject.ROWS);
            if (rows.op == Op.IS_NULL || rows.op == Op.IS_NOT_NULL
                    || !rows.operands.stream().allMatch(operand -> operand.matches("\\d+"))) {
                throw new IllegalArgumentException("'" + written + "': a row count compares with whole numbers, as"
                        + " in \"rows = 5\" or \"rows between 1 and 12\"");
            }
            return rows;
        }
        return comparison(written, written, Subject.VALUE);
    }

    private static Expectation comparison(String text, String written, Subject subject) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.equals("is null")) {
            return new Expectation(subject, Op.IS_NULL, List.of(), written);
        }
        if (lower.equals("is not null")) {
            return new Expectation(subject, Op.IS_NOT_NULL, List.of(), written);
        }
        Matcher between = BETWEEN.matcher(text);
        if (between.matches()) {
            BigDecimal low = number(between.group(1), written);
            BigDecimal high = number(between.group(2), written);
            if (low.compareTo(high) > 0) {
                throw new IllegalArgumentException("'" + written + "': the lower bound is above the upper one");
            }
            return new Expectation(subject, Op.BETWEEN, List.of(between.group(1), between.group(2)), written);
        }
        Matcher comparison = COMPARISON.matcher(text);
        if (comparison.matches()) {
            Op op = switch (comparison.group(1)) {
                case ">=" -> Op.GE;
                case "<=" -> Op.LE;
                case "!=", "<>" -> Op.NE;
                case ">" -> Op.GT;
                case "<" -> Op.LT;
                default -> Op.EQ;
            };
            String operand = unquoted(comparison.group(2).strip());
            if (op != Op.EQ && op != Op.NE) {
                number(operand, written);
            }
            return new Expectation(subject, op, List.of(operand), written);
        }
        // a bare number or quoted text means equality (expect: 100); other bare words are more likely a
        // mistyped comparison than a value
        boolean quoted = !unquoted(text).equals(text);
        if (text.isEmpty() || !quoted && numberOrNull(text) == null) {
            throw new IllegalArgumentException(text.isEmpty() ? SYNTAX : "'" + written + "': " + SYNTAX);
        }
        return new Expectation(subject, Op.EQ, List.of(unquoted(text)), written);
    }

    private static String unquoted(String operand) {
        if (operand.length() >= 2 && (operand.startsWith("'") && operand.endsWith("'")
                || operand.startsWith("\"") && operand.endsWith("\""))) {
            return operand.substring(1, operand.length() - 1);
        }
        return operand;
    }

    private static BigDecimal number(String operand, String written) {
        BigDecimal number = numberOrNull(operand);
        if (number == null) {
            throw new IllegalArgumentException("'" + written + "': '" + operand + "' is not a number; only = and !="
                    + " compare text");
        }
        return number;
    }

    static BigDecimal numberOrNull(String text) {
        if (text == null) {
            return null;
        }
        try {
            return new BigDecimal(text.strip());
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    /**
     * The outcome for one query result.
     *
     * @param actual what was found, as messages and outputs show it: the value, or the row count
     */
    public record Verdict(boolean passed, String actual) {
    }

    public Verdict test(QueryResult result) {
        if (subject == Subject.ROWS) {
            String count = Long.toString(result.rowCount());
            return new Verdict(holds(count), count);
        }
        if (result.rowCount() == 0) {
            return new Verdict(false, "no rows (a value check needs one row with one value)");
        }
        if (result.rowCount() > 1 || result.columns().size() > 1) {
            return new Verdict(false, result.rowCount() + " rows of " + result.columns().size() + " columns (a value"
                    + " check needs one row with one value; check row sets with no_rows or rows = N)");
        }
        String value = result.value();
        boolean numeric = op != Op.EQ && op != Op.NE && op != Op.IS_NULL && op != Op.IS_NOT_NULL;
        String shown = value == null ? "NULL"
                : numeric && numberOrNull(value) == null ? value + " (not a number)" : value;
        return new Verdict(holds(value), shown);
    }

    /** Whether {@code actual} (null for SQL NULL) meets this expectation. */
    boolean holds(String actual) {
        if (op == Op.IS_NULL || op == Op.IS_NOT_NULL) {
            return (actual == null) == (op == Op.IS_NULL);
        }
        if (actual == null) {
            return false;
        }
        BigDecimal number = numberOrNull(actual);
        if (op == Op.BETWEEN) {
            return number != null && number.compareTo(new BigDecimal(operands.get(0))) >= 0
                    && number.compareTo(new BigDecimal(operands.get(1))) <= 0;
        }
        BigDecimal operand = numberOrNull(operands.get(0));
        if (op == Op.EQ || op == Op.NE) {
            boolean equal = number != null && operand != null ? number.compareTo(operand) == 0
                    : actual.equals(operands.get(0));
            return equal == (op == Op.EQ);
        }
        if (number == null) {
            return false;
        }
        int order = number.compareTo(operand);
        return switch (op) {
            case GT -> order > 0;
            case GE -> order >= 0;
            case LT -> order < 0;
            case LE -> order <= 0;
            default -> throw new IllegalStateException(op.name());
        };
    }

    @Override
    public String toString() {
        return text;
    }
}
