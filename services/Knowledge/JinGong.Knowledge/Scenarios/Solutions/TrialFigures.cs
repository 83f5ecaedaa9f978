using JinGong.Domain.Figures;
using JinGong.Knowledge.Records;

namespace JinGong.Knowledge.Scenarios.Solutions;

/// <summary>
/// One trial [试用] as of a moment: the loan behind it, how long it ran by then, the hours its unit's meter ran on it, and
/// whether its opportunity was won by then — with the events each of these comes from.
/// </summary>
public sealed record TrialLine(
    string LoanId, string VehicleCode, string Region, string Borrower, DateTimeOffset OpenedAt, DateTimeOffset? ClosedAt, decimal Days, decimal OperatingHours,
    string? OpportunityId, bool Won, TrialEvents Events);

/// <summary>The events behind a trial's figures: its opening and closing (dispatch), the telematics batches counted (fleet), the opportunity's won closing (orders).</summary>
public sealed record TrialEvents(Guid Opened, Guid? Closed, IReadOnlyList<Guid> Usage, Guid? Won);

/// <summary>
/// The trials of one model in a working condition as of a moment: how many ran, on how many units, for how many days,
/// the operating hours per day the units' meters ran, and how many turned into won opportunities.
/// </summary>
public sealed record ModelTrials(
    string Model, bool Recommended, int Trials, int Units, decimal DaysOnTrial, decimal OperatingHours, decimal? HoursPerDay, int Won, IReadOnlyList<TrialLine> Lines);

/// <summary>
/// The trial figures of a working condition's solution (docs/metrics.md, "Trials"), from the loans recorded as its trials,
/// the telematics of their units while out, and the opportunities they served — each as it stood at the moment asked for.
/// </summary>
public static class TrialFigures
{
    /// <param name="recommended">The models recommended for the condition at <paramref name="asOf"/>: each has a row, trials or not.</param>
    /// <param name="trials">The loan records recorded as the condition's trials.</param>
    /// <param name="opportunities">The records of the opportunities the trials served, by opportunity id.</param>
    public static IReadOnlyList<ModelTrials> Of(
        IReadOnlyCollection<string> recommended, IEnumerable<LoanRecord> trials, IReadOnlyDictionary<string, OpportunityRecord> opportunities, DateTimeOffset asOf)
    {
        var lines = trials
            .Where(trial => trial.Opening is { } opening && opening.OpenedAt <= asOf)
            .Select(trial => Line(trial, opportunities, asOf))
            .ToLookup(line => line.Model, line => line.Line);
        return [.. recommended.Concat(lines.Select(model => model.Key)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(model =>
        {
            var ran = lines[model].OrderBy(line => line.OpenedAt).ThenBy(line => line.LoanId, StringComparer.Ordinal).ToList();
            var days = ran.Sum(line => line.Days);
            var hours = ran.Sum(line => line.OperatingHours);
            return new ModelTrials(
                model, recommended.Contains(model), ran.Count, ran.Select(line => line.VehicleCode).Distinct(StringComparer.Ordinal).Count(),
                Math.Round(days, 2, MidpointRounding.AwayFromZero), Math.Round(hours, 2, MidpointRounding.AwayFromZero), FigureMath.Ratio(hours, days, 2),
                ran.Count(line => line.Won),
                [.. ran.Select(line => line with
                {
                    Days = Math.Round(line.Days, 2, MidpointRounding.AwayFromZero),
                    OperatingHours = Math.Round(line.OperatingHours, 2, MidpointRounding.AwayFromZero),
                })]);
        })];
    }

    private static (string Model, TrialLine Line) Line(LoanRecord trial, IReadOnlyDictionary<string, OpportunityRecord> opportunities, DateTimeOffset asOf)
    {
        var opening = trial.Opening!;
        var closed = trial.Closing is { } closing && closing.ClosedAt <= asOf ? closing : null;
        var end = closed?.ClosedAt ?? asOf;
        // Only readings taken by the moment asked for count, and only the stretch of them the unit was out on the trial.
        var readings = trial.Readings();
        var hours = new Meter(readings, asOf).HoursBetween(opening.OpenedAt, end);
        var counted = trial.Usage.Where(batch => batch.From <= end && batch.To >= opening.OpenedAt && batch.From <= asOf).Select(batch => batch.EventId).ToList();
        var won = opening.OpportunityId is { } opportunityId && opportunities.TryGetValue(opportunityId, out var opportunity)
            && opportunity.ClosingAsOf(asOf) is { Won: true } winning ? winning : null;
        return (opening.Model, new TrialLine(
            trial.LoanId, opening.VehicleCode, opening.Region, opening.Borrower, opening.OpenedAt, closed?.ClosedAt, (decimal)(end - opening.OpenedAt).Ticks / TimeSpan.TicksPerDay, hours,
            opening.OpportunityId, won is not null, new TrialEvents(opening.EventId, closed?.EventId, counted, won?.EventId)));
    }
}
