using System.Text.RegularExpressions;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace JinGong.Testing;

/// <summary>What a service wrote to its console, as the dashboard shows it.</summary>
public static partial class ServiceLogs
{
    /// <summary>
    /// The ids of the messages <paramref name="service"/> was delivered again and skipped (its consumers log
    /// "{MessageType} {MessageId} was applied before; skipped"), as often as each was skipped, in any of its replicas.
    /// </summary>
    public static async Task<IReadOnlyList<Guid>> SkippedRedeliveriesAsync(this SystemFixture system, string service)
    {
        var skipped = new List<Guid>();
        foreach (var replica in system.ReplicasOf(service))
        {
            var resource = system.App.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(r => r.Name == replica);
            await foreach (var lines in system.App.Services.GetRequiredService<ResourceLoggerService>().GetAllAsync(resource))
            {
                skipped.AddRange(lines.Select(line => SkippedLine().Match(line.Content)).Where(match => match.Success).Select(match => Guid.Parse(match.Groups["id"].Value)));
            }
        }

        return skipped;
    }

    /// <summary>The resources that are replicas of <paramref name="service"/>: <c>fleet</c>, <c>fleet-2</c>... (the AppHost's names).</summary>
    public static IReadOnlyList<string> ReplicasOf(this SystemFixture system, string service) =>
        [.. system.App.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<ProjectResource>()
            .Select(resource => resource.Name).Where(name => name == service || ReplicaName().Match(name) is { Success: true } replica && replica.Groups["service"].Value == service)
            .Order(StringComparer.Ordinal)];

    /// <summary>
    /// The first line <paramref name="resource"/> wrote that contains <paramref name="text"/>, or null when none has
    /// within <paramref name="patience"/>: the host fetches a resource's log from DCP when first asked, so a line already
    /// written may arrive a moment later.
    /// </summary>
    public static async Task<string?> FirstLineWithAsync(this SystemFixture system, string resource, string text, TimeSpan patience)
    {
        var model = system.App.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(r => r.Name == resource);
        var deadline = DateTime.UtcNow + patience;
        do
        {
            await foreach (var batch in system.App.Services.GetRequiredService<ResourceLoggerService>().GetAllAsync(model))
            {
                // A log line is a struct: select its text, so that "none in this batch" is a null, not an empty line.
                if (batch.Select(line => line.Content).FirstOrDefault(content => content?.Contains(text, StringComparison.Ordinal) == true) is { } found)
                {
                    return found.Trim();
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }
        while (DateTime.UtcNow < deadline);

        return null;
    }

    /// <summary>The last <paramref name="count"/> lines <paramref name="resource"/> wrote, for a failure's message.</summary>
    public static async Task<string> LastLinesAsync(this SystemFixture system, string resource, int count = 40)
    {
        var model = system.App.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(r => r.Name == resource);
        var lines = new List<string>();
        await foreach (var batch in system.App.Services.GetRequiredService<ResourceLoggerService>().GetAllAsync(model))
        {
            lines.AddRange(batch.Select(line => line.Content));
        }

        return string.Join(Environment.NewLine, lines.TakeLast(count));
    }

    /// <summary>One record a .NET resource logged to its console: when, at which level (<c>info</c>, <c>fail</c>, ...), by which category, and its text.</summary>
    public sealed record LogRecord(DateTimeOffset At, string Level, string Category, string Text);

    /// <summary>
    /// The records <paramref name="resource"/> logged, read back from its console lines (<c>2026-…Z info: Category[0]</c>
    /// and the indented lines after it). DCP puts the time it received a line in front of it.
    /// </summary>
    public static async Task<IReadOnlyList<LogRecord>> LogRecordsAsync(this SystemFixture system, string resource)
    {
        var model = system.App.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(r => r.Name == resource);
        var records = new List<LogRecord>();
        await foreach (var batch in system.App.Services.GetRequiredService<ResourceLoggerService>().GetAllAsync(model))
        {
            foreach (var line in batch)
            {
                var match = ConsoleLine().Match(AnsiEscape().Replace(line.Content, string.Empty));
                if (!match.Success)
                {
                    continue;
                }

                var at = DateTimeOffset.Parse(match.Groups["at"].Value, System.Globalization.CultureInfo.InvariantCulture);
                if (match.Groups["level"].Success)
                {
                    records.Add(new(at, match.Groups["level"].Value, match.Groups["category"].Value, string.Empty));
                }
                else if (records.Count > 0)
                {
                    records[^1] = records[^1] with { Text = records[^1].Text + match.Groups["text"].Value + Environment.NewLine };
                }
            }
        }

        return records;
    }

    [GeneratedRegex(@"^(?<service>[a-z]+)-\d+$")]
    private static partial Regex ReplicaName();

    [GeneratedRegex(@"\x1b\[[0-9;]*m")]
    private static partial Regex AnsiEscape();

    [GeneratedRegex(@"^(?<at>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z)\s(((?<level>trce|dbug|info|warn|fail|crit): (?<category>[^\[]+)\[)|(?<text>.*))")]
    private static partial Regex ConsoleLine();

    [GeneratedRegex(@"(?<id>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}) was applied before; skipped")]
    private static partial Regex SkippedLine();
}
