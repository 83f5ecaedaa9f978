using Npgsql;

namespace JinGong.AppHost.Infrastructure;

/// <summary>
/// Least privilege on the local PostgreSQL: each service's database is owned by a login role of its own name (no
/// superuser, no role or database creation), and nobody else may connect to it. A database made before such roles
/// existed (a data folder from an earlier version) hands the schemas, tables, sequences, views, functions and types the
/// superuser made in it over to its role, so the service keeps working on it. The extensions a service needs are created
/// by the superuser (PostGIS is not one a database owner may create), and stay the superuser's.
/// </summary>
public static class DatabaseOwnership
{
    /// <param name="superuser">A superuser's connection string to the server (any database).</param>
    /// <param name="extensions">PostgreSQL extensions the service uses (e.g. <c>postgis</c>), created in its database.</param>
    public static async Task EnsureAsync(string superuser, string database, string password, IReadOnlyCollection<string> extensions, CancellationToken cancellationToken)
    {
        var role = Identifier(database);
        // Unpooled: this runs at each start of a service, and a pooled connection from before a PostgreSQL restart is
        // dead (57P01), which failed the restart of a service after the server's.
        var server = new NpgsqlConnectionStringBuilder(superuser) { Database = "postgres", Pooling = false };
        await using (var connection = new NpgsqlConnection(server.ConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await ExecuteAsync(connection, $"""
                DO $$ BEGIN
                  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = {Literal(database)}) THEN CREATE ROLE {role}; END IF;
                END $$;
                ALTER ROLE {role} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD {Literal(password)};
                """, cancellationToken);
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection) { Parameters = { new() { Value = database } } };
            await ExecuteAsync(connection, await exists.ExecuteScalarAsync(cancellationToken) is null
                ? $"CREATE DATABASE {role} OWNER {role}"
                : $"ALTER DATABASE {role} OWNER TO {role}", cancellationToken);
            await ExecuteAsync(connection, $"REVOKE ALL ON DATABASE {role} FROM PUBLIC", cancellationToken);
        }

        await using var inside = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(superuser) { Database = database, Pooling = false }.ConnectionString);
        await inside.OpenAsync(cancellationToken);
        foreach (var extension in extensions)
        {
            await ExecuteAsync(inside, $"CREATE EXTENSION IF NOT EXISTS {Identifier(extension)}", cancellationToken);
        }

        await ExecuteAsync(inside, HandOver(database), cancellationToken);
    }

    // What the superuser owns in the database, outside the system's schemas and extensions, becomes the role's. A
    // sequence that belongs to a column follows its table.
    private static string HandOver(string role) => $$"""
        DO $$
        DECLARE
          owner name := {{Literal(role)}};
          item record;
        BEGIN
          FOR item IN
            SELECT n.nspname FROM pg_namespace n
            WHERE n.nspowner = 'postgres'::regrole AND n.nspname NOT LIKE 'pg\_%' AND n.nspname <> 'information_schema'
              AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.objid = n.oid AND d.deptype = 'e')
          LOOP
            EXECUTE format('ALTER SCHEMA %I OWNER TO %I', item.nspname, owner);
          END LOOP;
          FOR item IN
            SELECT c.oid::regclass AS name, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relowner = 'postgres'::regrole AND n.nspname NOT LIKE 'pg\_%' AND n.nspname <> 'information_schema'
              AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
              AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.objid = c.oid AND (d.deptype = 'e' OR (c.relkind = 'S' AND d.deptype IN ('a', 'i'))))
          LOOP
            EXECUTE format('ALTER %s %s OWNER TO %I',
              CASE item.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END,
              item.name, owner);
          END LOOP;
          FOR item IN
            SELECT p.oid::regprocedure AS name, p.prokind FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE p.proowner = 'postgres'::regrole AND n.nspname NOT LIKE 'pg\_%' AND n.nspname <> 'information_schema'
              AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
          LOOP
            EXECUTE format('ALTER %s %s OWNER TO %I', CASE item.prokind WHEN 'p' THEN 'PROCEDURE' WHEN 'a' THEN 'AGGREGATE' ELSE 'FUNCTION' END, item.name, owner);
          END LOOP;
          FOR item IN
            SELECT t.oid::regtype AS name FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
            WHERE t.typowner = 'postgres'::regrole AND n.nspname NOT LIKE 'pg\_%' AND n.nspname <> 'information_schema'
              AND t.typtype IN ('c', 'd', 'e', 'r') AND t.typrelid = 0 AND t.typelem = 0
              AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.objid = t.oid AND d.deptype = 'e')
          LOOP
            EXECUTE format('ALTER TYPE %s OWNER TO %I', item.name, owner);
          END LOOP;
        END $$;
        """;

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Identifier(string name) => new NpgsqlCommandBuilder().QuoteIdentifier(name);

    private static string Literal(string text) => $"'{text.Replace("'", "''", StringComparison.Ordinal)}'";
}
