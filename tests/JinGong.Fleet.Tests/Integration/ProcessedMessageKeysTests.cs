using JinGong.EventSourcing.Messaging;
using JinGong.Fleet.Integration;
using Requests = JinGong.Contracts.Dispatch;

namespace JinGong.Fleet.Tests.Integration;

/// <summary>Each of fleet's request consumers keeps its own record of what it applied, and still knows the records kept before they had one each.</summary>
public sealed class ProcessedMessageKeysTests
{
    private static readonly Guid MessageId = Guid.Parse("5f0c7a1e-0000-4000-8000-000000000001");

    [Fact]
    public void each_request_consumer_is_named_with_its_request() =>
        ProcessedMessages.Key(typeof(DispatchRequestConsumer<Requests.VehicleLoanRequested>), MessageId)
            .Should().Be("DispatchRequestConsumer<VehicleLoanRequested>/5f0c7a1e000040008000000000000001");

    [Fact]
    public void a_record_kept_under_the_family_name_is_still_recognised() =>
        ProcessedMessages.FormerKey(typeof(DispatchRequestConsumer<Requests.VehicleLoanRequested>), MessageId)
            .Should().Be("DispatchRequestConsumer`1/5f0c7a1e000040008000000000000001");

    [Fact]
    public void a_consumer_of_its_own_keeps_its_name() =>
        (ProcessedMessages.Key(typeof(ProcessedMessageKeysTests), MessageId), ProcessedMessages.FormerKey(typeof(ProcessedMessageKeysTests), MessageId))
            .Should().Be(("ProcessedMessageKeysTests/5f0c7a1e000040008000000000000001", null));
}
