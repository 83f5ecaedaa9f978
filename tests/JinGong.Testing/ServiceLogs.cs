using System.Text.RegularExpressions;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace JinGong.Testing;

/// <summary>What a service wrote to its console, as the dashboard shows it.</summary>
public static partial class ServiceLogs
{
    /// <summary>
    /// The ids of the messages <paramref name="service"/> was delivered again and skipped (its consumers log
    /// "{MessageType} {MessageId} was applied before; skipped"), as often as each was skipped.
    /// </summary>
    public static async Task<IReadOnlyList<Guid>> SkippedRedeliveriesAsync(this SystemFixture system, string service)
    {
        var resource = system.App.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(r => r.Name == service);
        var skipped = new List<Guid>();
        await foreach (var lines in system.App.Services.GetRequiredService<ResourceLoggerService>().GetAllAsync(resource))
        {
            skipped.AddRange(lines.Select(line => SkippedLine().Match(line.Content)).Where(match => match.Success).Select(match => Guid.Parse(match.Groups["id"].Value)));
        }

        return skipped;
    }

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

    [GeneratedRegex(@"(?<id>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}) was applied before; skipped")]
    private static partial Regex SkippedLine();
}
