using System.Diagnostics;

namespace JinGong.AppHost.Infrastructure;

/// <summary>Where PostgreSQL and RabbitMQ come from: the setting <c>Infra</c>.</summary>
public enum InfraMode
{
    /// <summary>Containers when a container runtime answers, the machine's own packages otherwise.</summary>
    Auto,

    /// <summary>PostgreSQL and RabbitMQ from the machine's Debian packages, run as Aspire executables.</summary>
    Local,

    /// <summary>PostgreSQL and RabbitMQ containers (needs a Docker engine).</summary>
    Containers,
}

public static class InfraModeSelector
{
    /// <summary>How long <c>docker info</c> may take before we decide there is no engine.</summary>
    public static readonly TimeSpan ContainerRuntimeTimeout = TimeSpan.FromSeconds(3);

    public static async Task<InfraMode> ResolveAsync(
        InfraMode requested, Func<CancellationToken, Task<bool>> containerRuntimeAnswers, CancellationToken cancellationToken = default) =>
        requested switch
        {
            InfraMode.Auto => await containerRuntimeAnswers(cancellationToken) ? InfraMode.Containers : InfraMode.Local,
            _ => requested,
        };

    public static InfraMode Parse(string? setting) =>
        string.IsNullOrWhiteSpace(setting) ? InfraMode.Auto
        : Enum.TryParse<InfraMode>(setting, ignoreCase: true, out var mode) && Enum.IsDefined(mode) ? mode
        : throw new ArgumentException($"Infra must be auto, local or containers, not '{setting}'.", nameof(setting));

    /// <summary>
    /// True when <c>docker info</c> succeeds within the timeout. Without an engine the Docker CLI fails in
    /// milliseconds; a hung CLI counts as no engine rather than stalling the AppHost.
    /// </summary>
    public static async Task<bool> DockerAnswersAsync(string dockerCommand, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo(dockerCommand, ["info", "--format", "{{.ServerVersion}}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{dockerCommand} did not start");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // no Docker CLI at all
        }

        using (process)
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            try
            {
                await Task.WhenAll(
                    process.StandardOutput.ReadToEndAsync(deadline.Token),
                    process.StandardError.ReadToEndAsync(deadline.Token),
                    process.WaitForExitAsync(deadline.Token));
                return process.ExitCode == 0;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                return false;
            }
        }
    }
}
