using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using JinGong.Simulation;
using JinGong.Testing;

namespace JinGong.Bench;

/// <summary>The whole system as the tests start it (local PostgreSQL and RabbitMQ, a private data folder), and its processes.</summary>
public sealed class BenchSystem : IAsyncDisposable
{
    public static readonly string[] Resources = ["postgres", "messaging", "fleet", "orders", "dispatch", "okr", "identity", "gateway"];
    private readonly SystemFixture system = new();

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public Uri Gateway => system.GatewayAddress;

    /// <summary>A client of the gateway signed in as the administrator, who may make every write measured.</summary>
    public HttpClient SignedInGateway => system.Gateway;

    /// <summary>A fresh access token for the administrator, for load tools that send it themselves.</summary>
    public Task<string> AccessTokenAsync(CancellationToken cancellationToken) =>
        SignIn.AccessTokenAsync(system.GatewayAddress, SignIn.Administrator, SignIn.AdministratorPassword(system.DataDirectory), cancellationToken);

    public Uri Fleet => system.App.GetEndpoint("fleet", "http");

    public Task<string> ConnectionStringAsync(string name) => system.ConnectionStringAsync(name);

    public static async Task<BenchSystem> StartAsync()
    {
        var bench = new BenchSystem();
        await bench.system.InitializeAsync();
        return bench;
    }

    /// <summary>Each resource's proportional set size now, in MiB: its process and every process it started.</summary>
    public IReadOnlyDictionary<string, double> MemoryMiB()
    {
        var children = Directory.EnumerateDirectories("/proc")
            .Select(path => int.TryParse(Path.GetFileName(path), out var pid) ? (Pid: pid, Parent: ParentOf(pid)) : (Pid: 0, Parent: 0))
            .Where(process => process.Pid > 0)
            .ToLookup(process => process.Parent, process => process.Pid);
        return Resources.ToDictionary(resource => resource, resource =>
        {
            system.App.ResourceNotifications.TryGetCurrentState(resource, out var state);
            var pid = state?.Snapshot.Properties.FirstOrDefault(property => property.Name == "executable.pid")?.Value;
            var tree = new List<int>();
            if (pid is not null)
            {
                tree.Add(Convert.ToInt32(pid, CultureInfo.InvariantCulture));
                for (var i = 0; i < tree.Count; i++)
                {
                    tree.AddRange(children[tree[i]]);
                }
            }

            return Math.Round(tree.Sum(ProportionalSetKiB) / 1024d, 1);
        });
    }

    private static int ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static long ProportionalSetKiB(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/smaps_rollup").FirstOrDefault(l => l.StartsWith("Pss:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "JinGong.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The benchmark runs from inside the repository.");
    }

    public async ValueTask DisposeAsync() => await system.DisposeAsync();
}
