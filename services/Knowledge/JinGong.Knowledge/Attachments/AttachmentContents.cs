using Marten;
using Npgsql;
using NpgsqlTypes;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace JinGong.Knowledge.Attachments;

/// <summary>
/// The bytes of attachments, one row per distinct content keyed by its SHA-256: the same file attached twice is kept
/// once, and an event names its content by hash instead of carrying it.
/// <para>
/// <c>bytea</c> in a table of our own rather than large objects: a file of at most tens of MB fits a <c>bytea</c>
/// (1 GB limit) and is read whole anyway; the row is written in the same transaction as the event that names it
/// (<see cref="IDocumentOperations.QueueSqlCommand(string, object[])"/>), so there is never an event without its bytes
/// or bytes of a refused upload; it goes with the database in every <c>pg_dump</c>, needs no <c>lo_unlink</c>
/// housekeeping, and the table is declared through Weasel so Marten creates it with the rest of the schema.
/// </para>
/// </summary>
public static class AttachmentContents
{
    public const string TableName = "kb_attachment_contents";

    public static void Declare(StoreOptions options)
    {
        var table = new Table(new PostgresqlObjectName(options.DatabaseSchemaName, TableName, SchemaUtils.IdentifierUsage.General));
        table.AddColumn<string>("sha256").AsPrimaryKey();
        table.AddColumn("content", "bytea").NotNull();
        table.AddColumn<long>("length").NotNull();
        options.Storage.ExtendedSchemaObjects.Add(table);
    }

    /// <summary>Keeps <paramref name="content"/> under its hash with what <paramref name="session"/> saves (nothing when the same bytes are there already).</summary>
    public static void Keep(IDocumentSession session, string sha256, byte[] content) =>
        session.QueueSqlCommand(
            $"insert into {session.DocumentStore.Options.DatabaseSchemaName}.{TableName} (sha256, content, length) values (?, ?, ?) on conflict (sha256) do nothing",
            sha256, content, (long)content.Length);

    /// <summary>The bytes kept under <paramref name="sha256"/>, or null when there are none.</summary>
    public static async Task<byte[]?> ReadAsync(NpgsqlDataSource dataSource, IDocumentStore store, string sha256, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"select content from {store.Options.DatabaseSchemaName}.{TableName} where sha256 = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = sha256, NpgsqlDbType = NpgsqlDbType.Text });
        return await command.ExecuteScalarAsync(cancellationToken) as byte[];
    }
}
