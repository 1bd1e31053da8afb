package io.github.telegrammcp.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Plain SQL against the test's state store, through the pool the server uses, each statement committed on its own:
 * for what a test must see or arrange below the entities (a trigger that fails writes, a table the server only
 * writes).
 */
@ApplicationScoped
public class TestSql {

    private final DataSource dataSource;

    public TestSql(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Runs an update or DDL statement; returns the changed row count. */
    public int update(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = prepare(c, sql, params)) {
            return st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The first column of every row, as strings. */
    public List<String> strings(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = prepare(c, sql, params);
                ResultSet rs = st.executeQuery()) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The first column of the first row, as a number. */
    public long number(String sql, Object... params) {
        return Long.parseLong(strings(sql, params).get(0));
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement st = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            st.setObject(i + 1, params[i]);
        }
        return st;
    }
}
