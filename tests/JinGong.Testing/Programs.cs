using System.Diagnostics;

namespace JinGong.Testing;

/// <summary>What a program run by a test printed, and how it ended.</summary>
public sealed record ProgramRun(int ExitCode, string Output, string Errors);

/// <summary>Programs a test runs to its end (a linter, kubectl, the AppHost publishing its manifest), killed with their children past a deadline.</summary>
public static class Programs
{
    public static async Task<ProgramRun> RunAsync(ProcessStartInfo start, TimeSpan deadline)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(deadline);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{start.FileName} {string.Join(' ', start.ArgumentList)} did not finish in {deadline}.");
        }

        return new ProgramRun(process.ExitCode, await output, await errors);
    }
}
