using System.Globalization;
using JinGong.Domain.Figures;
using JinGong.Fleet.Vehicles;
using JinGong.Fleet.Vehicles.Utilization;
using JinGong.Testing;

namespace JinGong.Fleet.Tests.Utilization;

/// <summary>A vehicle's events written the way the tests read: instants as ISO strings (UTC), one event per line.</summary>
internal sealed class History(string code, string model = "EL-50", string region = "east")
{
    private readonly List<IVehicleEvent> events = [];
    private readonly List<MeterReading> readings = [];

    public static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public IReadOnlyList<IVehicleEvent> Events => events;

    public VehicleTimeline Timeline => events.Fold<VehicleTimeline>()!;

    public string Code => code;

    /// <summary>Every meter reading its telematics reported, in time order, as the readings table holds them.</summary>
    public IReadOnlyList<MeterReading> Readings => [.. readings.OrderBy(reading => reading.At)];

    public History Registered(string at) => Add(new VehicleRegistered(code, model, "loader", region, $"{region}-1", At(at)));

    public History Reserved(string at) => Add(new VehicleReserved(code, "order-1", At(at)));

    public History Delivered(string at) => Add(new VehicleDelivered(code, "order-1", "Hebei Steel", "Tangshan mill", At(at)));

    public History Lent(string at) => Add(new VehicleLent(code, "loan-1", "Angang", "Anshan pit", new DateOnly(2030, 1, 1), At(at)));

    public History Returned(string at) => Add(new VehicleReturned(code, "loan-1", 0m, At(at)));

    public History MaintenanceOpened(string at) => Add(new MaintenanceOpened(code, "hydraulics", At(at)));

    public History MaintenanceClosed(string at) => Add(new MaintenanceClosed(code, "repaired", At(at)));

    public History TransferStarted(string at, string toRegion) => Add(new VehicleTransferStarted(code, "transfer-1", $"{region}-1", $"{toRegion}-1", toRegion, At(at)));

    public History TransferArrived(string at, string toRegion) => Add(new VehicleTransferArrived(code, "transfer-1", $"{toRegion}-1", toRegion, At(at)));

    public History Retired(string at) => Add(new VehicleRetired(code, "worn out", At(at)));

    /// <summary>A telematics batch whose first reading is <paramref name="hoursFrom"/> at <paramref name="from"/> and last <paramref name="hoursTo"/> at <paramref name="to"/>.</summary>
    public History Usage(string from, decimal hoursFrom, string to, decimal hoursTo) => Usage((from, hoursFrom), (to, hoursTo));

    /// <summary>A telematics batch of these readings, in time order.</summary>
    public History Usage(params (string At, decimal Hours)[] batch)
    {
        readings.AddRange(batch.Select(reading => new MeterReading(At(reading.At), reading.Hours)));
        return Add(new UsageReported(
            code, $"batch-{events.Count}", batch.Length, At(batch[0].At), At(batch[^1].At), batch[0].Hours, batch[^1].Hours, At(batch[^1].At)));
    }

    private History Add(IVehicleEvent @event)
    {
        events.Add(@event);
        return this;
    }
}

/// <summary>The worked example of docs/metrics.md ("Utilization"), and the settings it is computed with.</summary>
internal static class WorkedExample
{
    public static readonly ShiftSchedule Shifts = new(8m, new Dictionary<string, decimal> { ["north"] = 10m });

    /// <summary>
    /// Unit A (east): lent on 25 Sep across the September/October boundary; on-site repair from 3 to 5 Oct during the loan;
    /// returned 10 Oct. Two telematics batches, the first across the month boundary.
    /// </summary>
    public static History A(string code = "A", string model = "EL-50", string region = "east") =>
        new History(code, model, region)
            .Registered("2026-09-01T02:00:00Z")
            .Lent("2026-09-25T00:00:00Z")
            .Usage("2026-09-30T04:00:00Z", 1000m, "2026-10-01T04:00:00Z", 1010m)
            .MaintenanceOpened("2026-10-03T00:00:00Z")
            .MaintenanceClosed("2026-10-05T00:00:00Z")
            .Usage("2026-10-06T00:00:00Z", 1010m, "2026-10-09T00:00:00Z", 1040m)
            .Returned("2026-10-10T00:00:00Z");

    /// <summary>Unit B (north): in stock, reserved on 21 Oct (China), delivered (sold) on 26 Oct, and serviced after the sale.</summary>
    public static History B(string code = "B", string model = "EL-50", string region = "north") =>
        new History(code, model, region)
            .Registered("2026-09-01T02:00:00Z")
            .Reserved("2026-10-20T16:00:00Z")
            .Delivered("2026-10-25T16:00:00Z")
            .MaintenanceOpened("2026-10-28T00:00:00Z");
}
