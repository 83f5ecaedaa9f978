namespace JinGong.Dispatch.Allocations;

/// <summary>An allocation as clients read it, with the stream version it was read at.</summary>
public sealed record AllocationView(
    string OrderId, string Customer, string Region, string DeliverySite, bool Cancelled, IReadOnlyList<Unit> Units, DateTimeOffset OpenedAt, long Version)
{
    public static AllocationView From(Allocation allocation, long version) =>
        new(allocation.OrderId, allocation.Customer, allocation.Region, allocation.DeliverySite, allocation.Cancelled, allocation.Units, allocation.OpenedAt, version);
}
