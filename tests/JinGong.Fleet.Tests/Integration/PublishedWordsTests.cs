using System.Text.Json;
using JinGong.Contracts.Fleet;
using JinGong.Fleet.Integration;
using JinGong.Fleet.Vehicles;
using MassTransit.Serialization;

namespace JinGong.Fleet.Tests.Integration;

/// <summary>
/// Fleet's words on the bus are spelt exactly as before they had names (messages already queued, and services not yet
/// upgraded, read them), and a word nobody knows is refused rather than taken for another.
/// </summary>
public sealed class PublishedWordsTests
{
    [Fact]
    public void the_causes_keep_their_wire_spelling() =>
        VehicleChangeCauses.All.Words.Should().BeEquivalentTo(
            "reserved", "reservation-released", "transfer-started", "transfer-arrived", "lent", "returned", "delivered",
            "maintenance-opened", "maintenance-closed", "retired");

    [Fact]
    public void the_requests_keep_their_wire_spelling() =>
        VehicleRequestKinds.All.Words.Should().BeEquivalentTo("reserve", "release", "transfer", "arrive", "lend", "return", "deliver");

    [Fact]
    public void every_status_is_published_as_its_name_was_before() =>
        Enum.GetValues<VehicleStatus>().Select(status => status.Published()).Should()
            .Equal(Enum.GetValues<VehicleStatus>().Select(status => status.ToString())).And.BeEquivalentTo(VehicleStatuses.All.Words);

    [Theory]
    [InlineData(VehicleChangeCauses.TransferStarted, VehicleStatuses.InStock, VehicleStatuses.InTransit)]
    [InlineData(VehicleChangeCauses.MaintenanceClosed, VehicleStatuses.InMaintenance, VehicleStatuses.OnLoan)]
    public void a_status_change_travels_in_those_words_and_reads_back(string cause, string from, string to)
    {
        var change = new VehicleStatusChanged("JG-MT-0001", "MT-90E", "east", "wuxi-1", from, to, cause, "ORD-1", null, "TRF-1", DateTimeOffset.UnixEpoch);

        var json = JsonSerializer.Serialize(change, SystemTextJsonMessageSerializer.Options);

        var wire = JsonDocument.Parse(json).RootElement;
        (wire.GetProperty("cause").GetString(), wire.GetProperty("from").GetString(), wire.GetProperty("to").GetString()).Should().Be((cause, from, to));
        JsonSerializer.Deserialize<VehicleStatusChanged>(json, SystemTextJsonMessageSerializer.Options).Should().Be(change);
    }

    [Theory]
    [InlineData("lend", VehicleStatuses.InMaintenance, "cannot-lend-when-in-maintenance")]
    [InlineData("start-transfer", VehicleStatuses.OnLoan, "cannot-start-transfer-when-on-loan")]
    [InlineData("reserve", VehicleStatuses.Reserved, "cannot-reserve-when-reserved")]
    public void a_forbidden_request_is_named_for_what_was_asked_and_the_status(string action, string status, string rule) =>
        VehicleRules.CannotWhen(action, status).Should().Be(rule);

    [Fact]
    public void a_word_nobody_knows_is_refused()
    {
        FluentActions.Invoking(() => VehicleStatuses.All.Require("Stolen")).Should().Throw<InvalidOperationException>().WithMessage("*Stolen*");
        FluentActions.Invoking(() => VehicleRules.CannotWhen("lend", "in-stock")).Should().Throw<InvalidOperationException>();
    }
}
