namespace JinGong.AppHost.Tests;

/// <summary>Reads this machine's processes from /proc: who is running, as whose child, with what environment.</summary>
internal static class ProcessTable
{
    public sealed record Entry(int Pid, int ParentPid, string Name, string CommandLine);

    public static IReadOnlyList<Entry> Living() =>
        [.. Directory.EnumerateDirectories("/proc")
            .Select(path => int.TryParse(Path.GetFileName(path), out var pid) ? Read(pid) : null)
            .OfType<Entry>()];

    /// <summary>
    /// The AppHost, the DCP that watches it (started with <c>--monitor pid</c>, reparented away from it)
    /// and everything both of them started.
    /// </summary>
    public static IReadOnlyList<Entry> StartedBy(int appHostPid)
    {
        var living = Living();
        var roots = living.Where(entry => entry.Pid == appHostPid || entry.CommandLine.Contains($"--monitor {appHostPid} ", StringComparison.Ordinal));
        var tree = new List<Entry>(roots);
        for (var i = 0; i < tree.Count; i++)
        {
            tree.AddRange(living.Where(entry => entry.ParentPid == tree[i].Pid && !tree.Contains(entry)));
        }

        return tree;
    }

    /// <summary>Living processes whose command line or environment names <paramref name="text"/> (e.g. a data folder).</summary>
    public static IReadOnlyList<Entry> Mentioning(string text) =>
        [.. Living().Where(entry => entry.CommandLine.Contains(text, StringComparison.Ordinal) || EnvironmentOf(entry.Pid).Contains(text, StringComparison.Ordinal))];

    public static bool IsAlive(int pid) => Read(pid) is not null;

    /// <summary>The real user id a process runs as (0: root), from its status.</summary>
    public static int UserIdOf(int pid) =>
        int.Parse(File.ReadLines($"/proc/{pid}/status").First(line => line.StartsWith("Uid:", StringComparison.Ordinal)).Split('\t', StringSplitOptions.RemoveEmptyEntries)[1],
            System.Globalization.CultureInfo.InvariantCulture);

    private static Entry? Read(int pid)
    {
        try
        {
            // stat: "pid (comm) state ppid ..."; comm may hold spaces, so read after the last ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var afterName = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            if (afterName[0] is "Z" or "X")
            {
                return null; // a zombie has ended; only its parent's bookkeeping is left
            }

            var name = stat[(stat.IndexOf('(') + 1)..stat.LastIndexOf(')')];
            var commandLine = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
            return new Entry(pid, int.Parse(afterName[1], System.Globalization.CultureInfo.InvariantCulture), name, commandLine);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return null; // it ended while we looked
        }
    }

    private static string EnvironmentOf(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/environ");
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}
