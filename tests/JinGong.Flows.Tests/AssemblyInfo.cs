// The flows and the fault tests each start a whole system: one at a time on a 2-core machine, never both at once.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]
