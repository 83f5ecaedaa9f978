using System.Diagnostics;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using JinGong.AppHost.Infrastructure;
using JinGong.Testing;

namespace JinGong.AppHost.Tests;

public sealed class InfraModeTests : IDisposable
{
    private readonly DirectoryInfo scripts = Directory.CreateTempSubdirectory("jingong-docker-");

    [Theory]
    [InlineData(InfraMode.Local, true)]
    [InlineData(InfraMode.Containers, false)]
    public async Task an_explicit_setting_is_kept_whatever_docker_says(InfraMode requested, bool dockerAnswers)
    {
        var resolved = await InfraModeSelector.ResolveAsync(requested, _ => Task.FromResult(dockerAnswers));

        resolved.Should().Be(requested);
    }

    [Fact]
    public async Task auto_picks_containers_when_docker_answers()
    {
        var docker = FakeDocker("echo 28.2.2");

        var resolved = await InfraModeSelector.ResolveAsync(InfraMode.Auto, ct => InfraModeSelector.DockerAnswersAsync(docker, TimeSpan.FromSeconds(5), ct));

        resolved.Should().Be(InfraMode.Containers);
    }

    [Fact]
    public async Task auto_picks_local_when_the_docker_cli_has_no_engine()
    {
        // The real Docker CLI, pointed at a socket where no engine listens: what our machines and CI have.
        var docker = FakeDocker("DOCKER_HOST=unix:///nonexistent/docker.sock exec docker \"$@\"");

        var resolved = await InfraModeSelector.ResolveAsync(InfraMode.Auto, ct => InfraModeSelector.DockerAnswersAsync(docker, TimeSpan.FromSeconds(5), ct));

        resolved.Should().Be(InfraMode.Local);
    }

    [Fact]
    public async Task auto_picks_local_when_there_is_no_docker_cli_at_all()
    {
        var resolved = await InfraModeSelector.ResolveAsync(
            InfraMode.Auto, ct => InfraModeSelector.DockerAnswersAsync("/nonexistent/docker", TimeSpan.FromSeconds(5), ct));

        resolved.Should().Be(InfraMode.Local);
    }

    [Fact]
    public async Task auto_gives_up_on_a_docker_cli_that_hangs_and_picks_local()
    {
        var docker = FakeDocker("exec sleep 60");
        var clock = Stopwatch.StartNew();

        var resolved = await InfraModeSelector.ResolveAsync(InfraMode.Auto, ct => InfraModeSelector.DockerAnswersAsync(docker, TimeSpan.FromMilliseconds(500), ct));

        resolved.Should().Be(InfraMode.Local);
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10), "a hung CLI is abandoned at the timeout, not waited out");
    }

    [Theory]
    [InlineData(null, InfraMode.Auto)]
    [InlineData("", InfraMode.Auto)]
    [InlineData("auto", InfraMode.Auto)]
    [InlineData("LOCAL", InfraMode.Local)]
    [InlineData("containers", InfraMode.Containers)]
    public void the_setting_is_read_without_regard_to_case(string? setting, InfraMode expected) =>
        InfraModeSelector.Parse(setting).Should().Be(expected);

    [Theory]
    [InlineData("docker")]
    [InlineData("7")]
    public void an_unknown_setting_is_refused_naming_the_choices(string setting) =>
        FluentActions.Invoking(() => InfraModeSelector.Parse(setting))
            .Should().Throw<ArgumentException>().WithMessage("*auto, local or containers*");

    [Fact]
    public async Task the_apphost_on_auto_runs_local_servers_exactly_when_docker_has_no_engine()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("jingong-auto-").FullName;
        try
        {
            await using var builder = await DistributedApplicationTestingBuilderFor(dataDirectory, "auto");
            var dockerAnswers = await InfraModeSelector.DockerAnswersAsync("docker", InfraModeSelector.ContainerRuntimeTimeout);

            var postgres = builder.Resources.Single(resource => resource.Name == "postgres");
            var messaging = builder.Resources.Single(resource => resource.Name == "messaging");

            if (dockerAnswers)
            {
                postgres.Should().BeAssignableTo<ContainerResource>();
                messaging.Should().BeAssignableTo<ContainerResource>();
            }
            else
            {
                postgres.Should().BeOfType<LocalPostgresResource>();
                messaging.Should().BeOfType<LocalRabbitMqResource>();
            }

            builder.Resources.OfType<IResourceWithConnectionString>().Select(resource => resource.Name)
                .Should().Contain(["fleetdb", "ordersdb", "dispatchdb", "okrdb", "knowledgedb", "messaging"], "both branches expose the same resources");
        }
        finally
        {
            TestAppHost.DeleteDataDirectory(dataDirectory);
        }
    }

    [Theory]
    [InlineData("local")]
    [InlineData("containers")]
    public async Task each_infrastructure_gives_every_service_a_database_role_and_a_broker_user_of_its_own_and_never_the_administrators(string infra)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("jingong-least-privilege-").FullName;
        try
        {
            await using var builder = await DistributedApplicationTestingBuilderFor(dataDirectory, infra);
            var postgres = builder.Resources.Single(resource => resource.Name == "postgres");
            var messaging = builder.Resources.Single(resource => resource.Name == "messaging");
            (postgres is ContainerResource).Should().Be(infra == "containers");

            foreach (var (service, database) in new[] { ("fleet", "fleetdb"), ("orders", "ordersdb"), ("dispatch", "dispatchdb"), ("okr", "okrdb"), ("knowledge", "knowledgedb"), ("identity", "identitydb") })
            {
                var owned = builder.Resources.OfType<ServiceDatabaseResource>().Should().ContainSingle(resource => resource.Name == database).Which;
                owned.Parent.Should().BeSameAs(postgres);
                owned.ConnectionStringExpression.ValueExpression.Should().Contain($"Username={database};").And.NotContain("postgres-password");
                var user = builder.Resources.OfType<ServiceBrokerUserResource>().Should().ContainSingle(resource => resource.User == service).Which;
                user.Parent.Should().BeSameAs(messaging);
                user.ConnectionStringExpression.ValueExpression.Should().StartWith($"amqp://{service}:").And.NotContain("messaging-password");
                user.Permissions.Should().NotBe(BrokerPermissions.Everything);

                var project = builder.Resources.Single(resource => resource.Name == service);
                var references = project.Annotations.OfType<ResourceRelationshipAnnotation>().Where(relation => relation.Type == "Reference").Select(relation => relation.Resource).ToList();
                references.Should().Contain([owned, user], $"{service} connects as its own role and user")
                    .And.NotContain(postgres).And.NotContain(messaging);
            }

            builder.Resources.OfType<ServiceBrokerUserResource>().Single(resource => resource.User == "fleet").Permissions
                .Should().Be(BrokerPermissions.For("fleet", ["Fleet"], ["Dispatch", "Okr"]), "fleet publishes only fleet's contracts");
            if (messaging is RabbitMQServerResource container)
            {
                (await container.UserNameParameter!.GetValueAsync(default)).Should().Be(LocalRabbitMqResource.Administrator, "the broker's administrator is the AppHost's, not guest");
            }
        }
        finally
        {
            TestAppHost.DeleteDataDirectory(dataDirectory);
        }
    }

    /// <summary>
    /// No container engine answers on the machines the suite runs on, so the containers-mode backup is proven as a model:
    /// the server Aspire would run, built from Aspire's own image with pgBackRest, archiving into the repository folder
    /// mounted from the host under the repository's key, and the schedule that reaches it and the broker by name.
    /// </summary>
    [Fact]
    public async Task in_containers_postgres_archives_every_wal_segment_into_the_mounted_repository_and_the_schedule_backs_it_up_by_name()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("jingong-container-backup-").FullName;
        try
        {
            var keyFile = Path.Combine(dataDirectory, "key", "backup.key");
            await using var builder = await Aspire.Hosting.Testing.DistributedApplicationTestingBuilder.CreateAsync<Projects.JinGong_AppHost>(
                ["--Infra=containers", $"--InfraData={dataDirectory}", $"--Backup:KeyFile={keyFile}"], (options, _) => options.DisableDashboard = true);
            await using var withoutBackup = await Aspire.Hosting.Testing.DistributedApplicationTestingBuilder.CreateAsync<Projects.JinGong_AppHost>(
                ["--Infra=containers", $"--InfraData={dataDirectory}", "--Backup:Enabled=false"], (options, _) => options.DisableDashboard = true);
            var postgres = builder.Resources.OfType<PostgresServerResource>().Single();
            var aspiresImage = DistributedApplication.CreateBuilder([]).AddPostgres("postgres").Resource.Annotations.OfType<ContainerImageAnnotation>().Single();
            withoutBackup.Resources.Should().NotContain(resource => resource.Name == "backup");
            var aspiresTag = $"{aspiresImage.Registry}/{aspiresImage.Image}:{aspiresImage.Tag}";

            var build = postgres.Annotations.OfType<DockerfileBuildAnnotation>().Should().ContainSingle().Which;
            build.BuildArguments["BASE"].Should().Be(aspiresTag, "the server is Aspire's own image with PostGIS and pgBackRest added");
            withoutBackup.Resources.OfType<PostgresServerResource>().Single().Annotations.OfType<DockerfileBuildAnnotation>().Should()
                .ContainSingle("fleet's PostGIS is needed with backups or without").Which.BuildArguments["BASE"].Should().Be(aspiresTag);
            var dockerfile = await File.ReadAllTextAsync(build.DockerfilePath);
            dockerfile.Should().Contain($"ARG BASE={aspiresTag}", "restore.sh builds the same image without the AppHost")
                .And.Contain("pgbackrest").And.Contain("postgresql-${PG_MAJOR}-postgis-3").And.Contain("ENTRYPOINT [\"postgres-backup-entrypoint.sh\"]");
            File.GetUnixFileMode(Path.Combine(build.ContextPath, "postgres-backup-entrypoint.sh")).Should().HaveFlag(UnixFileMode.UserExecute);

            postgres.Annotations.OfType<ContainerMountAnnotation>().Should().ContainSingle(mount =>
                mount.Type == ContainerMountType.BindMount && mount.Source == dataDirectory + ".backup" && mount.Target == ContainerBackupExtensions.RepositoryMount);
            var postgresRuns = await RunConfigurationAsync(postgres);
            var environment = postgresRuns.EnvironmentVariables.ToDictionary();
            environment["PGBACKREST_REPO1_CIPHER_PASS"].Should().Be((await File.ReadAllTextAsync(keyFile)).Trim(), "the repository is encrypted with the key kept apart");
            environment["PGBACKREST_REPO1_RETENTION_FULL"].Should().Be("2");
            environment.Should().ContainKey("PGPASSWORD");
            var arguments = postgresRuns.Arguments.Select(argument => argument.Value).ToList();
            arguments.Should().ContainInConsecutiveOrder("-c", "archive_mode=on").And.ContainInConsecutiveOrder("-c", "archive_command=pgbackrest archive-push %p");
            postgres.Annotations.OfType<ContainerNameAnnotation>().Single().Name.Should().Be("jingong-postgres");
            builder.Resources.OfType<RabbitMQServerResource>().Single().Annotations.OfType<ContainerNameAnnotation>().Single().Name.Should().Be("jingong-rabbitmq");

            var backup = builder.Resources.OfType<BackupResource>().Should().ContainSingle().Which;
            (await RunConfigurationAsync(backup)).Arguments.Select(argument => argument.Value).Should().EndWith(["schedule", dataDirectory]);
            backup.Annotations.OfType<WaitAnnotation>().Select(wait => wait.Resource.Name).Should().BeEquivalentTo(["postgres", "messaging"]);
            var settings = await File.ReadAllTextAsync(Path.Combine(dataDirectory, "backup.env"));
            settings.Should().Contain("JINGONG_BACKUP_POSTGRES_CONTAINER='jingong-postgres'").And.Contain("JINGONG_BACKUP_BROKER_CONTAINER='jingong-rabbitmq'")
                .And.Contain("usersecrets/jingong-apphost/secrets.json'", "the containers' generated passwords are backed up from the AppHost's user secrets");
        }
        finally
        {
            TestAppHost.DeleteDataDirectory(dataDirectory);
            Directory.Delete(dataDirectory + ".backup", recursive: true);
        }
    }

    private static Task<IExecutionConfigurationResult> RunConfigurationAsync(IResource resource) =>
        ExecutionConfigurationBuilder.Create(resource).WithArgumentsConfig().WithEnvironmentVariablesConfig()
            .BuildAsync(new Aspire.Hosting.DistributedApplicationExecutionContext(Aspire.Hosting.DistributedApplicationOperation.Run), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, CancellationToken.None);

    private static Task<Aspire.Hosting.Testing.IDistributedApplicationTestingBuilder> DistributedApplicationTestingBuilderFor(string dataDirectory, string infra) =>
        Aspire.Hosting.Testing.DistributedApplicationTestingBuilder.CreateAsync<Projects.JinGong_AppHost>(
            [$"--Infra={infra}", $"--InfraData={dataDirectory}", "--Backup:Enabled=false"], (options, _) => options.DisableDashboard = true);

    private string FakeDocker(string body)
    {
        var path = Path.Combine(scripts.FullName, $"docker-{Guid.NewGuid():N}");
        File.WriteAllText(path, $"#!/bin/sh\n{body}\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    public void Dispose() => scripts.Delete(recursive: true);
}
