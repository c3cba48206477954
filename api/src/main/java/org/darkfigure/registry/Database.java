package org.darkfigure.registry;

import java.sql.SQLException;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.postgresql.ds.PGConnectionPoolDataSource;

/**
 * The registry's connection pool: embedded H2 (the default) or PostgreSQL, chosen by the JDBC URL.
 * Opening applies pending migrations.
 */
public final class Database implements AutoCloseable {

    private final JdbcConnectionPool pool;
    private final String url;

    private Database(JdbcConnectionPool pool, String url) {
        this.pool = pool;
        this.url = url;
    }

    public static Database open(String url, String user, String password) throws SQLException {
        JdbcConnectionPool pool;
        if (url.startsWith("jdbc:h2:")) {
            pool = JdbcConnectionPool.create(url, user == null ? "" : user, password == null ? "" : password);
        } else if (url.startsWith("jdbc:postgresql:")) {
            PGConnectionPoolDataSource pg = new PGConnectionPoolDataSource();
            pg.setURL(url);
            if (user != null) {
                pg.setUser(user);
            }
            if (password != null) {
                pg.setPassword(password);
            }
            pool = JdbcConnectionPool.create(pg);
        } else {
            throw new IllegalArgumentException("unsupported database URL (use jdbc:h2: or jdbc:postgresql:): "
                    + url.replaceAll("password=[^&;]*", "password=***"));
        }
        pool.setMaxConnections(16);
        Database db = new Database(pool, url);
        Migrations.apply(pool);
        return db;
    }

    public DataSource dataSource() {
        return pool;
    }

    public boolean isPostgres() {
        return url.startsWith("jdbc:postgresql:");
    }

    @Override
    public void close() {
        pool.dispose();
    }
}
