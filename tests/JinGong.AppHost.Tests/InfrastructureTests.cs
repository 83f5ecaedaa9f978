using JinGong.Testing;
using Npgsql;
using RabbitMQ.Client;

namespace JinGong.AppHost.Tests;

[Collection(InfrastructureCollection.Name)]
public sealed class InfrastructureTests(InfrastructureFixture infrastructure)
{
    [Fact]
    public async Task every_service_has_its_own_database_on_a_real_postgresql()
    {
        foreach (var database in InfrastructureFixture.Databases)
        {
            await using var connection = new NpgsqlConnection(infrastructure.ConnectionString(database));
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT current_database(), version()", connection);
            await using var reader = await command.ExecuteReaderAsync();
            (await reader.ReadAsync()).Should().BeTrue();

            reader.GetString(0).Should().Be(database);
            reader.GetString(1).Should().StartWith("PostgreSQL");
        }
    }

    [Fact]
    public async Task each_service_connects_as_a_role_that_owns_its_database_only_and_is_no_superuser()
    {
        foreach (var database in InfrastructureFixture.Databases)
        {
            var connectionString = new NpgsqlConnectionStringBuilder(infrastructure.ConnectionString(database));
            connectionString.Username.Should().Be(database);
            await using var connection = new NpgsqlConnection(connectionString.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "SELECT r.rolsuper, r.rolcreatedb, r.rolcreaterole, pg_get_userbyid(d.datdba) FROM pg_roles r, pg_database d WHERE r.rolname = current_user AND d.datname = current_database()",
                connection);
            await using var reader = await command.ExecuteReaderAsync();
            (await reader.ReadAsync()).Should().BeTrue();
            (reader.GetBoolean(0), reader.GetBoolean(1), reader.GetBoolean(2)).Should().Be((false, false, false), $"{database}'s role may do nothing beyond its database");
            reader.GetString(3).Should().Be(database);

            var another = InfrastructureFixture.Databases.First(other => other != database);
            await using var elsewhere = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString.ConnectionString) { Database = another }.ConnectionString);
            var entering = () => elsewhere.OpenAsync();
            (await entering.Should().ThrowAsync<PostgresException>($"{database}'s role does not enter {another}")).Which.SqlState.Should().Be(PostgresErrorCodes.InsufficientPrivilege);
        }
    }

    [Fact]
    public async Task fleet_s_role_works_with_positions_in_its_database_through_postgis()
    {
        await using var connection = new NpgsqlConnection(infrastructure.ConnectionString("fleetdb"));
        await connection.OpenAsync();
        // Beijing and Shanghai as readings, their distance on the earth's spheroid: about 1,067 km.
        await using var command = new NpgsqlCommand(
            """
            CREATE TEMP TABLE reading (at timestamptz, position geography(Point, 4326));
            INSERT INTO reading VALUES (now(), ST_MakePoint(116.4074, 39.9042)::geography), (now(), ST_MakePoint(121.4737, 31.2304)::geography);
            SELECT ST_Distance(a.position, b.position) / 1000 FROM reading a JOIN reading b ON ST_X(a.position::geometry) < ST_X(b.position::geometry);
            """,
            connection);
        ((double)(await command.ExecuteScalarAsync())!).Should().BeApproximately(1_067, 5);

        await using var elsewhere = new NpgsqlConnection(infrastructure.ConnectionString("ordersdb"));
        await elsewhere.OpenAsync();
        await using var installed = new NpgsqlCommand("SELECT count(*) FROM pg_extension WHERE extname = 'postgis'", elsewhere);
        ((long)(await installed.ExecuteScalarAsync())!).Should().Be(0, "only the databases that ask for an extension get it");
    }

    [Fact]
    public async Task a_database_made_by_the_superuser_before_roles_existed_is_handed_over_to_its_role_whole()
    {
        const string legacy = "legacydb";
        await using (var server = new NpgsqlConnection(infrastructure.ServerConnectionString))
        {
            await server.OpenAsync();
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS {legacy}");
            await ExecuteAsync(server, $"CREATE DATABASE {legacy}");
        }

        // What Marten and EF leave in a service's database: a schema, tables with serial columns, a view, functions, a type.
        await using (var asSuperuser = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(infrastructure.ServerConnectionString) { Database = legacy }.ConnectionString))
        {
            await asSuperuser.OpenAsync();
            await ExecuteAsync(asSuperuser, """
                CREATE SCHEMA fleet;
                CREATE TABLE fleet.mt_events (seq_id bigserial PRIMARY KEY, data jsonb);
                CREATE SEQUENCE public.mt_hilo;
                CREATE VIEW fleet.recent AS SELECT * FROM fleet.mt_events;
                CREATE TYPE fleet.status AS ENUM ('in-stock', 'sold');
                CREATE FUNCTION fleet.mt_append(doc jsonb) RETURNS bigint LANGUAGE sql AS 'INSERT INTO fleet.mt_events (data) VALUES (doc) RETURNING seq_id';
                """);
        }

        await JinGong.AppHost.Infrastructure.DatabaseOwnership.EnsureAsync(infrastructure.ServerConnectionString, legacy, "a-legacy-password", [], CancellationToken.None);
        // Twice, as at every start: nothing to hand over the second time, and nothing fails.
        await JinGong.AppHost.Infrastructure.DatabaseOwnership.EnsureAsync(infrastructure.ServerConnectionString, legacy, "a-legacy-password", [], CancellationToken.None);

        var asRole = new NpgsqlConnectionStringBuilder(infrastructure.ServerConnectionString) { Database = legacy, Username = legacy, Password = "a-legacy-password" };
        await using var connection = new NpgsqlConnection(asRole.ConnectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, """
            SELECT fleet.mt_append('{"code": "JG-0001"}');
            SELECT nextval('public.mt_hilo');
            ALTER TABLE fleet.mt_events ADD COLUMN version int;
            CREATE OR REPLACE VIEW fleet.recent AS SELECT * FROM fleet.mt_events;
            ALTER TYPE fleet.status ADD VALUE 'retired';
            """);
        await using var owners = new NpgsqlCommand(
            "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname IN ('fleet', 'public') AND c.relowner = 'postgres'::regrole",
            connection);
        ((long)(await owners.ExecuteScalarAsync())!).Should().Be(0, "nothing of the service's is left to the superuser");
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task the_broker_has_no_guest_and_a_service_may_publish_its_own_events_but_not_forge_another_s()
    {
        var address = new Uri(infrastructure.ConnectionString("messaging"));
        var asGuest = () => new ConnectionFactory { Uri = new Uri($"amqp://guest:guest@{address.Authority}") }.CreateConnectionAsync();
        await asGuest.Should().ThrowAsync<RabbitMQ.Client.Exceptions.BrokerUnreachableException>("there is no guest");

        // The contracts' exchanges, as the services declare them when they start.
        const string Forged = "JinGong.Contracts.Okr:PersonLeftRoster";
        const string Own = "JinGong.Contracts.Fleet:VehicleRegistered";
        await using (var administrator = await new ConnectionFactory { Uri = address }.CreateConnectionAsync())
        await using (var channel = await administrator.CreateChannelAsync())
        {
            await channel.ExchangeDeclareAsync(Forged, ExchangeType.Fanout, durable: true);
            await channel.ExchangeDeclareAsync(Own, ExchangeType.Fanout, durable: true);
        }

        await using var fleet = await new ConnectionFactory { Uri = new Uri(await infrastructure.BrokerUserConnectionStringAsync("fleet")) }.CreateConnectionAsync();
        (await PublishAsync(fleet, Own)).Should().BeNull("fleet publishes its own events");
        (await PublishAsync(fleet, Forged)).Should().Contain("ACCESS_REFUSED", "fleet may not publish that someone left the roster");
        await using var declaring = await fleet.CreateChannelAsync();
        // Fleet follows dispatch and OKR (an erased person), never orders: it may not even declare orders' exchanges.
        var declare = () => declaring.ExchangeDeclareAsync("JinGong.Contracts.Orders:OrderPlaced", ExchangeType.Fanout, durable: true);
        (await declare.Should().ThrowAsync<RabbitMQ.Client.Exceptions.OperationInterruptedException>()).Which.ShutdownReason!.ReplyCode.Should().Be(403);
    }

    // Publishes one message and asks the broker something on the same channel: a refused publish closes the channel, and
    // the reason is returned (null when the message went through).
    private static async Task<string?> PublishAsync(IConnection connection, string exchange)
    {
        await using var channel = await connection.CreateChannelAsync();
        await channel.BasicPublishAsync(exchange, routingKey: string.Empty, body: "forged?"u8.ToArray());
        try
        {
            await channel.ExchangeDeclarePassiveAsync(exchange);
            return null;
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException refused)
        {
            // Also what a channel already closed by the refusal throws (AlreadyClosedException is one).
            return refused.ShutdownReason?.ReplyText;
        }
    }

    [Fact]
    public async Task the_broker_carries_a_message_from_publisher_to_consumer()
    {
        var factory = new ConnectionFactory { Uri = new Uri(infrastructure.ConnectionString("messaging")) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var queue = (await channel.QueueDeclareAsync(exclusive: true, autoDelete: true)).QueueName;

        await channel.BasicPublishAsync(exchange: "", routingKey: queue, body: "vehicle JG-0001"u8.ToArray());
        var received = await Eventually.ReturnsAsync(
            _ => channel.BasicGetAsync(queue, autoAck: true), message => message is not null, TimeSpan.FromSeconds(10), "the message in the queue");

        System.Text.Encoding.UTF8.GetString(received!.Body.Span).Should().Be("vehicle JG-0001");
    }

    [Fact]
    public void neither_server_runs_as_root()
    {
        var servers = ProcessTable.Mentioning(infrastructure.DataDirectory).Where(process => process.Name is "postgres" or "beam.smp" or "epmd").ToList();
        servers.Select(process => process.Name).Should().Contain(["postgres", "beam.smp", "epmd"]);
        servers.Should().AllSatisfy(process => ProcessTable.UserIdOf(process.Pid).Should().NotBe(0, $"{process.Name} ({process.Pid}) runs as its own user"));
    }

    [Fact]
    public void servers_keep_their_data_in_the_run_s_private_folder()
    {
        Directory.Exists(Path.Combine(infrastructure.DataDirectory, "postgres")).Should().BeTrue();
        File.Exists(Path.Combine(infrastructure.DataDirectory, "postgres", "PG_VERSION")).Should().BeTrue();
        Directory.Exists(Path.Combine(infrastructure.DataDirectory, "rabbitmq", "mnesia")).Should().BeTrue();
    }
}

[CollectionDefinition(Name)]
public sealed class InfrastructureCollection : ICollectionFixture<InfrastructureFixture>
{
    public const string Name = "infrastructure";
}
