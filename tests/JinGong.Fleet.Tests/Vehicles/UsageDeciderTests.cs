using JinGong.Domain;
using JinGong.Domain.Figures;
using JinGong.Fleet.Vehicles;
using JinGong.Fleet.Vehicles.Usage;
using JinGong.Testing;

namespace JinGong.Fleet.Tests.Vehicles;

/// <summary>
/// Telematics batches placed among the readings already stored, as a pure function: late, out of order and repeated
/// readings as a unit out of signal uploads them; the meter checked against the readings around each point in time.
/// </summary>
public sealed class UsageDeciderTests
{
    private const string Code = "JG-LD-0001";
    private static readonly DateTimeOffset Day = new(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = Day.AddDays(30);

    private static DeciderSpecification<VehicleCommand, Vehicle> Registered =>
        DeciderSpecification.For<VehicleCommand, Vehicle>(VehicleDecider.Decide)
            .Given(new VehicleRegistered(Code, "LD-50E", "loader", "north", "tangshan-1", Day.AddDays(-10)));

    /// <summary>Readings at <paramref name="start"/> and each hour after it, the meter at <paramref name="hours"/> and one more each hour.</summary>
    private static UsagePoint[] Hourly(DateTimeOffset start, decimal hours, int count) =>
        [.. Enumerable.Range(0, count).Select(i => new UsagePoint(start.AddHours(i), hours + i, 39.63, 118.18))];

    private static MeterReading[] Stored(params UsagePoint[] points) => [.. points.Select(point => new MeterReading(point.At, point.OperatingHours))];

    private static ReportUsage Report(string batchId, UsagePoint[] points, MeterReading[]? around = null, bool recorded = false) =>
        new(Code, batchId, points, new StoredReadings(recorded, around ?? []), points[^1].At, Now);

    private static UsageReported Reported(string batchId, UsagePoint[] points, DateTimeOffset occurredAt) =>
        new(Code, batchId, points.Length, points[0].At, points[^1].At, points[0].OperatingHours, points[^1].OperatingHours, occurredAt);

    [Fact]
    public void a_late_batch_between_stored_readings_is_accepted_and_leaves_the_meter_at_the_newest_reading()
    {
        var monday = Hourly(Day, 100m, 24);
        var wednesday = Hourly(Day.AddDays(2), 150m, 24);
        var tuesday = Hourly(Day.AddDays(1), 124m, 24);
        var given = Registered.Given(Reported("mon", monday, monday[^1].At), Reported("wed", wednesday, wednesday[^1].At));

        var decided = given.When(Report("tue", tuesday, Stored(monday[^1], wednesday[0])));

        decided.Then(Reported("tue", tuesday, wednesday[^1].At));
        var after = given.Given(decided.Events.ToArray()).State!;
        (after.OperatingHours, after.LastUsageAt, after.LastOccurredAt).Should().Be((173m, wednesday[^1].At, wednesday[^1].At),
            "the vehicle's meter and business time stay at its newest reading; the late batch only fills the past");
    }

    [Fact]
    public void readings_already_stored_are_left_out_and_a_batch_of_nothing_new_appends_nothing()
    {
        var stored = Hourly(Day, 100m, 12);
        var overlapping = Hourly(Day.AddHours(6), 106m, 12);
        var given = Registered.Given(Reported("first", stored, stored[^1].At));

        given.When(Report("overlap", overlapping, Stored(stored[5..]))).Then(Reported("overlap", overlapping[6..], overlapping[^1].At));
        given.When(Report("again", stored[2..8], Stored(stored[1..9]))).Then();
    }

    [Fact]
    public void a_batch_recorded_already_appends_nothing_whatever_it_holds()
    {
        Registered.When(Report("sent-twice", Hourly(Day, 100m, 3), recorded: true)).Then();
    }

    [Theory]
    [InlineData(-1, "stored before it")]
    [InlineData(+1, "stored after it")]
    [InlineData(0, "stored for that instant")]
    public void a_reading_whose_hours_contradict_the_stored_reading_around_it_refuses_the_whole_batch(int side, string where)
    {
        // Stored: 100 h at 10:00 and 110 h at 20:00. The late reading at 15:00 (or at 10:00 itself) says otherwise.
        var around = new[] { new MeterReading(Day.AddHours(10), 100m), new MeterReading(Day.AddHours(20), 110m) };
        var (at, hours) = side switch
        {
            -1 => (Day.AddHours(15), 99m),
            +1 => (Day.AddHours(15), 111m),
            _ => (Day.AddHours(10), 101m),
        };
        UsagePoint[] batch = [new(Day.AddHours(5), 90m, 39.63, 118.18), new(at, hours, 39.63, 118.18)];

        var error = Registered.When(Report("contradicting", batch, around)).ThenRejects("operating-hours-contradict-readings");

        error.Kind.Should().Be(ErrorKind.Unprocessable);
        error.Detail.Should().Contain(where).And.Contain(around[side > 0 ? 1 : 0].At.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void readings_from_before_the_vehicle_was_registered_are_refused()
    {
        Registered.When(Report("too-early", Hourly(Day.AddDays(-11), 0m, 48))).ThenRejects("usage-before-registration");
    }

    [Fact]
    public void a_retired_vehicle_takes_the_readings_it_buffered_before_retirement_and_no_others()
    {
        var retired = Registered.Given(new VehicleRetired(Code, "worn out", Day.AddDays(5)));

        retired.When(Report("buffered", Hourly(Day, 100m, 24))).Then(Reported("buffered", Hourly(Day, 100m, 24), Day.AddDays(5)));
        retired.When(Report("after", Hourly(Day.AddDays(6), 200m, 2))).ThenRejects("vehicle-retired");
    }
}
