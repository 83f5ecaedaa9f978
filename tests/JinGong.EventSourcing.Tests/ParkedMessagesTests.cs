using JinGong.EventSourcing.Messaging;

namespace JinGong.EventSourcing.Tests;

/// <summary>A parked message's consumer is tagged as its consumed and redelivered messages are: by the type's own name.</summary>
public sealed class ParkedMessagesTests
{
    [Theory]
    [InlineData("JinGong.Dispatch.Catalogue.VehicleStatusChangedConsumer", "VehicleStatusChangedConsumer")]
    [InlineData("JinGong.Fleet.Integration.DispatchRequestConsumer<JinGong.Contracts.Dispatch.VehicleLoanRequested>", "DispatchRequestConsumer`1")]
    [InlineData("My.Pair<A.B<C.D, E.F>, G.H>", "Pair`2")]
    public void a_consumer_is_named_as_its_type_names_itself(string massTransitName, string name) =>
        ParkedMessages.ConsumerName(massTransitName).Should().Be(name);

    [Fact]
    public void the_name_is_the_one_dotnet_gives_the_type()
    {
        typeof(Pair<int, List<int>>).Name.Should().Be(ParkedMessages.ConsumerName("JinGong.Pair<System.Int32, System.Collections.Generic.List<System.Int32>>"));
    }

    private sealed class Pair<TFirst, TSecond>;
}
