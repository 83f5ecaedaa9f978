using Marten;
using MassTransit;

namespace JinGong.Knowledge.Members;

public static class MembersModule
{
    public static void ConfigureMembers(this StoreOptions options) =>
        // A team's members are listed for its read rate and its grants; concurrent roster facts must not overwrite each other.
        options.Schema.For<Member>().Duplicate(member => member.Team).UseOptimisticConcurrency(true);

    public static void AddRosterConsumers(this IBusRegistrationConfigurator bus) => bus.AddConsumer<RosterConsumers>();
}
