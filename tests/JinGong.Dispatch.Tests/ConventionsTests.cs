using JinGong.Dispatch.Allocations;
using JinGong.Dispatch.Loans;
using JinGong.Dispatch.Transfers;
using JinGong.Testing;

namespace JinGong.Dispatch.Tests;

public sealed class ConventionsTests
{
    [Fact]
    public void marten_and_our_reads_fold_every_allocation_loan_and_transfer_event_the_same_way()
    {
        AggregateConventions.EventsWithoutApply<Allocation, IAllocationEvent>().Should().BeEmpty();
        AggregateConventions.EventsWithoutApply<Loan, ILoanEvent>().Should().BeEmpty();
        AggregateConventions.EventsWithoutApply<Transfer, ITransferEvent>().Should().BeEmpty();
    }
}
