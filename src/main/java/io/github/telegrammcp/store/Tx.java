package io.github.telegrammcp.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One open transaction on the state store, with the few statement shapes the server uses. */
public final class Tx {

    /** Reads one row of a result into a value. */
    @FunctionalInterface
    public interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private final Connection connection;

    Tx(Connection connection) {
        this.connection = connection;
    }

    /** The transaction's connection, for owners of a table that share their queries with a process without the server. */
    public Connection connection() {
        return connection;
    }

    /** Runs an INSERT, UPDATE or DELETE; returns the number of rows changed. */
    public int update(String sql, Object... args) {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            bind(ps, args);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw StoreException.of(e);
        }
    }

    /** Runs an INSERT into a table with an identity column; returns the generated id. */
    public long insert(String sql, Object... args) {
        try (PreparedStatement ps = connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            bind(ps, args);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new StoreException("the database returned no generated id for: " + sql);
                }
                return keys.getLong(1);
            }
        } catch (SQLException e) {
            throw StoreException.of(e);
        }
    }

    /** All rows of a query. */
    public <T> List<T> list(String sql, Row<T> row, Object... args) {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(row.read(rs));
                }
                return out;
            }
        } catch (SQLException e) {
            throw StoreException.of(e);
        }
    }

    /** The first row of a query, if any. */
    public <T> Optional<T> first(String sql, Row<T> row, Object... args) {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            bind(ps, args);
            ps.setMaxRows(1);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(row.read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw StoreException.of(e);
        }
    }

    /** A query answering one number, such as {@code SELECT COUNT(*) ...}. */
    public long number(String sql, Object... args) {
        return first(sql, rs -> rs.getLong(1), args).orElse(0L);
    }

    /** Runs a statement without parameters (schema changes). */
    void execute(String sql) {
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw StoreException.of(e);
        }
    }

    private static void bind(PreparedStatement ps, Object[] args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object arg = args[i];
            if (arg == null) {
                ps.setNull(i + 1, Types.NULL);
            } else if (arg instanceof Enum<?> e) {
                ps.setString(i + 1, e.name());
            } else {
                ps.setObject(i + 1, arg);
            }
        }
    }

    /** A nullable BIGINT column. */
    public static Long longOrNull(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
