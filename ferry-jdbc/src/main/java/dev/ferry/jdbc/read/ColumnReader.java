package dev.ferry.jdbc.read;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads one column of the current row and normalises it; {@code null} for SQL NULL. */
@FunctionalInterface
interface ColumnReader {

    Object read(ResultSet rs, int index) throws SQLException;
}
