using System.Text.RegularExpressions;
using Aspire.Hosting.ApplicationModel;
using JinGong.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace JinGong.AppHost.Tests;

/// <summary>
/// What ops see on the dashboard after a clean start: no error, however long the start took (a service still starting is
/// a health status, not an error), and only meaningful logs (no SQL at Information).
/// </summary>
[Collection(SystemCollection.Name)]
public sealed partial class CleanStartTests(SharedSystem system)
{
    private static readonly TimeSpan IdleWindow = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task a_clean_start_and_an_idle_system_log_no_error_and_no_sql_at_information()
    {
        // Other tests of this system may have run since its start: the idle window is this test's own.
        var idleFrom = DateTimeOffset.UtcNow;
        await Task.Delay(IdleWindow);
        var idleUntil = DateTimeOffset.UtcNow;

        var projects = system.App.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<ProjectResource>().Select(project => project.Name).ToList();
        projects.Should().Contain(["gateway", "fleet", "dispatch", "identity"]);
        foreach (var project in projects)
        {
            var records = await system.LogRecordsAsync(project);
            records.Should().NotBeEmpty($"{project} logs its start (and DCP dates each line)");
            records.Where(record => record.At <= system.HealthyAt || (record.At >= idleFrom && record.At <= idleUntil))
                .Where(record => record.Level is "fail" or "crit")
                .Should().BeEmpty($"{project} was started clean and left idle");
            records.Where(record => record.Level == "info" && (SqlCategory().IsMatch(record.Category) || Sql().IsMatch(record.Text)))
                .Should().BeEmpty($"{project} logs SQL at Debug, not at Information");
        }
    }

    [GeneratedRegex(@"^(Npgsql|Marten|Microsoft\.EntityFrameworkCore\.Database)")]
    private static partial Regex SqlCategory();

    [GeneratedRegex(@"\b(select\s.+\sfrom|insert\s+into|delete\s+from|update\s+\S+\s+set)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Sql();
}
