using JinGong.Knowledge.Records;
using JinGong.Knowledge.Scenarios.Solutions;

namespace JinGong.Knowledge.Tests.Scenarios;

/// <summary>
/// The trial figures and the lost opportunities of a solution on a scripted history, each figure worked out by hand
/// (docs/metrics.md, "Trials", worked example): loans recorded as trials of one working condition, the telematics of
/// their units while out, and the opportunities they served, read at two moments.
/// </summary>
public sealed class TrialFiguresTests
{
    private const string Condition = "SCN-1-C1";
    private static readonly DateTimeOffset EndOfOctober = At("2026-10-31T16:00:00Z");
    private static readonly DateTimeOffset MidOctober = At("2026-10-15T16:00:00Z");

    // MT-90E: L1 on U1 with two batches (the first begun before the loan opened) for O1, won on 10-20; L2 on U2, still out,
    // for O2, lost on 10-28, with a batch whose last reading comes after the end of October; L5 on U1 again. MT-60E: L3, no
    // telematics. L4 opens in November.
    private static readonly LoanRecord[] Trials =
    [
        Trial("L1", "MT-90E", "U1", "O1", "2026-10-01T00:00:00Z", "2026-10-11T00:00:00Z",
            Batch("B1", "2026-09-30T12:00:00Z", 490m, "2026-10-02T12:00:00Z", 514m), Batch("B2", "2026-10-05T00:00:00Z", 530m, "2026-10-10T00:00:00Z", 580m)),
        Trial("L2", "MT-90E", "U2", "O2", "2026-10-20T00:00:00Z", null,
            Batch("B3", "2026-10-20T00:00:00Z", 100m, "2026-10-25T00:00:00Z", 140m), Batch("B4", "2026-10-30T00:00:00Z", 150m, "2026-11-02T00:00:00Z", 170m)),
        Trial("L3", "MT-60E", "U3", null, "2026-10-12T00:00:00Z", "2026-10-15T00:00:00Z"),
        Trial("L4", "MT-90E", "U2", null, "2026-11-05T00:00:00Z", null),
        Trial("L5", "MT-90E", "U1", null, "2026-10-25T00:00:00Z", "2026-10-27T00:00:00Z", Batch("B5", "2026-10-25T00:00:00Z", 600m, "2026-10-27T00:00:00Z", 616m)),
    ];

    private static readonly Dictionary<string, OpportunityRecord> Opportunities = new()
    {
        ["O1"] = Opportunity("O1", ["MT-90E"], (true, null, "2026-10-20T02:00:00Z")),
        ["O2"] = Opportunity("O2", ["MT-90E"], (false, "价格高于柴油车", "2026-10-28T02:00:00Z")),
    };

    [Fact]
    public void at_the_end_of_october_each_model_counts_the_trials_opened_by_then_with_their_days_meter_hours_and_wins()
    {
        var figures = TrialFigures.Of(["MT-90E", "MT-120E"], Trials, Opportunities, EndOfOctober);

        figures.Select(model => model.Model).Should().Equal("MT-120E", "MT-60E", "MT-90E");
        var (none, withdrawn, recommended) = (figures[0], figures[1], figures[2]);
        none.Should().BeEquivalentTo(new { Recommended = true, Trials = 0, Units = 0, DaysOnTrial = 0m, OperatingHours = 0m, HoursPerDay = (decimal?)null, Won = 0 });
        // Tried, though no longer recommended: no hours known (no telematics), 3 days.
        withdrawn.Should().BeEquivalentTo(new { Recommended = false, Trials = 1, Units = 1, DaysOnTrial = 3m, OperatingHours = 0m, HoursPerDay = (decimal?)0m, Won = 0 });

        // L1: the meter stood at 496 h when the loan opened (12 of the first batch's 48 h had passed: 490 + 24 × 12 ⁄ 48), ran
        // evenly across the gap to 530 h and on to 580 h, and said nothing more until the return: 84 h in 10 days.
        // L2: 100 h → 150 h at the last reading taken by then (the batch's end on 11-02 is not known yet): 50 h in 11 ⅔ days.
        // L5: 16 h in 2 days. So 150 h in 23 ⅔ days: 6.34 h a day; one trial (L1) turned into a won opportunity (O1).
        recommended.Should().BeEquivalentTo(new { Recommended = true, Trials = 3, Units = 2, DaysOnTrial = 23.67m, OperatingHours = 150m, HoursPerDay = (decimal?)6.34m, Won = 1 });
        recommended.Lines.Select(line => (line.LoanId, line.Days, line.OperatingHours, line.Won)).Should().Equal(
            ("L1", 10m, 84m, true), ("L2", 11.67m, 50m, false), ("L5", 2m, 16m, false));
    }

    [Fact]
    public void each_trial_links_to_the_events_behind_its_figures()
    {
        var line = TrialFigures.Of(["MT-90E"], Trials, Opportunities, EndOfOctober).Single(model => model.Model == "MT-90E").Lines[0];

        line.Events.Should().BeEquivalentTo(new TrialEvents(
            EventOf("L1-opened"), EventOf("L1-closed"), [EventOf("B1"), EventOf("B2")], EventOf("O1-closing")));
        line.ClosedAt.Should().Be(At("2026-10-11T00:00:00Z"));
    }

    [Fact]
    public void in_mid_october_only_what_had_happened_by_then_counts()
    {
        var figures = TrialFigures.Of(["MT-90E"], Trials, Opportunities, MidOctober);

        // L3 closed on 10-15 00:00, before the moment; O1 was not won yet; L2 and L5 had not opened.
        figures.Single(model => model.Model == "MT-90E").Should().BeEquivalentTo(
            new { Trials = 1, Units = 1, DaysOnTrial = 10m, OperatingHours = 84m, HoursPerDay = (decimal?)8.4m, Won = 0 });
        figures.Single(model => model.Model == "MT-60E").DaysOnTrial.Should().Be(3m);
    }

    [Fact]
    public void a_trial_still_out_runs_to_the_moment_asked_for_and_counts_only_readings_taken_by_then()
    {
        var line = TrialFigures.Of([], Trials, Opportunities, At("2026-10-22T00:00:00Z")).Single(model => model.Model == "MT-90E").Lines.Single(trial => trial.LoanId == "L2");

        // Two days out; B3's readings (10-20 and 10-25) are both dated, but the second was not taken by 10-22: the meter says 100 h still.
        line.Should().BeEquivalentTo(new { Days = 2m, OperatingHours = 0m, ClosedAt = (DateTimeOffset?)null });
    }

    [Fact]
    public void the_lost_opportunities_are_those_of_the_last_half_year_still_lost_that_a_trial_served_or_that_wanted_a_recommended_model()
    {
        OpportunityRecord[] closed =
        [
            Opportunities["O2"],
            Opportunity("O3", ["MT-90E"], (false, "交期太长", "2026-09-10T02:00:00Z")),
            Opportunity("O4", ["EX-20E"], (false, "不需要挖机", "2026-10-01T02:00:00Z")),
            Opportunity("O5", ["MT-90E"], (false, "预算取消", "2026-03-01T02:00:00Z")),
            Opportunities["O1"],
            Opportunity("O7", ["MT-90E"], (false, "续航担忧", "2026-10-05T02:00:00Z"), (true, null, "2026-10-25T02:00:00Z")),
            Opportunity("O8", ["MT-90E"], (false, "预算不足", "2026-10-01T02:00:00Z"), (null, "预算追加", "2026-10-10T02:00:00Z")),
        ];

        var endOfOctober = LostOpportunities.Of(closed, new HashSet<string> { "MT-90E" }, new HashSet<string> { "O2" }, EndOfOctober);
        var midOctober = LostOpportunities.Of(closed, new HashSet<string> { "MT-90E" }, new HashSet<string>(), MidOctober);

        endOfOctober.Select(lost => (lost.OpportunityId, lost.Reason, lost.Tried)).Should().Equal(("O2", "价格高于柴油车", true), ("O3", "交期太长", false));
        // Before O7 was won again it was lost; O2 was not lost yet; O8, reopened, is open and lists nowhere.
        midOctober.Select(lost => lost.OpportunityId).Should().Equal("O7", "O3");
        LostOpportunities.Of(closed, new HashSet<string> { "MT-90E" }, new HashSet<string>(), At("2026-10-05T00:00:00Z")).Select(lost => lost.OpportunityId)
            .Should().Equal("O8", "O3");
    }

    private static DateTimeOffset At(string instant) => DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture);

    private static Guid EventOf(string fact) => new(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(fact)));

    private static UsageFact Batch(string id, string from, decimal hoursFrom, string to, decimal hoursTo) => new(id, At(from), At(to), hoursFrom, hoursTo, EventOf(id));

    private static LoanRecord Trial(string loan, string model, string unit, string? opportunity, string opened, string? closed, params UsageFact[] usage) =>
        new(LoanRecord.IdOf(loan), loan, new LoanOpening(unit, model, "north", "神华准格尔", Condition, opportunity, At(opened), EventOf($"{loan}-opened")),
            closed is null ? null : new LoanClosing(0m, At(closed), EventOf($"{loan}-closed")), usage, At(opened))
        {
            ConditionId = Condition,
        };

    private static OpportunityRecord Opportunity(string id, string[] models, params (bool? Won, string? Reason, string At)[] closings) =>
        new(OpportunityRecord.IdOf(id), id, "神华准格尔", "north", models,
            [.. closings.Select((closing, i) => new OpportunityOutcome(closing.Won, closing.Reason, At(closing.At), i == 0 ? EventOf($"{id}-closing") : EventOf($"{id}-closing-{i}")))],
            [], At(closings[^1].At))
        {
            LastOutcomeAt = At(closings[^1].At),
        };
}
